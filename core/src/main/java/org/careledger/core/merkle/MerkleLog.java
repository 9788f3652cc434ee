package org.careledger.core.merkle;

import java.util.Objects;

/**
 * An append-only RFC 6962 Merkle log over a {@link MerkleNodeStore}: roots and proofs for the current size and for
 * every earlier size, all derived from stored perfect subtree hashes in O(log n) reads.
 *
 * <p>One writer at a time: {@link #append} is synchronized. Reads (roots, leaf hashes, proofs) may run concurrently
 * with it; each works on the size it saw when it started, and nodes inside that size never change.
 */
public final class MerkleLog {
    private final MerkleNodeStore store;
    private final StoredSubtrees subtrees;
    private final ProofPaths proofPaths;
    private volatile Frontier frontier;

    /**
     * Resumes a log of {@code size} leaves already in the store ({@code 0} starts a new one). Reads the log's right
     * edge now, so a store that lost nodes fails here rather than on the first append.
     *
     * @throws MerkleProofException {@code MERKLE_STORE_CORRUPT} if the store lacks a subtree of such a log
     */
    public MerkleLog(MerkleNodeStore store, long size) {
        this.store = Objects.requireNonNull(store, "store");
        if (size < 0) {
            throw new IllegalArgumentException("a log cannot have " + size + " leaves");
        }
        this.subtrees = new StoredSubtrees(store);
        this.proofPaths = new ProofPaths(subtrees);
        this.frontier = size == 0 ? Frontier.EMPTY : Frontier.load(subtrees, size);
    }

    /** The number of leaves appended so far. */
    public long size() {
        return frontier.size();
    }

    /**
     * Appends a leaf: stores its hash at level 0 and every parent it completes.
     *
     * @return the leaf hash, SHA-256(0x00 || leafData)
     */
    public synchronized byte[] append(byte[] leafData) {
        Frontier current = frontier;
        if (current.size() == Long.MAX_VALUE) {
            throw new MerkleProofException(MerkleProofException.INDEX_OUT_OF_RANGE, "the log is full");
        }
        byte[] leafHash = Rfc6962.leafHash(leafData);
        // Publish the new size only after every node of it is stored, so readers never see a size they cannot serve.
        frontier = current.append(leafHash, store);
        return leafHash.clone();
    }

    /** MTH of the whole log; SHA-256("") while it is empty. */
    public byte[] root() {
        return frontier.root();
    }

    /** MTH(D[0:size]) for any {@code size <= size()}: the root the log had when it held that many leaves. */
    public byte[] root(long size) {
        Frontier current = frontier;
        requireSizeWithin("tree size", size, current.size());
        if (size == current.size()) {
            return current.root();
        }
        return size == 0 ? Rfc6962.emptyRoot() : subtrees.rangeHash(0, size);
    }

    /** The stored hash of leaf {@code index}. */
    public byte[] leafHash(long index) {
        requireLeafWithin(index, size());
        return subtrees.perfect(0, index).clone();
    }

    /**
     * The RFC 6962 section 2.1.1 audit path proving that leaf {@code leafIndex} is in the tree of the first
     * {@code treeSize} leaves.
     *
     * @throws MerkleProofException {@code MERKLE_INDEX_OUT_OF_RANGE} unless {@code 0 <= leafIndex < treeSize <= size()}
     */
    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        requireSizeWithin("tree size", treeSize, size());
        requireLeafWithin(leafIndex, treeSize);
        return new InclusionProof(leafIndex, treeSize, proofPaths.inclusion(leafIndex, treeSize));
    }

    /**
     * The RFC 6962 section 2.1.2 proof that the tree of {@code secondSize} leaves extends the tree of
     * {@code firstSize} leaves; empty when the sizes are equal.
     *
     * @throws MerkleProofException {@code MERKLE_INDEX_OUT_OF_RANGE} unless {@code 0 < firstSize <= secondSize <= size()}.
     *     Every log extends the empty log, so the RFC defines no proof from size 0 and verifiers reject one.
     */
    public ConsistencyProof consistencyProof(long firstSize, long secondSize) {
        requireSizeWithin("second size", secondSize, size());
        if (firstSize <= 0 || firstSize > secondSize) {
            throw new MerkleProofException(MerkleProofException.INDEX_OUT_OF_RANGE, "a consistency proof needs"
                    + " 0 < first size <= second size, got first size " + firstSize + " and second size " + secondSize);
        }
        return new ConsistencyProof(firstSize, secondSize, proofPaths.consistency(firstSize, secondSize));
    }

    @Override
    public String toString() {
        return "MerkleLog[size=" + size() + ", store=" + store + "]";
    }

    private static void requireSizeWithin(String what, long size, long logSize) {
        if (size < 0 || size > logSize) {
            throw new MerkleProofException(MerkleProofException.INDEX_OUT_OF_RANGE,
                    what + " " + size + " is outside the log, which has " + logSize + " leaves");
        }
    }

    private static void requireLeafWithin(long index, long treeSize) {
        if (index < 0 || index >= treeSize) {
            throw new MerkleProofException(MerkleProofException.INDEX_OUT_OF_RANGE,
                    "leaf index " + index + " is outside a tree of " + treeSize + " leaves");
        }
    }
}
