package org.careledger.ledger;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.careledger.core.contract.StateAccess;

/** One transaction's view: reads see its own writes; its writes reach the block only if it succeeds. */
final class TxState implements StateAccess {
    private static final int MAX_KEY_LENGTH = 1024;
    private final BlockState block;
    private final TreeMap<String, byte[]> writes = new TreeMap<>();

    TxState(BlockState block) {
        this.block = block;
    }

    @Override
    public Optional<byte[]> get(String key) {
        if (writes.containsKey(key)) {
            return Optional.ofNullable(writes.get(key)).map(byte[]::clone);
        }
        return block.get(key);
    }

    @Override
    public SortedMap<String, byte[]> scan(String prefix, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("scan limit must be positive");
        }
        return block.scan(prefix, limit, writes);
    }

    @Override
    public void put(String key, byte[] value) {
        checkKey(key);
        if (value == null) {
            throw new IllegalArgumentException("state values cannot be null; use delete");
        }
        writes.put(key, value.clone());
    }

    @Override
    public void delete(String key) {
        checkKey(key);
        writes.put(key, null);
    }

    TreeMap<String, byte[]> writes() {
        return writes;
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("state keys are 1.." + MAX_KEY_LENGTH + " characters");
        }
    }
}
