package org.careledger.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.careledger.core.merkle.MerkleNodeStore;

/**
 * Merkle log nodes read from RocksDB, with the nodes of the block being sealed held in memory until the block's
 * WriteBatch lands (so a failed block leaves the stored log untouched).
 */
public final class RocksMerkleNodeStore implements MerkleNodeStore {
    private final LedgerStore store;
    private final Map<Long, byte[]> pending = new HashMap<>();
    private final Map<Long, byte[]> pendingKeys = new HashMap<>();

    public RocksMerkleNodeStore(LedgerStore store) {
        this.store = store;
    }

    private static long slot(int level, long index) {
        return ((long) level << 56) | index;
    }

    @Override
    public Optional<byte[]> get(int level, long index) {
        byte[] p = pending.get(slot(level, index));
        if (p != null) {
            return Optional.of(p.clone());
        }
        return store.get(Column.MERKLE, Keys.merkleNode(level, index));
    }

    @Override
    public void put(int level, long index, byte[] hash) {
        pending.put(slot(level, index), hash.clone());
        pendingKeys.put(slot(level, index), Keys.merkleNode(level, index));
    }

    /** Moves the pending nodes into the block's write set. */
    public void drainInto(WriteSet writes) {
        pending.forEach((slot, hash) -> writes.put(Column.MERKLE, pendingKeys.get(slot), hash));
        pending.clear();
        pendingKeys.clear();
    }

    /** Forgets pending nodes after a failed block. */
    public void discard() {
        pending.clear();
        pendingKeys.clear();
    }
}
