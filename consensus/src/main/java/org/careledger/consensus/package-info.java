/**
 * Ordering: a local sequencer for a lone node, and the consortium's Apache Ratis group ({@link
 * org.careledger.consensus.RaftNode}) that orders batches, collects block signatures into quorum certificates, and
 * snapshots the store as RocksDB checkpoints.
 */
package org.careledger.consensus;
