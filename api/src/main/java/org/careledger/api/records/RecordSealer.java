package org.careledger.api.records;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.careledger.crypto.envelope.EncryptedRecord;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.crypto.envelope.KeyWrap;
import org.careledger.crypto.envelope.RecordCipher;

/**
 * Seals and opens records. The record id is the AES-GCM associated data and the HPKE context, so a ciphertext
 * or wrapped key moved to another record id fails to open.
 */
public final class RecordSealer {
    private RecordSealer() {}

    /** Encrypts under a fresh data key and wraps that key for every recipient (id → X25519 public key). */
    public static SealedRecord seal(String recordId, byte[] plaintext, Map<String, byte[]> recipients) {
        EncryptedRecord enc = RecordCipher.encrypt(plaintext, aad(recordId));
        KeyBundle bundle = KeyBundle.empty();
        for (Map.Entry<String, byte[]> r : new java.util.TreeMap<>(recipients).entrySet()) {
            bundle = bundle.with(recordId, r.getKey(), KeyWrap.wrap(enc.dataKey(), r.getValue(), aad(recordId)));
        }
        return new SealedRecord(recordId, enc.ciphertext(), bundle);
    }

    /** Unwraps the data key for a reader and decrypts; tampering fails with RECORD_DECRYPT_FAILED or KEY_UNWRAP_FAILED. */
    public static byte[] open(String recordId, byte[] ciphertext, KeyBundle keys, String readerId, EncryptionKeyPair reader) {
        byte[] dataKey = KeyWrap.unwrap(keys.wrappedFor(recordId, readerId), reader, aad(recordId));
        return RecordCipher.decrypt(ciphertext, dataKey, aad(recordId));
    }

    /** The patient's client re-wraps a record's data key for a grantee (consent). */
    public static KeyBundle rewrap(KeyBundle into, String recordId, KeyBundle source, String holderId,
                                   EncryptionKeyPair holder, String granteeId, byte[] granteePublicKey) {
        byte[] dataKey = KeyWrap.unwrap(source.wrappedFor(recordId, holderId), holder, aad(recordId));
        return into.with(recordId, granteeId, KeyWrap.wrap(dataKey, granteePublicKey, aad(recordId)));
    }

    private static byte[] aad(String recordId) {
        return ("careledger/record/" + recordId).getBytes(StandardCharsets.UTF_8);
    }
}
