package org.careledger.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.careledger.core.CareledgerException;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.ledger.Ledger;
import org.careledger.ledger.OrderedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequencer of a lone node: one thread drains the queue into batches (up to maxBatch, lingering a moment
 * for more) and applies each as a block. The proposer's clock stamps the batch, as a Raft leader would.
 */
public final class LocalOrderer implements Orderer {
    private static final Logger LOG = LoggerFactory.getLogger(LocalOrderer.class);
    private record Pending(TxEnvelope tx, java.util.Map<org.careledger.core.Hash, byte[]> blobs,
                           CompletableFuture<Void> accepted) {}

    private final Ledger ledger;
    private final String nodeId;
    private final int maxBatch;
    private final int lingerMillis;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(200_000);
    private final Thread worker;
    private volatile boolean running = true;

    public LocalOrderer(Ledger ledger, String nodeId, int maxBatch, int lingerMillis) {
        this.ledger = ledger;
        this.nodeId = nodeId;
        this.maxBatch = maxBatch;
        this.lingerMillis = lingerMillis;
        this.worker = Thread.ofPlatform().name("local-orderer").daemon(true).start(this::run);
    }

    @Override
    public CompletableFuture<Void> order(TxEnvelope tx) {
        return order(tx, java.util.Map.of());
    }

    @Override
    public CompletableFuture<Void> order(TxEnvelope tx, java.util.Map<org.careledger.core.Hash, byte[]> blobs) {
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(tx, blobs, accepted))) {
            accepted.completeExceptionally(new CareledgerException("NODE_BUSY", "the node's ordering queue is full; retry"));
        }
        return accepted;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMillis);
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, maxBatch - batch.size());
                }
                applyBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
    }

    private void applyBatch(List<Pending> batch) {
        List<TxEnvelope> txs = batch.stream().map(Pending::tx).toList();
        java.util.Map<org.careledger.core.Hash, byte[]> blobs = new java.util.HashMap<>();
        batch.forEach(p -> blobs.putAll(p.blobs()));
        try {
            ledger.apply(new OrderedBatch(ledger.appliedIndex() + 1, System.currentTimeMillis(), nodeId, txs, blobs));
            batch.forEach(p -> p.accepted().complete(null));
        } catch (RuntimeException e) {
            // the store refused the block: nothing of it was written; tell every waiting client
            LOG.error("cannot apply a batch of {} transactions: {}", txs.size(), e.toString());
            batch.forEach(p -> p.accepted().completeExceptionally(e));
        }
    }

    @Override
    public String role() {
        return "local";
    }

    @Override
    public String leader() {
        return nodeId;
    }

    @Override
    public void close() {
        running = false;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
