package org.careledger.core.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 6962 consistency proof: the hashes showing that the tree of the first {@code secondSize} leaves is the tree
 * of the first {@code firstSize} leaves with leaves appended, i.e. the log rewrote nothing in between. The record only
 * carries the proof; {@link #verify} judges it.
 */
public record ConsistencyProof(long firstSize, long secondSize, List<byte[]> path) {
    public ConsistencyProof {
        path = ProofHashes.copyOf(path);
    }

    /** A copy: the hashes are arrays and the proof must stay as it was made. */
    @Override
    public List<byte[]> path() {
        return ProofHashes.copyOf(path);
    }

    /** True if this proof shows that {@code secondRoot} extends {@code firstRoot}. */
    public boolean verify(byte[] firstRoot, byte[] secondRoot) {
        try {
            verifyOrThrow(firstRoot, secondRoot);
            return true;
        } catch (MerkleProofException rejected) {
            return false;
        }
    }

    /** Like {@link #verify} but says why a proof fails; see {@link #verifyPath}. */
    public void verifyOrThrow(byte[] firstRoot, byte[] secondRoot) {
        verifyPath(firstSize, secondSize, path, firstRoot, secondRoot);
    }

    /**
     * Checks a consistency proof given as parts, as in RFC 9162 section 2.1.4.2, for callers that hold the parts of a
     * proof rather than a record.
     *
     * <p>Equal sizes are settled before the RFC algorithm, which only covers {@code first < second}: the trees are the same
     * exactly when the roots are, so the path must be empty and the roots equal. Nothing is hashed there, so the
     * roots are compared as given, whatever their length (as transparency-dev's verifier and its probes do). Size 0 is
     * rejected even against itself: every log extends the empty log, so such a "proof" would only teach a client to
     * trust a check that checks nothing.
     *
     * @throws MerkleProofException {@code MERKLE_PROOF_MALFORMED} for impossible sizes, a path of the wrong length or
     *     hashes that are not 32 bytes; {@code MERKLE_PROOF_INVALID} if the path does not lead to both roots
     */
    public static void verifyPath(long firstSize, long secondSize, List<byte[]> path, byte[] firstRoot,
            byte[] secondRoot) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(firstRoot, "firstRoot");
        Objects.requireNonNull(secondRoot, "secondRoot");
        if (firstSize < 0 || secondSize < 0) {
            throw malformed("sizes " + firstSize + " and " + secondSize + " cannot be negative");
        }
        if (firstSize > secondSize) {
            throw malformed("the first size " + firstSize + " is larger than the second size " + secondSize
                    + ": a log never shrinks");
        }
        if (firstSize == 0) {
            throw malformed("a consistency proof from the empty tree proves nothing; RFC 6962 defines none");
        }
        if (firstSize == secondSize) {
            if (!path.isEmpty()) {
                throw malformed("the sizes are equal (" + firstSize + "), so the proof must be empty, but it has "
                        + path.size() + " hashes");
            }
            if (!ProofHashes.sameHash(firstRoot, secondRoot)) {
                throw invalid("the trees have the same size " + firstSize + " but different roots "
                        + ProofHashes.hex(firstRoot) + " and " + ProofHashes.hex(secondRoot));
            }
            return;
        }
        ProofHashes.requireHash("the first root", firstRoot);
        ProofHashes.requireHash("the second root", secondRoot);
        int expectedLength = ProofShape.consistencyPathLength(firstSize, secondSize);
        if (path.size() != expectedLength) {
            throw malformed("the consistency proof from " + firstSize + " to " + secondSize + " leaves has "
                    + expectedLength + " hashes, got " + path.size());
        }
        ProofHashes.requireHashes(path);
        checkAgainstRoots(firstSize, secondSize, path, firstRoot, secondRoot);
    }

    /** RFC 9162 2.1.4.2 steps 1 to 7, for {@code 0 < firstSize < secondSize} and hashes already checked for length. */
    private static void checkAgainstRoots(long firstSize, long secondSize, List<byte[]> proof, byte[] firstRoot,
            byte[] secondRoot) {
        if (proof.isEmpty()) {
            throw malformed("a consistency proof between different sizes cannot be empty");
        }
        // A first tree that is one perfect subtree is its own starting node, so the proof omits it.
        List<byte[]> path = proof;
        if (ProofShape.isPowerOfTwo(firstSize)) {
            path = new ArrayList<>(proof.size() + 1);
            path.add(firstRoot);
            path.addAll(proof);
        }
        long fn = firstSize - 1;
        long sn = secondSize - 1;
        // Climb to the root of the first tree's last perfect subtree, where the proof starts.
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.getFirst();
        byte[] sr = path.getFirst();
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw malformed("the consistency proof is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                // c is a left sibling: it is in both trees.
                fr = Rfc6962.nodeHash(c, fr);
                sr = Rfc6962.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                // c is a right sibling: it was appended after the first tree.
                sr = Rfc6962.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw malformed("the consistency proof is too short");
        }
        if (!ProofHashes.sameHash(fr, firstRoot)) {
            throw invalid("the proof leads to first root " + ProofHashes.hex(fr) + ", not the expected "
                    + ProofHashes.hex(firstRoot));
        }
        if (!ProofHashes.sameHash(sr, secondRoot)) {
            throw invalid("the proof leads to second root " + ProofHashes.hex(sr) + ", not the expected "
                    + ProofHashes.hex(secondRoot));
        }
    }

    private static MerkleProofException malformed(String reason) {
        return new MerkleProofException(MerkleProofException.PROOF_MALFORMED, reason);
    }

    private static MerkleProofException invalid(String reason) {
        return new MerkleProofException(MerkleProofException.PROOF_INVALID, reason);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsistencyProof other
                && firstSize == other.firstSize
                && secondSize == other.secondSize
                && ProofHashes.equal(path, other.path);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(firstSize) + Long.hashCode(secondSize)) + ProofHashes.hashCode(path);
    }

    @Override
    public String toString() {
        return "ConsistencyProof[firstSize=" + firstSize + ", secondSize=" + secondSize + ", path="
                + ProofHashes.hex(path) + "]";
    }
}
