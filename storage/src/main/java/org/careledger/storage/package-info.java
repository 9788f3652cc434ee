/**
 * RocksDB storage of one node: blocks, tx index, world state, Merkle log nodes, certificates and purgeable
 * blobs, each in its own column family. A block is written as one atomic WriteBatch.
 */
package org.careledger.storage;
