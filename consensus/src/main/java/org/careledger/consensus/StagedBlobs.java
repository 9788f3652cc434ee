package org.careledger.consensus;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.careledger.consensus.proto.Batch;
import org.careledger.consensus.proto.BlobBundle;
import org.careledger.core.Hash;
import org.careledger.storage.Column;
import org.careledger.storage.LedgerStore;
import org.careledger.storage.WriteSet;

/**
 * The off-chain blobs of Raft entries between append and apply. Ratis hands an entry's state-machine data to
 * {@link #stage} instead of writing it into a log segment, so record ciphertext never sits in the Raft log, where
 * erasure could not reach it. Keys are (log index, SHA-256): a truncated entry's blobs go with its index, and an
 * applied entry's move into the ledger's blob column with its block.
 */
final class StagedBlobs {
    private final LedgerStore store;

    StagedBlobs(LedgerStore store) {
        this.store = store;
    }

    /** Keeps the blobs of the entry at {@code index} durably (a synced write) until it is applied or truncated. */
    void stage(long index, BlobBundle bundle) {
        WriteSet ws = new WriteSet();
        for (ByteString blob : bundle.getBlobsList()) {
            byte[] bytes = blob.toByteArray();
            ws.put(Column.STAGED_BLOBS, key(index, Hash.sha256(bytes)), bytes);
        }
        if (!ws.isEmpty()) {
            store.write(ws);
        }
    }

    /**
     * The blobs the entry at {@code index} names, from staging or, once applied, from the ledger's blob store. A
     * blob erased since is counted as purged: a lagging peer then applies the entry without it, as it would have
     * lost it to the erasure that follows anyway.
     */
    BlobBundle bundle(long index, Batch batch) {
        BlobBundle.Builder b = BlobBundle.newBuilder();
        int purged = 0;
        for (ByteString h : batch.getBlobHashesList()) {
            Hash hash = Hash.of(h.toByteArray());
            Optional<byte[]> blob = store.get(Column.STAGED_BLOBS, key(index, hash))
                    .or(() -> store.get(Column.BLOBS, hash.bytes()));
            if (blob.isPresent()) {
                b.addBlobs(ByteString.copyFrom(blob.get()));
            } else {
                purged++;
            }
        }
        return b.setPurged(purged).build();
    }

    /** Drops the staged copies of an applied entry's blobs (the block write took them into the blob store). */
    void unstage(long index, Batch batch) {
        WriteSet ws = new WriteSet();
        for (ByteString h : batch.getBlobHashesList()) {
            ws.delete(Column.STAGED_BLOBS, key(index, Hash.of(h.toByteArray())));
        }
        if (!ws.isEmpty()) {
            store.write(ws);
        }
    }

    /** Drops what entries at {@code fromIndex} and after staged: Raft truncated them (never committed). */
    void dropFrom(long fromIndex) {
        drop(k -> k >= fromIndex);
    }

    /** Drops what entries up to {@code index} staged: left over only if the node stopped between apply and unstage. */
    void dropUpTo(long index) {
        drop(k -> k <= index);
    }

    /** Number of staged blobs (for tests and metrics). */
    long count() {
        long[] n = {0};
        store.forEach(Column.STAGED_BLOBS, new byte[0], Long.MAX_VALUE, (k, v) -> n[0]++);
        return n[0];
    }

    private void drop(java.util.function.LongPredicate which) {
        List<byte[]> keys = new ArrayList<>();
        store.forEach(Column.STAGED_BLOBS, new byte[0], Long.MAX_VALUE, (k, v) -> {
            if (which.test(ByteBuffer.wrap(k).getLong())) {
                keys.add(k);
            }
        });
        if (!keys.isEmpty()) {
            WriteSet ws = new WriteSet();
            keys.forEach(k -> ws.delete(Column.STAGED_BLOBS, k));
            store.write(ws);
        }
    }

    static byte[] key(long index, Hash hash) {
        return ByteBuffer.allocate(8 + hash.bytes().length).putLong(index).put(hash.bytes()).array();
    }
}
