package org.careledger.api.records;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;

/**
 * The wrapped data keys of records, stored as an off-chain blob: record id → recipient (an org id or
 * "patient/&lt;id&gt;") → HPKE-wrapped data key. Canonical JSON, so its SHA-256 is stable.
 */
public record KeyBundle(TreeMap<String, TreeMap<String, String>> keys) {
    /** Read on every record read: one reader, so the type is resolved once. */
    private static final com.fasterxml.jackson.databind.ObjectReader READER = CanonicalJson.mapper()
            .readerFor(new TypeReference<TreeMap<String, TreeMap<String, String>>>() {});

    public KeyBundle {
        keys = keys == null ? new TreeMap<>() : keys;
    }

    public static KeyBundle empty() {
        return new KeyBundle(new TreeMap<>());
    }

    public KeyBundle with(String recordId, String recipient, byte[] wrapped) {
        TreeMap<String, TreeMap<String, String>> copy = new TreeMap<>();
        keys.forEach((r, m) -> copy.put(r, new TreeMap<>(m)));
        copy.computeIfAbsent(recordId, r -> new TreeMap<>()).put(recipient, Base64.getEncoder().encodeToString(wrapped));
        return new KeyBundle(copy);
    }

    public byte[] wrappedFor(String recordId, String recipient) {
        Map<String, String> forRecord = keys.get(recordId);
        if (forRecord == null || !forRecord.containsKey(recipient)) {
            throw new CareledgerException("KEY_NOT_WRAPPED_FOR_READER", "no data key of record " + recordId
                    + " is wrapped for " + recipient);
        }
        return Base64.getDecoder().decode(forRecord.get(recipient));
    }

    public byte[] toBytes() {
        return CanonicalJson.encode(keys);
    }

    public Hash sha256() {
        return Hash.sha256(toBytes());
    }

    public static KeyBundle fromBytes(byte[] json) {
        try {
            TreeMap<String, TreeMap<String, String>> m = READER.readValue(json);
            return new KeyBundle(m);
        } catch (java.io.IOException e) {
            throw new CareledgerException("KEY_BUNDLE_MALFORMED", "the key bundle blob is not valid JSON: " + e.getMessage());
        }
    }
}
