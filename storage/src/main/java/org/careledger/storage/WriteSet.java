package org.careledger.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one block changes, collected in memory and written as one atomic RocksDB WriteBatch. A null value
 * is a delete. Order of puts is kept so later puts of the same key win, as in RocksDB.
 */
public final class WriteSet {
    public record Put(Column column, byte[] key, byte[] value) {}

    private final Map<Column, List<Put>> puts = new EnumMap<>(Column.class);

    public WriteSet put(Column column, byte[] key, byte[] value) {
        puts.computeIfAbsent(column, c -> new ArrayList<>()).add(new Put(column, key, value));
        return this;
    }

    public WriteSet delete(Column column, byte[] key) {
        return put(column, key, null);
    }

    public List<Put> puts(Column column) {
        return Collections.unmodifiableList(puts.getOrDefault(column, List.of()));
    }

    public boolean isEmpty() {
        return puts.isEmpty();
    }

    Iterable<Map.Entry<Column, List<Put>>> entries() {
        return puts.entrySet();
    }
}
