package org.careledger.core.merkle;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The byte arrays inside proofs. Arrays are mutable and compare by identity, so proof records copy them in and
 * out, compare them by content and print them as hex.
 */
final class ProofHashes {
    private static final HexFormat HEX = HexFormat.of();

    private ProofHashes() {}

    /** An unmodifiable deep copy; rejects a null list or a null entry. */
    static List<byte[]> copyOf(List<byte[]> hashes) {
        Objects.requireNonNull(hashes, "path");
        return hashes.stream()
                .map(hash -> Objects.requireNonNull(hash, "a path entry is null").clone())
                .toList();
    }

    static boolean equal(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static int hashCode(List<byte[]> hashes) {
        int result = 1;
        for (byte[] hash : hashes) {
            result = 31 * result + Arrays.hashCode(hash);
        }
        return result;
    }

    static String hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList().toString();
    }

    static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    /** Roots are public, but comparing in constant time costs nothing and leaves no timing question open. */
    static boolean sameHash(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** Rejects anything that is not a SHA-256 hash before it is fed to the hashing rules. */
    static void requireHash(String what, byte[] hash) {
        Objects.requireNonNull(hash, what);
        if (hash.length != Rfc6962.HASH_LENGTH) {
            throw new MerkleProofException(MerkleProofException.PROOF_MALFORMED,
                    what + " has " + hash.length + " bytes, but RFC 6962 SHA-256 hashes have " + Rfc6962.HASH_LENGTH);
        }
    }

    static void requireHashes(List<byte[]> path) {
        for (int i = 0; i < path.size(); i++) {
            requireHash("proof hash " + i, path.get(i));
        }
    }
}
