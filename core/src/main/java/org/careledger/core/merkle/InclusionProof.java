package org.careledger.core.merkle;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 6962 audit path: the sibling hashes, leaf first, that lead from leaf {@code leafIndex} to the root of the
 * tree of the first {@code treeSize} leaves. The record only carries the proof; {@link #verify} judges it, so a
 * proof received from an untrusted node can be held and reported on even when it is malformed.
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {
    public InclusionProof {
        path = ProofHashes.copyOf(path);
    }

    /** A copy: the hashes are arrays and the proof must stay as it was made. */
    @Override
    public List<byte[]> path() {
        return ProofHashes.copyOf(path);
    }

    /** True if {@code leafHash} at {@code leafIndex} and this path give {@code expectedRoot}. */
    public boolean verify(byte[] leafHash, byte[] expectedRoot) {
        try {
            verifyOrThrow(leafHash, expectedRoot);
            return true;
        } catch (MerkleProofException rejected) {
            return false;
        }
    }

    /**
     * Like {@link #verify} but says why a proof fails.
     *
     * @throws MerkleProofException {@code MERKLE_PROOF_MALFORMED}, {@code MERKLE_INDEX_OUT_OF_RANGE} or
     *     {@code MERKLE_PROOF_INVALID}
     */
    public void verifyOrThrow(byte[] leafHash, byte[] expectedRoot) {
        byte[] computed = rootFromPath(leafIndex, treeSize, leafHash, path);
        ProofHashes.requireHash("the expected root", expectedRoot);
        if (!ProofHashes.sameHash(computed, expectedRoot)) {
            throw new MerkleProofException(MerkleProofException.PROOF_INVALID, "the path for leaf " + leafIndex
                    + " of " + treeSize + " leads to root " + ProofHashes.hex(computed) + ", not the expected "
                    + ProofHashes.hex(expectedRoot));
        }
    }

    /** The root this path gives for {@code leafHash}; see {@link #rootFromPath}. */
    public byte[] rootFrom(byte[] leafHash) {
        return rootFromPath(leafIndex, treeSize, leafHash, path);
    }

    /**
     * The root that an audit path gives for a leaf hash, computed as in RFC 9162 section 2.1.3.2, for callers that
     * hold the parts of a proof rather than a record. The root still has to be compared with a trusted one.
     *
     * @throws MerkleProofException {@code MERKLE_INDEX_OUT_OF_RANGE} unless {@code 0 <= leafIndex < treeSize};
     *     {@code MERKLE_PROOF_MALFORMED} if the path has the wrong number of hashes or a hash is not 32 bytes
     */
    public static byte[] rootFromPath(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path) {
        Objects.requireNonNull(path, "path");
        if (leafIndex < 0 || treeSize < 0) {
            throw new MerkleProofException(MerkleProofException.PROOF_MALFORMED,
                    "leaf index " + leafIndex + " and tree size " + treeSize + " cannot be negative");
        }
        if (leafIndex >= treeSize) {
            throw new MerkleProofException(MerkleProofException.INDEX_OUT_OF_RANGE,
                    "leaf index " + leafIndex + " is outside a tree of " + treeSize + " leaves");
        }
        ProofHashes.requireHash("the leaf hash", leafHash);
        int expectedLength = ProofShape.inclusionPathLength(leafIndex, treeSize);
        if (path.size() != expectedLength) {
            throw new MerkleProofException(MerkleProofException.PROOF_MALFORMED, "the audit path for leaf "
                    + leafIndex + " of " + treeSize + " has " + expectedLength + " hashes, got " + path.size());
        }
        ProofHashes.requireHashes(path);

        // RFC 9162 2.1.3.2, step for step. fn is the current node's index, sn the last node's index on the same
        // level; where fn == sn on an even index the node has no right sibling and is promoted unchanged.
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                throw new MerkleProofException(MerkleProofException.PROOF_MALFORMED, "the audit path is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Rfc6962.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = Rfc6962.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new MerkleProofException(MerkleProofException.PROOF_MALFORMED, "the audit path is too short");
        }
        return r.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InclusionProof other
                && leafIndex == other.leafIndex
                && treeSize == other.treeSize
                && ProofHashes.equal(path, other.path);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(leafIndex) + Long.hashCode(treeSize)) + ProofHashes.hashCode(path);
    }

    @Override
    public String toString() {
        return "InclusionProof[leafIndex=" + leafIndex + ", treeSize=" + treeSize + ", path="
                + ProofHashes.hex(path) + "]";
    }
}
