package org.careledger.core.merkle;

import org.careledger.core.CareledgerException;

/** A Merkle proof could not be produced or did not verify; the code says which kind of problem it was. */
public class MerkleProofException extends CareledgerException {
    /** A leaf index or tree size lies outside the log or the tree it refers to. */
    public static final String INDEX_OUT_OF_RANGE = "MERKLE_INDEX_OUT_OF_RANGE";
    /** A proof has the wrong shape: wrong number of hashes, hashes of the wrong length, sizes that cannot be. */
    public static final String PROOF_MALFORMED = "MERKLE_PROOF_MALFORMED";
    /** A well-formed proof whose hashes do not lead to the expected root(s). */
    public static final String PROOF_INVALID = "MERKLE_PROOF_INVALID";
    /** The node store lacks a subtree hash (or holds a damaged one) that a log of this size must have. */
    public static final String STORE_CORRUPT = "MERKLE_STORE_CORRUPT";

    public MerkleProofException(String code, String message) {
        super(code, message);
    }
}
