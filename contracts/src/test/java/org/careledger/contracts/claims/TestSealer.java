package org.careledger.contracts.claims;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.contracts.records.CareWorld;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.envelope.EncryptedRecord;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.crypto.envelope.KeyWrap;
import org.careledger.crypto.envelope.RecordCipher;

/**
 * Seals claim values the way the parties' clients do (AES-256-GCM under a fresh data key, the key HPKE-wrapped for
 * each party, the context as associated data) and keeps the blobs as a node's blob store would, by SHA-256.
 */
final class TestSealer {
    /** What a sealed blob holds: the value and the nonce of its commitment. */
    record Sealed<T>(T value, byte[] nonce) {}

    final Map<String, byte[]> blobs = new TreeMap<>();
    private final Map<String, EncryptionKeyPair> parties = new TreeMap<>();

    TestSealer party(String id) {
        parties.put(id, EncryptionKeyPair.fromPrivateKey(CareWorld.sha("claims-enc/" + id).bytes()));
        return this;
    }

    /** The ciphertext's and the key bundle's hashes. */
    String[] seal(String context, Object value, byte[] nonce) {
        byte[] aad = context.getBytes(StandardCharsets.UTF_8);
        EncryptedRecord enc = RecordCipher.encrypt(CanonicalJson.encode(new Sealed<>(value, nonce)), aad);
        TreeMap<String, byte[]> wrapped = new TreeMap<>();
        parties.forEach((id, k) -> wrapped.put(id, KeyWrap.wrap(enc.dataKey(), k.publicKey(), aad)));
        return new String[] {store(enc.ciphertext()), store(CanonicalJson.encode(wrapped))};
    }

    /** Opens a sealed value as {@code reader}, decoding it as {@code type}. */
    <T> Sealed<T> open(String context, String ciphertextSha256, String keysSha256, String reader, Class<T> type) {
        byte[] aad = context.getBytes(StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, String> wrapped = CanonicalJson.decode(blobs.get(keysSha256), Map.class);
        byte[] dataKey = KeyWrap.unwrap(Base64.getDecoder().decode(wrapped.get(reader)), parties.get(reader), aad);
        Sealed<?> raw = CanonicalJson.decode(RecordCipher.decrypt(blobs.get(ciphertextSha256), dataKey, aad),
                Sealed.class);
        return new Sealed<>(CanonicalJson.decode(CanonicalJson.encode(raw.value()), type), raw.nonce());
    }

    private String store(byte[] blob) {
        String hash = Hash.sha256(blob).hex();
        blobs.put(hash, blob);
        return hash;
    }
}
