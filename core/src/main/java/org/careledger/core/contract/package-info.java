/**
 * The contract interface: pure, deterministic functions over a state view. The ledger dispatches to them;
 * they know nothing of consensus, storage or transport.
 */
package org.careledger.core.contract;
