package org.careledger.consensus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.careledger.consensus.proto.Batch;
import org.careledger.consensus.proto.RaftEntry;
import org.careledger.core.CareledgerException;
import org.careledger.core.proto.TxEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network orderer: one thread drains admitted transactions into batches (up to maxBatchTxs or 8 MiB, lingering
 * a moment for more), stamps each with this node's clock and id, and submits it as one Raft entry through the
 * Ratis client, which finds the leader and retries across leader changes. Up to 32 entries are in flight at once.
 * A transaction's future completes when the leader has committed and applied its entry.
 *
 * <p>A failed future does not prove the transaction was not committed (the reply may be what got lost); callers
 * that must know wait for the block, and a re-submission of the same transaction is left out of the chain.
 */
final class RaftOrderer implements Orderer {
    private static final Logger LOG = LoggerFactory.getLogger(RaftOrderer.class);
    static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;
    private static final int MAX_IN_FLIGHT = 32;

    private record Pending(TxEnvelope tx, java.util.Map<org.careledger.core.Hash, byte[]> blobs,
                           CompletableFuture<Void> done) {
        long size() {
            return tx.getSerializedSize() + blobs.values().stream().mapToLong(b -> b.length).sum();
        }
    }

    private final String nodeId;
    private final int maxBatch;
    private final int lingerMillis;
    private final Duration timeout;
    private final Function<byte[], CompletableFuture<RaftClientReply>> submit;
    private final Supplier<String> role;
    private final Supplier<String> leader;
    private final Supplier<String> haltReason;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private Thread worker;
    private volatile boolean running = true;

    RaftOrderer(String nodeId, int maxBatch, int lingerMillis, Duration timeout,
                Function<byte[], CompletableFuture<RaftClientReply>> submit, Supplier<String> role,
                Supplier<String> leader, Supplier<String> haltReason) {
        this.nodeId = nodeId;
        this.maxBatch = maxBatch;
        this.lingerMillis = lingerMillis;
        this.timeout = timeout;
        this.submit = submit;
        this.role = role;
        this.leader = leader;
        this.haltReason = haltReason;
    }

    void start() {
        worker = Thread.ofPlatform().name("careledger-raft-orderer").daemon(true).start(this::run);
    }

    @Override
    public CompletableFuture<Void> order(TxEnvelope tx) {
        return order(tx, java.util.Map.of());
    }

    @Override
    public CompletableFuture<Void> order(TxEnvelope tx, java.util.Map<org.careledger.core.Hash, byte[]> blobs) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        String halted = haltReason.get();
        if (halted != null) {
            done.completeExceptionally(new CareledgerException("NODE_HALTED", "this node halted and orders nothing: " + halted));
        } else if (!running) {
            done.completeExceptionally(new CareledgerException("NODE_STOPPING", "this node is shutting down"));
        } else if (!queue.offer(new Pending(tx, blobs, done))) {
            done.completeExceptionally(new CareledgerException("NODE_BUSY", "the node's ordering queue is full; retry"));
        }
        return done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        Pending carry = null;
        while (running) {
            try {
                Pending first = carry != null ? carry : queue.poll(100, TimeUnit.MILLISECONDS);
                carry = null;
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long bytes = first.size();
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMillis);
                while (batch.size() < maxBatch) {
                    Pending next = queue.poll();
                    if (next == null) {
                        long left = deadline - System.nanoTime();
                        next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                        if (next == null) {
                            break;
                        }
                    }
                    if (bytes + next.size() > MAX_BATCH_BYTES) {
                        carry = next;
                        break;
                    }
                    batch.add(next);
                    bytes += next.size();
                }
                inFlight.acquire();
                submitBatch(List.copyOf(batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(batch, new CareledgerException("NODE_STOPPING", "this node is shutting down"));
                if (carry != null) {
                    fail(List.of(carry), new CareledgerException("NODE_STOPPING", "this node is shutting down"));
                }
                break;
            } finally {
                batch.clear();
            }
        }
        if (carry != null) {
            fail(List.of(carry), new CareledgerException("NODE_STOPPING", "this node is shutting down"));
        }
    }

    private void submitBatch(List<Pending> batch) {
        byte[] entry = RaftEntry.newBuilder().setBatch(Batch.newBuilder()
                .setTimestampMillis(System.currentTimeMillis())
                .setProposer(nodeId)
                .addAllTxs(batch.stream().map(Pending::tx).toList())
                .addAllBlobs(batch.stream().flatMap(p -> p.blobs().values().stream())
                        .map(com.google.protobuf.ByteString::copyFrom).toList())).build().toByteArray();
        CompletableFuture<RaftClientReply> sent;
        try {
            sent = submit.apply(entry);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((reply, error) -> {
            inFlight.release();
            if (error == null && reply != null && !reply.isSuccess()) {
                error = reply.getException();
            }
            if (error == null) {
                batch.forEach(p -> p.done().complete(null));
            } else {
                CareledgerException failure = failure(error);
                LOG.warn("a batch of {} transaction(s) was not ordered: {}", batch.size(), failure.toString());
                fail(batch, failure);
            }
        });
    }

    private CareledgerException failure(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CareledgerException ce) {
            return ce;
        }
        String halted = haltReason.get();
        if (halted != null) {
            return new CareledgerException("NODE_HALTED", "this node halted: " + halted);
        }
        boolean leaderless = leader.get().isEmpty();
        boolean leaderTrouble = leaderless;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof NotLeaderException || c instanceof LeaderNotReadyException
                    || c instanceof RaftRetryFailureException) {
                leaderTrouble = true;
            }
        }
        if (t instanceof TimeoutException) {
            return leaderless
                    ? new CareledgerException("NO_LEADER", "no Raft leader for " + timeout.toSeconds()
                            + " s: fewer than a majority of the consortium's nodes are reachable", t)
                    : new CareledgerException("ORDERING_FAILED", "the batch was not committed within "
                            + timeout.toSeconds() + " s (leader " + leader.get() + ")", t);
        }
        if (leaderTrouble && leaderless) {
            return new CareledgerException("NO_LEADER", "no Raft leader accepted the batch: " + t.getMessage(), t);
        }
        return new CareledgerException("ORDERING_FAILED", "the batch was not committed: " + t, t);
    }

    private static void fail(List<Pending> batch, CareledgerException e) {
        batch.forEach(p -> p.done().completeExceptionally(e));
    }

    @Override
    public String role() {
        return role.get();
    }

    @Override
    public String leader() {
        return leader.get();
    }

    /** Stops taking transactions; waits a few seconds for entries in flight, then fails what is left. */
    @Override
    public void close() {
        shutdown(5_000);
    }

    /** Stops without waiting for anything (a crash). */
    void crash() {
        shutdown(0);
    }

    private void shutdown(long waitMillis) {
        running = false;
        if (worker != null) {
            try {
                worker.join(2_000);
                if (worker.isAlive()) {
                    worker.interrupt();
                    worker.join(2_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, new CareledgerException("NODE_STOPPING", "this node shut down before ordering the transaction"));
        if (waitMillis > 0) {
            try {
                if (inFlight.tryAcquire(MAX_IN_FLIGHT, waitMillis, TimeUnit.MILLISECONDS)) {
                    inFlight.release(MAX_IN_FLIGHT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
