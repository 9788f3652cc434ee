package org.careledger.core.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads perfect subtree hashes from a {@link MerkleNodeStore} and derives MTH(D[start:end]) for the ranges the
 * RFC 6962 recursion visits, touching one stored node per perfect piece instead of every leaf below.
 */
final class StoredSubtrees {
    private final MerkleNodeStore store;

    StoredSubtrees(MerkleNodeStore store) {
        this.store = store;
    }

    /** The stored hash of the perfect subtree at (level, index); its absence means the store lost data. */
    byte[] perfect(int level, long index) {
        byte[] hash = store.get(level, index).orElseThrow(() -> new MerkleProofException(
                MerkleProofException.STORE_CORRUPT,
                "the node store has no hash for the subtree at level " + level + ", index " + index));
        if (hash == null || hash.length != Rfc6962.HASH_LENGTH) {
            throw new MerkleProofException(MerkleProofException.STORE_CORRUPT,
                    "the node store holds a damaged hash for the subtree at level " + level + ", index " + index);
        }
        return hash;
    }

    /**
     * MTH(D[start:end]) for a non-empty range whose start is a multiple of the largest power of two not above its
     * length. Every range the RFC recursion produces qualifies (a left part starts where its parent did, a right
     * part at a multiple of the split, and is shorter than the split), and such a range splits into at most log2(n)
     * stored perfect subtrees: the binary digits of its length, largest first.
     */
    byte[] rangeHash(long start, long end) {
        long length = end - start;
        if (start < 0 || length <= 0 || (start & (Long.highestOneBit(length) - 1)) != 0) {
            throw new IllegalArgumentException(
                    "[" + start + ", " + end + ") is not a range the RFC 6962 recursion produces");
        }
        List<byte[]> pieces = new ArrayList<>(Long.bitCount(length));
        for (long position = start; position < end; ) {
            int level = 63 - Long.numberOfLeadingZeros(end - position);
            pieces.add(perfect(level, position >>> level));
            position += 1L << level;
        }
        return foldRightEdge(pieces);
    }

    /**
     * Combines perfect subtrees that tile a range, largest first, into the range's RFC 6962 hash. The RFC splits off
     * the largest power of two on the left, so the smaller pieces on the right are joined first.
     */
    static byte[] foldRightEdge(List<byte[]> pieces) {
        byte[] hash = pieces.getLast();
        for (int i = pieces.size() - 2; i >= 0; i--) {
            hash = Rfc6962.nodeHash(pieces.get(i), hash);
        }
        return hash;
    }
}
