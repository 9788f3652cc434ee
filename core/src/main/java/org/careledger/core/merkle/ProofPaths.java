package org.careledger.core.merkle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Builds the hash lists of RFC 6962 section 2.1.1 (PATH) and 2.1.2 (PROOF) from stored perfect subtrees. Both
 * recursions are walked top-down as loops; each step contributes the hash of the half it does not descend into,
 * and since the RFC lists those hashes leaf-first, each is put in front of the ones found above it.
 *
 * <p>At most one of those halves is not a perfect subtree (the ragged right edge is left behind once the walk
 * descends into a perfect left half), so a proof costs O(log n) store reads.
 */
final class ProofPaths {
    private final StoredSubtrees subtrees;

    ProofPaths(StoredSubtrees subtrees) {
        this.subtrees = subtrees;
    }

    /** PATH(leafIndex, D[0:treeSize]) for {@code 0 <= leafIndex < treeSize}. */
    List<byte[]> inclusion(long leafIndex, long treeSize) {
        Deque<byte[]> path = new ArrayDeque<>();
        long start = 0;
        long end = treeSize;
        while (end - start > 1) {
            long split = start + ProofShape.largestPowerOfTwoBelow(end - start);
            if (leafIndex < split) {
                path.addFirst(subtrees.rangeHash(split, end));
                end = split;
            } else {
                path.addFirst(subtrees.rangeHash(start, split));
                start = split;
            }
        }
        return List.copyOf(path);
    }

    /** PROOF(firstSize, D[0:secondSize]) for {@code 0 < firstSize <= secondSize}; empty when the sizes are equal. */
    List<byte[]> consistency(long firstSize, long secondSize) {
        Deque<byte[]> path = new ArrayDeque<>();
        long start = 0;
        long end = secondSize;
        // The RFC's flag b: true while the walk still follows the first tree's root, which the verifier holds.
        boolean onFirstRoot = true;
        while (end != firstSize) {
            long split = start + ProofShape.largestPowerOfTwoBelow(end - start);
            if (firstSize <= split) {
                path.addFirst(subtrees.rangeHash(split, end));
                end = split;
            } else {
                path.addFirst(subtrees.rangeHash(start, split));
                start = split;
                onFirstRoot = false;
            }
        }
        if (!onFirstRoot) {
            path.addFirst(subtrees.rangeHash(start, end));
        }
        return List.copyOf(path);
    }
}
