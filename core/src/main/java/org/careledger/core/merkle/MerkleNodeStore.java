package org.careledger.core.merkle;

import java.util.Optional;

/**
 * Storage of complete (perfect) subtree hashes: the node at (level, index) covers leaves
 * [index*2^level, (index+1)*2^level).
 *
 * <p>Only perfect subtrees are stored because they never change once their last leaf is appended; every other hash
 * the log needs (roots, the ragged right edge of a tree) is derived from at most log2(n) of them.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@link MerkleLog#append} puts the leaf (level 0) first and then each parent it completes, lowest level
 *       first, so a crash can leave nodes beyond the log's committed size but never a parent without its children.
 *   <li>Nodes at or beyond the committed size are garbage: after a crash the log is resumed at its committed size and
 *       will {@code put} those positions again, possibly with different hashes, so {@code put} must overwrite.
 *   <li>{@code get} may run on other threads while {@code put} writes a different node (proofs are served while the
 *       log grows); a node is never read before the {@code put} that wrote it has returned.
 *   <li>Hashes are 32-byte arrays; an implementation may keep the array it is given, the log never reuses it.
 * </ul>
 */
public interface MerkleNodeStore {
    /** The hash of the perfect subtree at (level, index), or empty if it was never stored. */
    Optional<byte[]> get(int level, long index);

    /** Stores (or overwrites) the hash of the perfect subtree at (level, index). */
    void put(int level, long index, byte[] hash);
}
