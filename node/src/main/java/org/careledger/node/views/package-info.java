/**
 * The JSON views of stored blocks, transactions, certificates and proofs ({@link org.careledger.node.views.Views}):
 * what the ledger routes ({@code node.api}), the domains' read views ({@code node.records}, {@code node.drugs}) and
 * {@code TxService} answer with. A package of its own, below all of them, so the routes and the domains they call
 * stay acyclic.
 */
package org.careledger.node.views;
