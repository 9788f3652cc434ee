/**
 * Ordering: a local sequencer for a lone node, and the Apache Ratis state machine that orders batches across
 * the consortium, collects block signatures into quorum certificates and snapshots the store.
 */
package org.careledger.consensus;
