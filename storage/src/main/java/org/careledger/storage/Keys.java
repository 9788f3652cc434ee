package org.careledger.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Key encodings: big-endian numbers so RocksDB's byte order is numeric order. */
public final class Keys {
    private Keys() {}

    public static byte[] height(long height) {
        return ByteBuffer.allocate(Long.BYTES).putLong(height).array();
    }

    public static long height(byte[] key) {
        if (key.length != Long.BYTES) {
            throw new IllegalArgumentException("a height key has 8 bytes, got " + key.length);
        }
        return ByteBuffer.wrap(key).getLong();
    }

    public static byte[] merkleNode(int level, long index) {
        return ByteBuffer.allocate(1 + Long.BYTES).put((byte) level).putLong(index).array();
    }

    public static byte[] utf8(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    public static String utf8(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
