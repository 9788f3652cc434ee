package org.careledger.core.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a log of {@code size} leaves: the hashes of the perfect subtrees that tile [0, size), largest
 * (leftmost) first, one per set bit of {@code size}. Keeping them in memory lets appends and the current root run
 * without store reads. Immutable, so readers can take it as a consistent snapshot while the log grows.
 */
record Frontier(long size, List<byte[]> hashes) {
    static final Frontier EMPTY = new Frontier(0, List.of());

    Frontier {
        if (hashes.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException(
                    "a log of " + size + " leaves has " + Long.bitCount(size) + " frontier subtrees, not " + hashes.size());
        }
        hashes = List.copyOf(hashes);
    }

    /** Reads the frontier of a log of {@code size} leaves: popcount(size) store reads. */
    static Frontier load(StoredSubtrees subtrees, long size) {
        List<byte[]> hashes = new ArrayList<>(Long.bitCount(size));
        long start = 0;
        for (int level = 62; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                hashes.add(subtrees.perfect(level, start >>> level));
                start += 1L << level;
            }
        }
        return new Frontier(size, hashes);
    }

    /**
     * Appends a leaf: the new leaf completes one parent for every trailing one bit of the old size (two subtrees of
     * equal size meet), and each completed parent is written to the store before the next is computed.
     */
    Frontier append(byte[] leafHash, MerkleNodeStore store) {
        List<byte[]> next = new ArrayList<>(hashes);
        byte[] node = leafHash;
        int level = 0;
        long index = size;
        store.put(level, index, node.clone());
        while ((index & 1) == 1) {
            node = Rfc6962.nodeHash(next.removeLast(), node);
            level++;
            index >>>= 1;
            store.put(level, index, node.clone());
        }
        next.add(node);
        return new Frontier(size + 1, next);
    }

    byte[] root() {
        return hashes.isEmpty() ? Rfc6962.emptyRoot() : StoredSubtrees.foldRightEdge(hashes).clone();
    }
}
