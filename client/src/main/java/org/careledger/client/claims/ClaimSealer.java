package org.careledger.client.claims;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.envelope.EncryptedRecord;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.crypto.envelope.KeyWrap;
import org.careledger.crypto.envelope.RecordCipher;

/**
 * Seals claim values as docs/CLAIMS.md says: {@code {value, nonce}} in canonical JSON under AES-256-GCM with a fresh
 * data key, the key HPKE-wrapped for each party (reader id → X25519 public key), the context (for example
 * {@code careledger/claim/<claimId>}) as associated data so a blob moved to another claim fails to open. The nonce is
 * the one of the value's commitment ({@code Commitments.commit}), so a reader can check the commitment too.
 */
public final class ClaimSealer {
    private ClaimSealer() {}

    /** What a ciphertext holds: the value and the nonce of its commitment. */
    public record Payload<T>(T value, byte[] nonce) {}

    /** The two blobs of a sealed value and their SHA-256, as the transaction names them. */
    public record Sealed(byte[] ciphertext, byte[] keys) {
        public String ciphertextSha256() {
            return Hash.sha256(ciphertext).hex();
        }

        public String keysSha256() {
            return Hash.sha256(keys).hex();
        }
    }

    /** The context of a claim's content. */
    public static String claimContext(String claimId) {
        return "careledger/claim/" + claimId;
    }

    /** The context of an adjudication's result. */
    public static String adjudicationContext(String adjudicationId) {
        return "careledger/adjudication/" + adjudicationId;
    }

    /** The context of a preauth request. */
    public static String preauthContext(String preauthId) {
        return "careledger/preauth/" + preauthId;
    }

    /** The context of a patient's claims key wrapped for an org ({@code claims.shareKey}). */
    public static String shareContext(String patientId, String org) {
        return "careledger/claims/key/" + patientId + "/" + org;
    }

    public static Sealed seal(String context, Object value, byte[] nonce, Map<String, byte[]> recipients) {
        if (recipients.isEmpty()) {
            throw new CareledgerException("BAD_REQUEST", "a sealed claim value needs at least one reader");
        }
        byte[] aad = context.getBytes(StandardCharsets.UTF_8);
        EncryptedRecord enc = RecordCipher.encrypt(CanonicalJson.encode(new Payload<>(value, nonce)), aad);
        TreeMap<String, byte[]> wrapped = new TreeMap<>();
        recipients.forEach((id, publicKey) -> wrapped.put(id, KeyWrap.wrap(enc.dataKey(), publicKey, aad)));
        return new Sealed(enc.ciphertext(), CanonicalJson.encode(wrapped));
    }

    /** Opens a sealed value as {@code reader}; a reader without a wrapped key gets KEY_UNWRAP_FAILED. */
    public static <T> Payload<T> open(String context, byte[] ciphertext, byte[] keys, String reader,
                                      EncryptionKeyPair readerKey, Class<T> type) {
        byte[] aad = context.getBytes(StandardCharsets.UTF_8);
        byte[] dataKey = dataKey(context, keys, reader, readerKey);
        Payload<?> raw = CanonicalJson.decode(RecordCipher.decrypt(ciphertext, dataKey, aad), Payload.class);
        return new Payload<>(CanonicalJson.decode(CanonicalJson.encode(raw.value()), type), raw.nonce());
    }

    /**
     * The data key of a sealed value, unwrapped as {@code reader} and HPKE-wrapped again for another party's X25519
     * public key under the same context (an auditor given access to values sealed before it was a reader).
     */
    public static byte[] rewrap(String context, byte[] keys, String reader, EncryptionKeyPair readerKey,
                                byte[] recipientPublicKey) {
        byte[] aad = context.getBytes(StandardCharsets.UTF_8);
        byte[] dataKey = dataKey(context, keys, reader, readerKey);
        try {
            return KeyWrap.wrap(dataKey, recipientPublicKey, aad);
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The patient's claims key wrapped for an org: the {@code shareKey} blob. */
    public static byte[] wrapPatientKey(byte[] patientKey, String patientId, String org, byte[] orgPublicKey) {
        return KeyWrap.wrap(patientKey, orgPublicKey, shareContext(patientId, org).getBytes(StandardCharsets.UTF_8));
    }

    /** The org's copy of the patient's claims key from the {@code shareKey} blob. */
    public static byte[] unwrapPatientKey(byte[] blob, String patientId, String org, EncryptionKeyPair orgKey) {
        return KeyWrap.unwrap(blob, orgKey, shareContext(patientId, org).getBytes(StandardCharsets.UTF_8));
    }

    /** The data key wrapped for {@code reader} in a key bundle; a reader without one gets KEY_UNWRAP_FAILED. */
    private static byte[] dataKey(String context, byte[] keys, String reader, EncryptionKeyPair readerKey) {
        @SuppressWarnings("unchecked")
        Map<String, String> wrapped = CanonicalJson.decode(keys, Map.class);
        String mine = wrapped.get(reader);
        if (mine == null) {
            throw new CareledgerException(CryptoErrors.KEY_UNWRAP_FAILED, reader + " holds no key to " + context);
        }
        return KeyWrap.unwrap(Base64.getDecoder().decode(mine), readerKey, context.getBytes(StandardCharsets.UTF_8));
    }
}
