package org.careledger.contracts.supplychain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.careledger.core.Hash;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.StateAccess;

/**
 * One event's view of the transaction: its writes and emitted events are held back and reach the transaction
 * only on {@link #commit()}. A rejected event is simply dropped, so the other events of a capture still commit
 * (the ledger discards a transaction's writes only as a whole).
 */
final class StagedContext implements ContractContext {
    private final ContractContext outer;
    /** Staged writes; an empty Optional is a delete. */
    private final TreeMap<String, Optional<byte[]>> writes = new TreeMap<>();
    private final List<Map.Entry<String, Object>> events = new ArrayList<>();
    private final StateAccess state = new StateAccess() {
        @Override
        public Optional<byte[]> get(String key) {
            Optional<byte[]> staged = writes.get(key);
            if (staged != null) {
                return staged.map(byte[]::clone);
            }
            return outer.state().get(key);
        }

        @Override
        public SortedMap<String, byte[]> scan(String prefix, int limit) {
            long deletes = writes.subMap(prefix, prefix + Character.MAX_VALUE).values().stream()
                    .filter(Optional::isEmpty).count();
            TreeMap<String, byte[]> merged = new TreeMap<>(
                    outer.state().scan(prefix, (int) Math.min(Integer.MAX_VALUE, limit + deletes)));
            writes.subMap(prefix, prefix + Character.MAX_VALUE).forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    v.ifPresentOrElse(b -> merged.put(k, b.clone()), () -> merged.remove(k));
                }
            });
            TreeMap<String, byte[]> out = new TreeMap<>();
            for (Map.Entry<String, byte[]> e : merged.entrySet()) {
                if (out.size() >= limit) {
                    break;
                }
                out.put(e.getKey(), e.getValue());
            }
            return out;
        }

        @Override
        public void put(String key, byte[] value) {
            if (value == null) {
                throw new IllegalArgumentException("state values cannot be null; use delete");
            }
            writes.put(key, Optional.of(value.clone()));
        }

        @Override
        public void delete(String key) {
            writes.put(key, Optional.empty());
        }
    };

    StagedContext(ContractContext outer) {
        this.outer = outer;
    }

    /** The staged puts, in key order (what a refusal keeps: {@link ContractException#keeping}). */
    SortedMap<String, byte[]> stagedPuts() {
        TreeMap<String, byte[]> puts = new TreeMap<>();
        writes.forEach((k, v) -> v.ifPresent(b -> puts.put(k, b.clone())));
        return puts;
    }

    List<Map.Entry<String, Object>> stagedEvents() {
        return List.copyOf(events);
    }

    /** Hands the staged writes and events to the transaction, in order. */
    void commit() {
        writes.forEach((k, v) -> v.ifPresentOrElse(b -> outer.state().put(k, b), () -> outer.state().delete(k)));
        events.forEach(e -> outer.emit(e.getKey(), e.getValue()));
        writes.clear();
        events.clear();
    }

    @Override
    public Hash txId() {
        return outer.txId();
    }

    @Override
    public Identity signer() {
        return outer.signer();
    }

    @Override
    public long blockHeight() {
        return outer.blockHeight();
    }

    @Override
    public long blockTimeMillis() {
        return outer.blockTimeMillis();
    }

    @Override
    public StateAccess state() {
        return state;
    }

    @Override
    public Optional<Identity> identity(String id) {
        return outer.identity(id);
    }

    @Override
    public void emit(String type, Object data) {
        events.add(Map.entry(type, data));
    }

    @Override
    public void attachBlob(Hash sha256) {
        throw new UnsupportedOperationException("the supply chain keeps no blobs");
    }

    @Override
    public void purgeBlob(Hash sha256) {
        throw new UnsupportedOperationException("the supply chain keeps no blobs");
    }
}
