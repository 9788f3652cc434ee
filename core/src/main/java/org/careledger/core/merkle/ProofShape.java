package org.careledger.core.merkle;

/**
 * Where RFC 6962 splits a range and how many hashes a proof must therefore carry. Knowing the exact length up front
 * lets a verifier reject a padded or truncated proof with a precise reason instead of a bare "does not match".
 */
final class ProofShape {
    private ProofShape() {}

    /** The k of RFC 6962: the largest power of two smaller than n, for {@code n >= 2}. */
    static long largestPowerOfTwoBelow(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("only a range of two or more leaves is split, got " + n);
        }
        return Long.highestOneBit(n - 1);
    }

    static boolean isPowerOfTwo(long n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /**
     * Hashes in the audit path of leaf {@code index} in a tree of {@code size} leaves ({@code 0 <= index < size}). The path
     * has one sibling for every level where the leaf's and the last leaf's ancestors differ ("inner"), plus one for
     * each left perfect subtree met above that point on the right edge ("border").
     */
    static int inclusionPathLength(long index, long size) {
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
        return inner + Long.bitCount(index >>> inner);
    }

    /**
     * Hashes in the consistency proof from {@code first} to {@code second} leaves ({@code 0 < first < second}). The proof is
     * the audit path of the first tree's last perfect subtree, seeded with that subtree's hash unless it is the
     * whole first tree, whose root the verifier already holds.
     */
    static int consistencyPathLength(long first, long second) {
        int level = Long.numberOfTrailingZeros(first);
        int seed = isPowerOfTwo(first) ? 0 : 1;
        return seed + inclusionPathLength((first - 1) >>> level, ((second - 1) >>> level) + 1);
    }
}
