/**
 * Who is calling the node's API: every request but the few anonymous ones is signed (RFC 9421) by a ledger identity,
 * and this package turns that signature into a {@link org.careledger.node.auth.Caller} the routes authorize against.
 */
package org.careledger.node.auth;
