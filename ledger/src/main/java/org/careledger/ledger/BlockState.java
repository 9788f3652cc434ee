package org.careledger.ledger;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.careledger.core.contract.CommittedState;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.LedgerStore;

/**
 * The state as seen while a block is being built: committed state plus the writes of the block's valid
 * transactions so far. A {@code null} value in {@link #writes} marks a delete.
 */
final class BlockState implements CommittedState {
    private final LedgerStore store;
    private final TreeMap<String, byte[]> writes = new TreeMap<>();

    BlockState(LedgerStore store) {
        this.store = store;
    }

    @Override
    public Optional<byte[]> get(String key) {
        if (writes.containsKey(key)) {
            return Optional.ofNullable(writes.get(key));
        }
        return store.get(Column.STATE, Keys.utf8(key));
    }

    @Override
    public SortedMap<String, byte[]> scan(String prefix, int limit, Map<String, byte[]> overlay) {
        int extra = countPrefix(writes, prefix) + countPrefix(overlay, prefix);
        TreeMap<String, byte[]> merged = new TreeMap<>();
        store.scan(Column.STATE, Keys.utf8(prefix), limit + extra)
                .forEach((k, v) -> merged.put(Keys.utf8(k), v));
        applyOverlay(merged, writes, prefix);
        applyOverlay(merged, overlay, prefix);
        while (merged.size() > limit) {
            merged.pollLastEntry();
        }
        return merged;
    }

    private static int countPrefix(Map<String, byte[]> m, String prefix) {
        return (int) m.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    private static void applyOverlay(TreeMap<String, byte[]> target, Map<String, byte[]> overlay, String prefix) {
        overlay.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                if (v == null) {
                    target.remove(k);
                } else {
                    target.put(k, v);
                }
            }
        });
    }

    void merge(Map<String, byte[]> txWrites) {
        writes.putAll(txWrites);
    }

    boolean wrote(String key) {
        return writes.containsKey(key);
    }

    /** Sorted writes of the block (null = delete). */
    SortedMap<String, byte[]> writes() {
        return writes;
    }

    static boolean sameValue(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
