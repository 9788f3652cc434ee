package org.careledger.crypto.envelope;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;

/**
 * AES-256-GCM with a fresh data key per record, through Tink's AEAD primitive. A key per record means a record's
 * key can be shared with (wrapped for) one reader without exposing any other record, and erasing a record's wrapped
 * keys erases the record. The caller's associated data (e.g. record id and patient id) binds the ciphertext to its
 * place: moved elsewhere it no longer decrypts.
 */
public final class RecordCipher {
    public static final int DATA_KEY_SIZE = 32;
    /** Tink's random 96-bit IV and full 128-bit tag, output without Tink's key-id prefix: no keyset is involved. */
    static final AesGcmParameters PARAMETERS;

    static {
        try {
            PARAMETERS = AesGcmParameters.builder()
                    .setKeySizeBytes(DATA_KEY_SIZE)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RecordCipher() {
    }

    /** Encrypts under a new random data key; a random IV per call makes the ciphertext differ every time. */
    public static EncryptedRecord encrypt(byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        SecretBytes dataKey = SecretBytes.randomBytes(DATA_KEY_SIZE);
        try {
            byte[] ciphertext = aead(dataKey).encrypt(plaintext, associatedData);
            return new EncryptedRecord(ciphertext, dataKey.toByteArray(InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new CareledgerException(CryptoErrors.RECORD_ENCRYPT_FAILED, "record encryption failed", e);
        }
    }

    /**
     * @throws CareledgerException RECORD_DECRYPT_FAILED if the tag does not verify (tampered ciphertext, wrong key or
     *                             wrong associated data); RECORD_KEY_INVALID if the key is not 32 bytes
     */
    public static byte[] decrypt(byte[] ciphertext, byte[] dataKey, byte[] associatedData) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(associatedData, "associatedData");
        Aead aead = aead(dataKey(dataKey));
        try {
            return aead.decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new CareledgerException(CryptoErrors.RECORD_DECRYPT_FAILED,
                    "ciphertext or key was tampered with: GCM tag mismatch", e);
        }
    }

    static SecretBytes dataKey(byte[] dataKey) {
        if (dataKey == null || dataKey.length != DATA_KEY_SIZE) {
            throw new CareledgerException(CryptoErrors.RECORD_KEY_INVALID,
                    "a record data key is 32 bytes (AES-256), got " + (dataKey == null ? "none" : dataKey.length));
        }
        return SecretBytes.copyFrom(dataKey, InsecureSecretKeyAccess.get());
    }

    private static Aead aead(SecretBytes dataKey) {
        try {
            return AesGcmJce.create(AesGcmKey.builder().setParameters(PARAMETERS).setKeyBytes(dataKey).build());
        } catch (GeneralSecurityException e) {
            // Only reachable if the JDK lacks AES/GCM, which every supported JDK has.
            throw new IllegalStateException("AES-256-GCM is unavailable", e);
        }
    }
}
