package org.careledger.crypto;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded memo of decoded public keys. Decoding and fully validating a key costs about as much as a signature
 * check, while a ledger sees the same few hundred signers over and over. Entries are a pure function of the key
 * bytes, so the cache changes speed, never results; when full it simply starts over, which keeps it bounded without
 * LRU bookkeeping on the hot path. Keys that fail to decode are not remembered, so garbage cannot crowd out members.
 */
final class PublicKeyCache<V> {
    private final int capacity;
    private final Function<byte[], V> decoder;
    private final ConcurrentHashMap<ByteBuffer, V> entries = new ConcurrentHashMap<>();

    /** @param decoder returns the decoded key, or {@code null} when the bytes are not a valid key */
    PublicKeyCache(int capacity, Function<byte[], V> decoder) {
        this.capacity = capacity;
        this.decoder = decoder;
    }

    /** The decoded key, or {@code null} if {@code key} is not a valid key. */
    V get(byte[] key) {
        // Copy first: a caller mutating its array later must not be able to change what a cached entry means.
        byte[] copy = key.clone();
        ByteBuffer id = ByteBuffer.wrap(copy);
        V cached = entries.get(id);
        if (cached != null) {
            return cached;
        }
        V decoded = decoder.apply(copy);
        if (decoded != null) {
            if (entries.size() >= capacity) {
                entries.clear();
            }
            entries.put(id, decoded);
        }
        return decoded;
    }
}
