package org.careledger.consensus;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.careledger.consensus.proto.Batch;
import org.careledger.consensus.proto.BlobBundle;
import org.careledger.consensus.proto.BlocksReply;
import org.careledger.consensus.proto.CertificatesReply;
import org.careledger.consensus.proto.PeerQuery;
import org.careledger.consensus.proto.RaftEntry;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.ledger.ChainHead;
import org.careledger.ledger.CommittedBlock;
import org.careledger.ledger.Ledger;
import org.careledger.ledger.OrderedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine: a thin adapter that turns committed log entries into ledger blocks and certificate
 * records, in log order, on Ratis' single apply thread.
 *
 * <ul>
 *   <li>A {@code Batch} entry becomes block {@code head+1} via {@link Ledger#apply} only when its log index is above
 *       the ledger's applied index, so the replay Ratis does after a restart (every entry after the last snapshot)
 *       changes nothing. Transactions already committed (a client or the Raft client retried) are left out, so
 *       each transaction is in the chain once; the filter reads only committed state, so every node agrees.</li>
 *   <li>A {@code SignatureBatch} entry is recorded by the {@link CertificateBook}; a fork halts this node.</li>
 *   <li>Off-chain blobs (record ciphertext) travel as the entry's state-machine data (Ratis' DataApi): the log
 *       keeps only their hashes, {@link StagedBlobs} keeps the bytes until the entry is applied, so an erasure can
 *       destroy every copy on disk. After a block that erased blobs the node asks for a snapshot at once and then
 *       drops the older checkpoints, which still link the erased bytes.</li>
 *   <li>{@link #takeSnapshot} checkpoints the store ({@link CheckpointStorage}) so Ratis can purge its log.</li>
 *   <li>A follower the leader's log no longer reaches is told to install a snapshot
 *       ({@link #notifyInstallSnapshotFromLeader}); it fetches the missing blocks from peers and re-executes each
 *       one, comparing hashes ({@link PeerCatchUp}) rather than trusting a copied database.</li>
 * </ul>
 * After a halt every apply throws, which makes Ratis stop this server: a forked node stops, it does not go on.
 */
final class LedgerStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerStateMachine.class);
    static final int MAX_BLOCKS_PER_REPLY = 128;
    static final long MAX_REPLY_BYTES = 16L * 1024 * 1024;
    /** How far a proposer's clock may be from the leader's; only the leader checks, before the entry is logged. */
    static final long MAX_CLOCK_SKEW_MILLIS = 5 * 60 * 1000;

    private final Ledger ledger;
    private final CertificateBook book;
    private final Consumer<CommittedBlock> onBlock;
    private final CheckpointStorage storage = new CheckpointStorage();
    private final StagedBlobs staged;
    private volatile Runnable erasureListener = () -> { };
    private volatile boolean dropOlderCheckpoints;
    private final ReentrantLock applyLock = new ReentrantLock();
    private final ExecutorService catchUpExecutor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("careledger-catch-up").daemon(true).factory());
    private volatile PeerCatchUp catchUp;
    private volatile Consumer<String> haltListener = reason -> { };
    private volatile String haltReason;
    /** Why this node could not write its Raft log or its store (a full disk, an I/O error), or null. */
    private volatile String writeFailure;
    private volatile boolean crashing;
    private volatile long skippedDuplicates;
    /** While a catch-up from peers runs: the leader's first log index, which this node must reach; else -1. */
    private volatile long catchUpTarget = -1;

    LedgerStateMachine(Ledger ledger, CertificateBook book, Consumer<CommittedBlock> onBlock) {
        this.ledger = ledger;
        this.book = book;
        this.onBlock = onBlock;
        this.staged = new StagedBlobs(ledger.store());
    }

    /** Called (on the apply thread; must not block) after a block erased blobs. */
    void setErasureListener(Runnable listener) {
        this.erasureListener = listener;
    }

    StagedBlobs staged() {
        return staged;
    }

    void setCatchUp(PeerCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    void setHaltListener(Consumer<String> listener) {
        this.haltListener = listener;
    }

    ReentrantLock applyLock() {
        return applyLock;
    }

    CheckpointStorage checkpoints() {
        return storage;
    }

    String haltReason() {
        return haltReason;
    }

    long skippedDuplicates() {
        return skippedDuplicates;
    }

    /** The log index a running catch-up from peers must reach (the leader's first available entry), or -1. */
    long catchUpTarget() {
        return catchUpTarget;
    }

    String writeFailure() {
        return writeFailure;
    }

    /**
     * Ratis failed to write this node's Raft log. Its log worker keeps that failure for the rest of the server's
     * life (every later append fails with "Log already failed"), so the node can take no entry until its Raft server
     * restarts, even once the cause (a full disk) is gone.
     */
    @Override
    public void notifyLogFailed(Throwable cause, LogEntryProto failedEntry) {
        writeFailed("Raft log", cause, failedEntry == null ? -1 : failedEntry.getIndex());
    }

    /**
     * This node could not write its Raft log or its store (a full disk, an I/O error). Ratis does not retry either:
     * a failed log write fails every later one, a failed apply stops the server, and RocksDB turns read-only after
     * a failed write. Recorded once, for health to say so and the node to restart itself from its directory when its
     * disks have room again; logged once, also on stderr (the log file may be on the full disk).
     */
    void writeFailed(String what, Throwable cause, long index) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = "writing its " + what + " failed: " + root.getMessage() + (index < 0 ? "" : " (log entry " + index + ")");
        synchronized (this) {
            if (writeFailure != null) {
                return;
            }
            writeFailure = why;
        }
        String message = "this node stopped taking log entries: " + why + ". It restarts its Raft server and store by"
                + " itself once its disks have room again (docs/OPERATIONS.md, A full disk)";
        LOG.error(message);
        System.err.println("careledger node ERROR " + message);
    }

    /** Stops this node from applying anything more; the first reason wins. */
    void halt(String reason) {
        synchronized (this) {
            if (haltReason != null) {
                return;
            }
            haltReason = reason;
        }
        LOG.error("node HALTED: {}", reason);
        book.stop(new CareledgerException("NODE_HALTED", "this node halted: " + reason));
        haltListener.accept(reason);
    }

    /** Test hook for a crash: no snapshot on the way down. */
    void crashing() {
        crashing = true;
    }

    // ---- lifecycle ----

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        getLifeCycle().startAndTransition(() -> {
            storage.init(raftStorage);
            CheckpointStorage.Checkpoint latest = storage.getLatestSnapshot();
            if (latest != null) {
                long height = latest.height();
                if (height > ledger.head().height()) {
                    // Ratis would resume after the snapshot and never replay the blocks the store lacks
                    throw new IOException("RAFT_STATE_AHEAD_OF_STORE: the Raft directory has a snapshot at ledger height "
                            + height + " but the store is at height " + ledger.head().height()
                            + "; restore the store, or remove the Raft directory so the node re-syncs from its peers");
                }
                setLastAppliedTermIndex(latest.getTermIndex());
            }
        }, IOException.class);
        LOG.info("state machine of {} starts at snapshot {}, ledger head {} (log index {})", server.getId(),
                storage.getLatestSnapshot() == null ? "none" : storage.getLatestSnapshot().getTermIndex(),
                ledger.head().height(), ledger.appliedIndex());
    }

    @Override
    public void pause() {
        LifeCycle lc = getLifeCycle();
        if (lc.getCurrentState() == LifeCycle.State.RUNNING) {
            lc.transition(LifeCycle.State.PAUSING);
            lc.transition(LifeCycle.State.PAUSED);
        }
    }

    /** After a catch-up: the store already holds the fetched blocks, so only the applied position moves. */
    @Override
    public void reinitialize() throws IOException {
        SnapshotInfo latest = storage.getLatestSnapshot();
        if (latest != null) {
            setLastAppliedTermIndex(latest.getTermIndex());
        }
        LifeCycle lc = getLifeCycle();
        if (lc.getCurrentState() == LifeCycle.State.PAUSED) {
            lc.transition(LifeCycle.State.STARTING);
            lc.transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return storage.getLatestSnapshot();
    }

    @Override
    public void close() throws IOException {
        catchUpExecutor.shutdownNow();
        try {
            // a catch-up step holds the apply lock while it writes; let the current one finish
            catchUpExecutor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.close();
    }

    // ---- ordering ----

    /** The leader refuses entries that are not careledger entries before they reach the log. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        if (haltReason != null) {
            return refused(request, "the leader halted: " + haltReason);
        }
        RaftEntry entry;
        try {
            entry = RaftEntry.parseFrom(request.getMessage().getContent().asReadOnlyByteBuffer());
        } catch (InvalidProtocolBufferException e) {
            return refused(request, "not a careledger entry: " + e.getMessage());
        }
        if (entry.getKindCase() == RaftEntry.KindCase.KIND_NOT_SET
                || entry.hasBatch() && entry.getBatch().getTxsCount() == 0) {
            return refused(request, "empty careledger entry");
        }
        if (entry.hasBatch()
                && Math.abs(entry.getBatch().getTimestampMillis() - System.currentTimeMillis()) > MAX_CLOCK_SKEW_MILLIS) {
            // block time never goes back, so one proposer with a clock far ahead would drag every later block
            return refused(request, "batch of " + entry.getBatch().getProposer() + " is stamped "
                    + entry.getBatch().getTimestampMillis() + " ms, more than " + MAX_CLOCK_SKEW_MILLIS / 1000
                    + " s from the leader's clock");
        }
        if (!entry.hasBatch() || entry.getBatch().getBlobsCount() == 0) {
            return super.startTransaction(request);
        }
        // the log keeps the batch with its blobs' hashes; the blobs themselves become state-machine data
        Batch batch = entry.getBatch();
        Batch.Builder logged = batch.toBuilder().clearBlobs().clearBlobHashes();
        BlobBundle.Builder bundle = BlobBundle.newBuilder();
        for (ByteString blob : batch.getBlobsList()) {
            logged.addBlobHashes(ByteString.copyFrom(Hash.sha256(blob.toByteArray()).bytes()));
            bundle.addBlobs(blob);
        }
        return TransactionContext.newBuilder()
                .setStateMachine(this)
                .setServerRole(RaftPeerRole.LEADER)
                .setClientRequest(request)
                .setLogData(UnsafeByteOperations.unsafeWrap(RaftEntry.newBuilder().setBatch(logged).build().toByteArray()))
                .setStateMachineData(UnsafeByteOperations.unsafeWrap(bundle.build().toByteArray()))
                .build();
    }

    private TransactionContext refused(RaftClientRequest request, String why) throws IOException {
        TransactionContext trx = super.startTransaction(request);
        trx.setException(new StateMachineException(why));
        return trx;
    }

    // ---- state-machine data: the blobs of an entry, outside the Raft log ----

    @Override
    public CompletableFuture<?> write(LogEntryProto entry, TransactionContext trx) {
        org.apache.ratis.thirdparty.com.google.protobuf.ByteString data =
                entry.getStateMachineLogEntry().getStateMachineEntry().getStateMachineData();
        if (data.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            staged.stage(entry.getIndex(), BlobBundle.parseFrom(data.asReadOnlyByteBuffer()));
            return CompletableFuture.completedFuture(null);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            LOG.error("cannot stage the blobs of log entry {}: {}", entry.getIndex(), e.toString());
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<?> write(LogEntryProto entry) {
        return write(entry, null);
    }

    /** Rebuilds an entry's state-machine data for a peer the leader's log cache no longer serves. */
    @Override
    public CompletableFuture<org.apache.ratis.thirdparty.com.google.protobuf.ByteString> read(LogEntryProto entry,
                                                                                            TransactionContext trx) {
        try {
            RaftEntry e = RaftEntry.parseFrom(entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
            BlobBundle bundle = staged.bundle(entry.getIndex(), e.getBatch());
            // never empty: Ratis treats empty state-machine data as "not read"
            return CompletableFuture.completedFuture(UnsafeByteOperations.unsafeWrap(bundle.toByteArray()));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<org.apache.ratis.thirdparty.com.google.protobuf.ByteString> read(LogEntryProto entry) {
        return read(entry, null);
    }

    @Override
    public CompletableFuture<Void> truncate(long index) {
        try {
            staged.dropFrom(index);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        requireRunning();
        applyLock.lock();
        try {
            Message reply = applyEntry(entry.getIndex(), entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
            requireRunning();
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            return CompletableFuture.completedFuture(reply);
        } catch (CareledgerException e) {
            if (e.code().equals("STORE_ERROR")) { // RocksDB could not write (no space, I/O): Ratis stops the server
                writeFailed("store", e, entry.getIndex());
            }
            throw e;
        } finally {
            applyLock.unlock();
        }
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        applyLock.lock();
        try {
            super.notifyTermIndexUpdated(term, index);
        } finally {
            applyLock.unlock();
        }
    }

    private void requireRunning() {
        String reason = haltReason;
        if (reason != null) {
            // Ratis closes the server when apply throws: a forked node must not apply further entries
            throw new CareledgerException("NODE_HALTED", "this node halted and applies nothing more: " + reason);
        }
    }

    /** Applies one committed entry; the caller holds the apply lock. Package-private for tests. */
    Message applyEntry(long index, ByteBuffer data) {
        RaftEntry entry;
        try {
            entry = RaftEntry.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            // the leader refuses these; one can only come from a node running other software. Skipping is
            // deterministic: every node parses the same bytes the same way.
            LOG.warn("log entry {} is not a careledger entry; skipped", index);
            return Message.EMPTY;
        }
        return switch (entry.getKindCase()) {
            case BATCH -> applyBatch(index, entry.getBatch());
            case SIGNATURES -> {
                book.record(entry.getSignatures().getSignaturesList());
                yield Message.EMPTY;
            }
            default -> Message.EMPTY;
        };
    }

    private Message applyBatch(long index, Batch batch) {
        if (index <= ledger.appliedIndex()) {
            staged.unstage(index, batch);
            return Message.valueOf("replayed");
        }
        List<TxEnvelope> fresh = new ArrayList<>(batch.getTxsCount());
        Set<Hash> seen = new HashSet<>();
        for (TxEnvelope tx : batch.getTxsList()) {
            Hash id = Hash.sha256(tx.getPayload().toByteArray());
            if (seen.add(id) && ledger.location(id).isEmpty()) {
                fresh.add(tx);
            }
        }
        int duplicates = batch.getTxsCount() - fresh.size();
        if (duplicates > 0) {
            skippedDuplicates += duplicates;
            LOG.debug("entry {}: {} transaction(s) already committed, left out", index, duplicates);
        }
        if (fresh.isEmpty()) {
            staged.unstage(index, batch);
            return Message.valueOf("duplicate");
        }
        java.util.Map<Hash, byte[]> blobs = new java.util.HashMap<>();
        List<ByteString> carried = new ArrayList<>(batch.getBlobsList()); // inline: entries applied without Ratis
        if (batch.getBlobHashesCount() > 0) {
            BlobBundle bundle = staged.bundle(index, batch);
            if (bundle.getPurged() > 0) {
                LOG.warn("entry {}: {} of its {} blob(s) are not on this node (erased since, or lost); its block is "
                        + "applied without them", index, bundle.getPurged(), batch.getBlobHashesCount());
            }
            carried.addAll(bundle.getBlobsList());
        }
        for (ByteString b : carried) {
            byte[] data = b.toByteArray();
            blobs.put(Hash.sha256(data), data);
        }
        long erasures = ledger.erasures();
        CommittedBlock block = ledger.apply(new OrderedBatch(index, batch.getTimestampMillis(), batch.getProposer(), fresh, blobs));
        staged.unstage(index, batch);
        book.remember(block.height(), block.hash());
        onBlock.accept(block);
        if (ledger.erasures() > erasures) {
            dropOlderCheckpoints = true;
            erasureListener.run();
        }
        return Message.valueOf(Long.toString(block.height()));
    }

    // ---- snapshots ----

    @Override
    public long takeSnapshot() throws IOException {
        if (crashing || haltReason != null) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        applyLock.lock();
        try {
            TermIndex last = getLastAppliedTermIndex();
            if (last == null || last.getIndex() < 0) {
                return RaftLog.INVALID_LOG_INDEX;
            }
            staged.dropUpTo(last.getIndex());
            ledger.store().flush();
            storage.take(ledger.store(), last, ledger.head());
            if (dropOlderCheckpoints) {
                storage.retainOnlyLatest();
                dropOlderCheckpoints = false;
                LOG.info("older checkpoints dropped after an erasure");
            }
            LOG.info("snapshot at {} (ledger height {}, log index {})", last, ledger.head().height(), ledger.appliedIndex());
            return last.getIndex();
        } finally {
            applyLock.unlock();
        }
    }

    /**
     * The leader's log starts after what this node has: fetch the missing blocks from peers, re-execute them, and
     * report the Raft position the result reflects. Ratis then reloads us from {@link #getLatestSnapshot}.
     */
    @Override
    public CompletableFuture<TermIndex> notifyInstallSnapshotFromLeader(RoleInfoProto roleInfo, TermIndex firstAvailable) {
        PeerCatchUp c = catchUp;
        String leader = roleInfo.hasFollowerInfo() && roleInfo.getFollowerInfo().hasLeaderInfo()
                ? roleInfo.getFollowerInfo().getLeaderInfo().getId().getId().toStringUtf8() : null;
        LOG.info("the leader {} has purged its log up to {}; catching up from peers (ledger head {}, log index {})",
                leader, firstAvailable, ledger.head().height(), ledger.appliedIndex());
        if (c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("catch-up is not wired yet"));
        }
        catchUpTarget = firstAvailable.getIndex();
        try {
            return CompletableFuture.supplyAsync(() -> c.run(leader, firstAvailable), catchUpExecutor)
                    .whenComplete((reached, error) -> catchUpTarget = -1);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            catchUpTarget = -1;
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---- serving peers ----

    @Override
    public CompletableFuture<Message> query(Message request) {
        String reason = haltReason;
        if (reason != null) {
            return CompletableFuture.failedFuture(new StateMachineException("this node halted: " + reason));
        }
        try {
            PeerQuery q = PeerQuery.parseFrom(request.getContent().asReadOnlyByteBuffer());
            ByteString reply = switch (q.getKindCase()) {
                case BLOCKS -> blocks(q.getBlocks().getFromHeight(), q.getBlocks().getMaxBlocks()).toByteString();
                case CERTIFICATES -> CertificatesReply.newBuilder().addAllCertificates(book.certificates(
                        q.getCertificates().getFromHeight(), q.getCertificates().getToHeight(), 1024)).build().toByteString();
                case BLOBS -> blobs(q.getBlobs().getHashesList()).toByteString();
                default -> throw new InvalidProtocolBufferException("unknown query");
            };
            return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(reply.asReadOnlyByteBuffer())));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return CompletableFuture.failedFuture(new StateMachineException("bad peer query: " + e.getMessage()));
        }
    }

    @Override
    public CompletableFuture<Message> queryStale(Message request, long minIndex) {
        return query(request);
    }

    /** The blobs this node holds of those asked for (at most {@link #MAX_REPLY_BYTES} of them). */
    BlobBundle blobs(List<ByteString> hashes) {
        BlobBundle.Builder reply = BlobBundle.newBuilder();
        long bytes = 0;
        for (ByteString h : hashes) {
            java.util.Optional<byte[]> blob = ledger.blob(Hash.of(h.toByteArray()));
            if (blob.isEmpty()) {
                continue;
            }
            bytes += blob.get().length;
            if (reply.getBlobsCount() > 0 && bytes > MAX_REPLY_BYTES) {
                break;
            }
            reply.addBlobs(ByteString.copyFrom(blob.get()));
        }
        return reply.build();
    }

    BlocksReply blocks(long from, int max) {
        ChainHead head;
        TermIndex applied;
        applyLock.lock();
        try {
            head = ledger.head();
            applied = getLastAppliedTermIndex();
        } finally {
            applyLock.unlock();
        }
        BlocksReply.Builder reply = BlocksReply.newBuilder()
                .setHeadHeight(head.height())
                .setHeadHash(ByteString.copyFrom(head.hash().bytes()))
                .setAppliedTerm(Math.max(0, applied.getTerm()))
                .setAppliedIndex(Math.max(0, applied.getIndex()));
        long bytes = 0;
        int limit = max <= 0 ? MAX_BLOCKS_PER_REPLY : Math.min(max, MAX_BLOCKS_PER_REPLY);
        for (long h = Math.max(1, from); h <= head.height() && reply.getBlocksCount() < limit; h++) {
            Block b = ledger.block(h).orElseThrow(() -> new CompletionException(new IOException("block missing")));
            bytes += b.getSerializedSize();
            if (reply.getBlocksCount() > 0 && bytes > MAX_REPLY_BYTES) {
                break;
            }
            reply.addBlocks(b);
        }
        return reply.build();
    }
}
