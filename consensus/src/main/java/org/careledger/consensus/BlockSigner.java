package org.careledger.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.careledger.consensus.proto.RaftEntry;
import org.careledger.consensus.proto.SignatureBatch;
import org.careledger.core.Hash;
import org.careledger.core.proto.BlockSignature;
import org.careledger.crypto.Signer;
import org.careledger.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs every block this node applies and sends the signatures through Raft, several heights per entry, one entry
 * in flight at a time (so signatures batch themselves under load). A submission that fails stays pending and is
 * retried with backoff; after a restart or a catch-up, {@link #rescan} re-queues every non-final block whose
 * certificate lacks this node's signature. Duplicates are harmless: a certificate counts each node once.
 */
final class BlockSigner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockSigner.class);
    private static final int MAX_PER_ENTRY = 256;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final Signer signer;
    private final String nodeId;
    private final Ledger ledger;
    private final CertificateBook book;
    private final Function<byte[], CompletableFuture<?>> submit;
    private final long submitTimeoutMillis;
    private final ConcurrentSkipListMap<Long, Hash> pending = new ConcurrentSkipListMap<>();
    private final Object signal = new Object();
    private volatile boolean running = true;
    private volatile boolean rescanRequested;
    private Thread worker;

    BlockSigner(Signer signer, String nodeId, Ledger ledger, CertificateBook book,
                Function<byte[], CompletableFuture<?>> submit, long submitTimeoutMillis) {
        this.signer = signer;
        this.nodeId = nodeId;
        this.ledger = ledger;
        this.book = book;
        this.submit = submit;
        this.submitTimeoutMillis = submitTimeoutMillis;
    }

    void start() {
        worker = Thread.ofPlatform().name("careledger-block-signer").daemon(true).start(this::run);
    }

    void blockApplied(long height, Hash hash) {
        pending.put(height, hash);
        wake();
    }

    /** Re-queue blocks above the final height that this node has not signed yet (done on the signer thread). */
    void rescan() {
        rescanRequested = true;
        wake();
    }

    int pendingCount() {
        return pending.size();
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void run() {
        long backoff = 0;
        while (running) {
            try {
                synchronized (signal) {
                    if (running && (pending.isEmpty() && !rescanRequested || backoff > 0)) {
                        signal.wait(backoff > 0 ? backoff : 1_000);
                    }
                }
                if (!running) {
                    break;
                }
                if (rescanRequested) {
                    rescanRequested = false;
                    Map<Long, Hash> missing = book.unsignedBy(nodeId, book.finalHeight() + 1, ledger.head().height(), 100_000);
                    missing.forEach(pending::putIfAbsent);
                    if (!missing.isEmpty()) {
                        LOG.info("re-sending this node's signature for {} non-final block(s) from height {}",
                                missing.size(), missing.keySet().iterator().next());
                    }
                }
                pending.headMap(book.finalHeight() + 1).clear();
                if (pending.isEmpty()) {
                    backoff = 0;
                    continue;
                }
                List<Map.Entry<Long, Hash>> take = new ArrayList<>(MAX_PER_ENTRY);
                for (Map.Entry<Long, Hash> e : pending.entrySet()) {
                    take.add(e);
                    if (take.size() == MAX_PER_ENTRY) {
                        break;
                    }
                }
                SignatureBatch.Builder batch = SignatureBatch.newBuilder();
                for (Map.Entry<Long, Hash> e : take) {
                    BlockSignature s = NodeKeys.sign(signer, nodeId, e.getKey(), e.getValue());
                    batch.addSignatures(s);
                }
                byte[] entry = RaftEntry.newBuilder().setSignatures(batch).build().toByteArray();
                try {
                    submit.apply(entry).get(submitTimeoutMillis, TimeUnit.MILLISECONDS);
                    take.forEach(e -> pending.remove(e.getKey(), e.getValue()));
                    backoff = 0;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    backoff = Math.min(MAX_BACKOFF_MILLIS, Math.max(200, backoff * 2));
                    if (running) {
                        LOG.warn("sending {} block signature(s) failed, retrying in {} ms: {}", take.size(), backoff,
                                e.getCause() == null ? e.toString() : e.getCause().toString());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                backoff = Math.min(MAX_BACKOFF_MILLIS, Math.max(200, backoff * 2));
                if (running) {
                    LOG.warn("block signer: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
