package org.careledger.crypto.envelope;

import com.google.crypto.tink.subtle.X25519;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;

/**
 * A reader's X25519 key pair (RFC 7748), 32 raw bytes each: the public half is registered on the ledger so data keys
 * can be wrapped for this reader; the private half never leaves the reader. The pair is checked for consistency on
 * construction, because a mismatched pair would only show up later as records nobody can open.
 */
public record EncryptionKeyPair(byte[] publicKey, byte[] privateKey) {
    public static final int KEY_SIZE = 32;

    public EncryptionKeyPair {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        publicKey = publicKey.clone();
        privateKey = privateKey.clone();
        if (privateKey.length != KEY_SIZE || publicKey.length != KEY_SIZE
                || !Arrays.equals(publicKey, publicFrom(privateKey))) {
            throw new CareledgerException(CryptoErrors.ENCRYPTION_KEY_INVALID,
                    "not a matching pair of 32-byte X25519 keys");
        }
    }

    /** A fresh pair from Tink's secure random source. */
    public static EncryptionKeyPair generate() {
        byte[] privateKey = X25519.generatePrivateKey();
        return new EncryptionKeyPair(publicFrom(privateKey), privateKey);
    }

    /** The pair for a stored 32-byte X25519 private key. */
    public static EncryptionKeyPair fromPrivateKey(byte[] privateKey) {
        if (privateKey == null || privateKey.length != KEY_SIZE) {
            throw new CareledgerException(CryptoErrors.ENCRYPTION_KEY_INVALID, "an X25519 private key is 32 bytes");
        }
        return new EncryptionKeyPair(publicFrom(privateKey), privateKey);
    }

    private static byte[] publicFrom(byte[] privateKey) {
        try {
            return X25519.publicFromPrivate(privateKey);
        } catch (InvalidKeyException e) {
            throw new CareledgerException(CryptoErrors.ENCRYPTION_KEY_INVALID, "not an X25519 private key", e);
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptionKeyPair that && Arrays.equals(publicKey, that.publicKey)
                && Arrays.equals(privateKey, that.privateKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "EncryptionKeyPair[publicKey=" + HexFormat.of().formatHex(publicKey) + ", private key redacted]";
    }
}
