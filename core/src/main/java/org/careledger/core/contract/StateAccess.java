package org.careledger.core.contract;

import java.util.Optional;
import java.util.SortedMap;

/**
 * The world state as a contract sees it during one transaction: reads see this transaction's own writes.
 * Keys are UTF-8 strings, values canonical JSON bytes. Scans return keys in byte order.
 */
public interface StateAccess {
    Optional<byte[]> get(String key);

    /** Every key with the prefix, in sorted order, at most {@code limit} entries. */
    SortedMap<String, byte[]> scan(String prefix, int limit);

    void put(String key, byte[] value);

    void delete(String key);
}
