package org.careledger.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest. Immutable: the array is copied in and out. */
public final class Hash implements Comparable<Hash> {
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] bytes;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Hash of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 hash has 32 bytes, got " + (bytes == null ? "null" : bytes.length));
        }
        return new Hash(bytes.clone());
    }

    /**
     * True if {@code s} is a SHA-256 in its one spelling, 64 lowercase hex digits ({@code [0-9a-f]{64}}), checked
     * without a regex engine: contracts check one for every record and anchor.
     */
    public static boolean isLowercaseHex(String s) {
        if (s == null || s.length() != LENGTH * 2) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    public static Hash fromHex(String hex) {
        if (hex == null || hex.length() != LENGTH * 2) {
            throw new IllegalArgumentException("a SHA-256 hash is 64 hex characters");
        }
        try {
            return new Hash(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex string: " + hex);
        }
    }

    /** SHA-256 over the concatenation of the parts. */
    public static Hash sha256(byte[]... parts) {
        MessageDigest md = newDigest();
        for (byte[] p : parts) {
            md.update(p);
        }
        return new Hash(md.digest());
    }

    private static final MessageDigest PROTOTYPE = lookUp();

    /**
     * A fresh SHA-256 digest. Cloned from a prototype that is never updated: a provider look-up per digest cost
     * more than hashing the few hundred bytes of a transaction, and the Merkle log takes one or more per leaf.
     */
    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp();
        }
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && MessageDigest.isEqual(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Hash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
