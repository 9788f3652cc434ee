package org.careledger.fhir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.careledger.core.Hash;

/**
 * Resource ids for exported resources, derived from ledger ids rather than random: the same ledger state then
 * exports to the same bytes on every node and every run, so auditors can compare or hash exports, and a receiver
 * that imports the same export twice updates rather than duplicates.
 */
public final class ExportIds {

    private ExportIds() {}

    /**
     * An RFC 9562 version-8 (custom) UUID from SHA-256 over the kind and parts. Each part is length-prefixed, so
     * ("ab", "c") and ("a", "bc") give different ids.
     */
    public static String uuid(String kind, String... parts) {
        byte[][] chunks = new byte[parts.length + 1][];
        chunks[0] = lengthPrefixed(kind);
        for (int i = 0; i < parts.length; i++) {
            chunks[i + 1] = lengthPrefixed(parts[i]);
        }
        ByteBuffer digest = ByteBuffer.wrap(Hash.sha256(chunks).bytes());
        long msb = (digest.getLong() & ~0xF000L) | 0x8000L; // version 8
        long lsb = (digest.getLong() & ~(0xC000L << 48)) | (0x8000L << 48); // RFC 9562 variant
        return new UUID(msb, lsb).toString();
    }

    private static byte[] lengthPrefixed(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    }
}
