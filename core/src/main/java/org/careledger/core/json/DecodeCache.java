package org.careledger.core.json;

import java.util.Arrays;

/**
 * Remembers the last few values a thread decoded from state bytes, keyed by the bytes themselves. A batch of records
 * for one patient reads the same patient entry and the same referenced records once per record; decoding them again
 * was a tenth of block application. The cache is keyed by content, never by state key or height, so a hit returns
 * exactly what {@link CanonicalJson#decode} would: determinism does not depend on it. Only for immutable types
 * (records whose lists are copied), because every hit hands out the same instance.
 */
public final class DecodeCache<T> {
    private static final int SLOTS = 32;

    private final Class<T> type;
    private final ThreadLocal<Slot[]> slots = ThreadLocal.withInitial(() -> new Slot[SLOTS]);

    private record Slot(int hash, byte[] bytes, Object value) {}

    public DecodeCache(Class<T> type) {
        this.type = type;
    }

    /** {@code CanonicalJson.decode(bytes, type)}, from the cache when these exact bytes were decoded lately. */
    public T decode(byte[] bytes) {
        int hash = Arrays.hashCode(bytes);
        Slot[] table = slots.get();
        int i = Math.floorMod(hash, SLOTS);
        Slot s = table[i];
        if (s != null && s.hash == hash && Arrays.equals(s.bytes, bytes)) {
            return type.cast(s.value);
        }
        T value = CanonicalJson.decode(bytes, type);
        table[i] = new Slot(hash, bytes.clone(), value);
        return value;
    }
}
