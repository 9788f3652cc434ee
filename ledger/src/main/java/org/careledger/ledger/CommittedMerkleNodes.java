package org.careledger.ledger;

import java.util.Optional;
import org.careledger.core.merkle.MerkleNodeStore;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.LedgerStore;

/** Read-only view of the committed Merkle nodes, safe for concurrent readers while a block is being applied. */
final class CommittedMerkleNodes implements MerkleNodeStore {
    private final LedgerStore store;

    CommittedMerkleNodes(LedgerStore store) {
        this.store = store;
    }

    @Override
    public Optional<byte[]> get(int level, long index) {
        return store.get(Column.MERKLE, Keys.merkleNode(level, index));
    }

    @Override
    public void put(int level, long index, byte[] hash) {
        throw new UnsupportedOperationException("committed Merkle nodes are read-only");
    }
}
