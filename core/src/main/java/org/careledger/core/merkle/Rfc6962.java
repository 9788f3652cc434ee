package org.careledger.core.merkle;

import java.security.MessageDigest;
import java.util.Objects;
import org.careledger.core.Hash;

/**
 * The RFC 6962 (section 2.1) hashing rules with SHA-256. Leaves and interior nodes get different one-byte prefixes
 * so that no leaf can be passed off as an interior node (the second-preimage attack on plain Merkle trees).
 */
public final class Rfc6962 {
    /** Every hash in the log is a SHA-256 digest. */
    public static final int HASH_LENGTH = Hash.LENGTH;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final byte[] EMPTY_ROOT = Hash.newDigest().digest();

    private Rfc6962() {}

    /** SHA-256(0x00 || leafData). */
    public static byte[] leafHash(byte[] leafData) {
        Objects.requireNonNull(leafData, "leafData");
        MessageDigest sha256 = Hash.newDigest();
        sha256.update(LEAF_PREFIX);
        sha256.update(leafData);
        return sha256.digest();
    }

    /**
     * SHA-256(0x01 || left || right). Both children must be 32-byte hashes: with other lengths the concatenation
     * would no longer say where the left child ends, so two different pairs could give the same parent.
     */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        requireChild("left", left);
        requireChild("right", right);
        MessageDigest sha256 = Hash.newDigest();
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** SHA-256 of no bytes: the root of a tree with no leaves. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    private static void requireChild(String side, byte[] hash) {
        Objects.requireNonNull(hash, side);
        if (hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException(
                    "the " + side + " child has " + hash.length + " bytes, a node hashes two 32-byte hashes");
        }
    }
}
