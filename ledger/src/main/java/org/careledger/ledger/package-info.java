/**
 * The ledger of one node: admits signed transactions, applies ordered batches through the contracts, seals
 * blocks into the store, serves blocks, proofs and state, and re-verifies a store from genesis.
 */
package org.careledger.ledger;
