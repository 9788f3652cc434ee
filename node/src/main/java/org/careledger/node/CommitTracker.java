package org.careledger.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.careledger.core.Hash;
import org.careledger.ledger.CommittedBlock;

/**
 * Clients waiting for their transactions: completed from committed blocks, whichever node ordered them.
 * Several submissions of the same tx id share one waiter.
 */
public final class CommitTracker {
    /** Where a transaction landed. */
    public record TxCommit(CommittedBlock block, int index) {}

    private final Map<Hash, CompletableFuture<TxCommit>> waiting = new ConcurrentHashMap<>();

    public CompletableFuture<TxCommit> await(Hash txId) {
        return waiting.computeIfAbsent(txId, id -> new CompletableFuture<>());
    }

    public void forget(Hash txId, CompletableFuture<TxCommit> future) {
        waiting.remove(txId, future);
    }

    public void onBlock(CommittedBlock block) {
        if (waiting.isEmpty()) {
            return;
        }
        List<Hash> ids = block.txIds();
        for (int i = 0; i < ids.size(); i++) {
            CompletableFuture<TxCommit> f = waiting.remove(ids.get(i));
            if (f != null) {
                f.complete(new TxCommit(block, i));
            }
        }
    }

    public int size() {
        return waiting.size();
    }
}
