package org.careledger.crypto.envelope;

import com.google.crypto.tink.ConfigurationV0;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;

/**
 * Wraps a record's data key for one reader with HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256
 * / AES-256-GCM: sealed with BouncyCastle's HPKE, opened with Tink's hybrid decryption (both RFC 9180). The output is {@code enc (32) || AEAD ciphertext}. The caller's
 * context becomes HPKE's {@code info}, so a key wrapped for one record or purpose does not unwrap for another.
 *
 * <p>Primitives come from {@link ConfigurationV0}, not Tink's global registry, so nothing here depends on
 * process-wide registration order.
 */
public final class KeyWrap {
    static final HpkeParameters PARAMETERS;

    static {
        try {
            PARAMETERS = HpkeParameters.builder()
                    .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                    .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                    .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                    .setVariant(HpkeParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private KeyWrap() {
    }

    /**
     * @throws CareledgerException RECORD_KEY_INVALID for a data key that is not 32 bytes, ENCRYPTION_KEY_INVALID for
     *                             a recipient key that is not a usable X25519 public key, KEY_WRAP_FAILED otherwise
     */
    public static byte[] wrap(byte[] dataKey, byte[] recipientPublicKey, byte[] context) {
        RecordCipher.dataKey(dataKey);
        Objects.requireNonNull(context, "context");
        publicKey(recipientPublicKey); // the same checks and errors as Tink's path
        // BouncyCastle's RFC 9180 implementation of the same suite: its X25519 (rfc7748) takes a fraction of the CPU of
        // Tink's pure-Java Curve25519, which was most of the client's cost of a FHIR import (two wraps per record).
        // Same bytes on the wire (enc || AEAD ciphertext, info = context, empty aad): Tink opens them (KeyWrapTest).
        org.bouncycastle.crypto.hpke.HPKE hpke = new org.bouncycastle.crypto.hpke.HPKE(
                org.bouncycastle.crypto.hpke.HPKE.mode_base, org.bouncycastle.crypto.hpke.HPKE.kem_X25519_SHA256,
                org.bouncycastle.crypto.hpke.HPKE.kdf_HKDF_SHA256, org.bouncycastle.crypto.hpke.HPKE.aead_AES_GCM256);
        byte[][] sealed;
        try {
            sealed = hpke.seal(hpke.deserializePublicKey(recipientPublicKey), context, new byte[0], dataKey, null,
                    null, null);
        } catch (org.bouncycastle.crypto.InvalidCipherTextException | RuntimeException e) {
            // X25519 with a low-order public key yields an all-zero secret, which RFC 9180 §7.1.4 says to refuse.
            throw new CareledgerException(CryptoErrors.ENCRYPTION_KEY_INVALID,
                    "the recipient's X25519 public key is not usable: " + e.getMessage(), e);
        }
        byte[] out = new byte[sealed[1].length + sealed[0].length];
        System.arraycopy(sealed[1], 0, out, 0, sealed[1].length);
        System.arraycopy(sealed[0], 0, out, sealed[1].length, sealed[0].length);
        return out;
    }

    /** Tink's HPKE seal of the same suite: the reference {@link #wrap} must stay interoperable with. */
    static byte[] wrapWithTink(byte[] dataKey, byte[] recipientPublicKey, byte[] context) {
        RecordCipher.dataKey(dataKey);
        Objects.requireNonNull(context, "context");
        HybridEncrypt encrypt;
        try {
            encrypt = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(publicKey(recipientPublicKey)).withRandomId().makePrimary())
                    .build()
                    .getPrimitive(ConfigurationV0.get(), HybridEncrypt.class);
        } catch (GeneralSecurityException e) {
            throw new CareledgerException(CryptoErrors.KEY_WRAP_FAILED, "cannot set up HPKE for the recipient", e);
        }
        try {
            return encrypt.encrypt(dataKey, context);
        } catch (GeneralSecurityException e) {
            // X25519 with a low-order public key yields an all-zero secret, which RFC 9180 §7.1.4 says to refuse.
            throw new CareledgerException(CryptoErrors.ENCRYPTION_KEY_INVALID,
                    "the recipient's X25519 public key is not usable: " + e.getMessage(), e);
        }
    }

    /**
     * @throws CareledgerException KEY_UNWRAP_FAILED if the key was wrapped for someone else or another context, or
     *                             the bytes were altered
     */
    public static byte[] unwrap(byte[] wrapped, EncryptionKeyPair recipient, byte[] context) {
        Objects.requireNonNull(wrapped, "wrapped");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(context, "context");
        HybridDecrypt decrypt;
        try {
            byte[] privateKey = recipient.privateKey();
            HpkePrivateKey key = HpkePrivateKey.create(publicKey(recipient.publicKey()),
                    SecretBytes.copyFrom(privateKey, InsecureSecretKeyAccess.get()));
            Arrays.fill(privateKey, (byte) 0);
            decrypt = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                    .build()
                    .getPrimitive(ConfigurationV0.get(), HybridDecrypt.class);
        } catch (GeneralSecurityException e) {
            throw new CareledgerException(CryptoErrors.KEY_UNWRAP_FAILED, "cannot set up HPKE for the recipient", e);
        }
        byte[] dataKey;
        try {
            dataKey = decrypt.decrypt(wrapped, context);
        } catch (GeneralSecurityException e) {
            throw new CareledgerException(CryptoErrors.KEY_UNWRAP_FAILED,
                    "wrapped key does not open for this recipient and context: it was wrapped for another key or"
                            + " context, or altered", e);
        }
        if (dataKey.length != RecordCipher.DATA_KEY_SIZE) {
            throw new CareledgerException(CryptoErrors.KEY_UNWRAP_FAILED,
                    "unwrapped " + dataKey.length + " bytes where a 32-byte data key was expected");
        }
        return dataKey;
    }

    private static HpkePublicKey publicKey(byte[] recipientPublicKey) {
        if (recipientPublicKey == null || recipientPublicKey.length != EncryptionKeyPair.KEY_SIZE) {
            throw new CareledgerException(CryptoErrors.ENCRYPTION_KEY_INVALID,
                    "an X25519 public key is 32 bytes, got "
                            + (recipientPublicKey == null ? "none" : recipientPublicKey.length));
        }
        try {
            return HpkePublicKey.create(PARAMETERS, Bytes.copyFrom(recipientPublicKey), null);
        } catch (GeneralSecurityException e) {
            throw new CareledgerException(CryptoErrors.ENCRYPTION_KEY_INVALID, "not an X25519 public key", e);
        }
    }
}
