package org.careledger.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.careledger.client.FailoverClient;
import org.careledger.client.TxSigner;
import org.careledger.contracts.notary.AnchorDocument;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.proto.TxEnvelope;

/**
 * One client thread per org admin, each anchoring documents through its own org's node with the SDK's
 * {@link FailoverClient}: a submission that gets no acknowledgement (node gone, commit timeout, no leader) goes again —
 * the same signed envelope — to the next node, until one acknowledges it, counting what it took.
 */
final class FailoverAnchorClients implements AutoCloseable {
    /** How long one transaction may keep failing over before the client gives up on it (it stays unresolved). */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);

    /** Acknowledged tx id (hex) → the API URL of the node that acknowledged it. */
    final Map<String, String> acked = new ConcurrentHashMap<>();
    /** Every tx id ever sent, acknowledged or not. */
    final Set<String> submitted = ConcurrentHashMap.newKeySet();
    /** Sent but never acknowledged (the client gave up or was stopped mid-retry): may or may not be in the chain. */
    final Set<String> unresolved = ConcurrentHashMap.newKeySet();
    /** Acknowledged by a node other than the client's own org's node. */
    final AtomicInteger ackedElsewhere = new AtomicInteger();
    /** Acknowledged only on a retry answered TX_REPLAY. */
    final AtomicInteger ackedAsReplay = new AtomicInteger();
    /** Times a client moved a tx on to the next node. */
    final AtomicInteger failovers = new AtomicInteger();
    /** Why submissions failed over, by error code. */
    final Map<String, AtomicInteger> failoverCauses = new ConcurrentHashMap<>();
    /** Each acknowledged tx: when its client first sent it and how long it waited for the acknowledgement. */
    final ConcurrentLinkedQueue<Wait> waits = new ConcurrentLinkedQueue<>();
    /** Answers that must never happen (a tx rejected for a reason other than a replay, a contract error…). */
    final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

    private final FailoverClient failover;
    private final Duration thinkTime;
    private final List<Thread> threads = new ArrayList<>();
    private final String run = Long.toString(System.nanoTime(), 36);
    private volatile boolean running = true;

    /**
     * @param nodes   every node's API, in genesis order
     * @param signers   one signer per client; client i's own node is {@code nodes.get(i % nodes.size())}
     * @param thinkTime how long a client waits after an acknowledgement before it signs its next tx
     */
    FailoverAnchorClients(List<String> nodes, org.careledger.client.auth.NodeTrust trust, List<TxSigner> signers,
                          Duration thinkTime) {
        // any consortium identity may carry another's signed transaction; the first signer's key signs the requests
        this.failover = new FailoverClient(nodes, null, trust, signers.getFirst().requestSigner(), GIVE_UP_AFTER);
        this.thinkTime = thinkTime;
        for (int i = 0; i < signers.size(); i++) {
            int home = i % nodes.size();
            TxSigner signer = signers.get(i);
            threads.add(Thread.ofPlatform().name("anchor-client-" + i).daemon(true).start(() -> run(home, signer)));
        }
    }

    private void run(int home, TxSigner signer) {
        int seq = 0;
        while (running) {
            String docId = "doc-" + run + "-" + signer.signerId().replace('/', '.') + "-" + seq++;
            TxEnvelope tx = signer.sign("notary", "anchor",
                    new AnchorDocument(docId, Hash.sha256(docId.getBytes(StandardCharsets.UTF_8)).hex(), "lab-report"));
            String id = TxSigner.txId(tx).hex();
            submitted.add(id);
            if (!submitUntilAcked(tx, id, home)) {
                unresolved.add(id);
            }
            pause(thinkTime.toMillis());
        }
    }

    /** True once a node acknowledged the tx; false if the client was stopped or gave up first. */
    private boolean submitUntilAcked(TxEnvelope tx, String id, int home) {
        FailoverClient.Outcome o;
        long sent = System.nanoTime();
        try {
            o = failover.submit(tx, home);
        } catch (CareledgerException e) {
            if (!e.code().equals("NOT_ACKNOWLEDGED") && !e.code().equals("INTERRUPTED")) {
                errors.add(id + " rejected: " + e.code() + ": " + e.getMessage());
            }
            return false;
        }
        failovers.addAndGet(o.failovers().size());
        o.failovers().forEach(c -> failoverCauses.computeIfAbsent(c, k -> new AtomicInteger()).incrementAndGet());
        if (!o.response().valid()) {
            errors.add(id + " answered " + o.response().status() + " " + o.response().code() + " "
                    + o.response().errorCode() + ": " + o.response().message() + " by " + o.acknowledgedBy());
            return false;
        }
        acked.put(id, o.acknowledgedBy());
        waits.add(new Wait(sent, Duration.ofNanos(System.nanoTime() - sent)));
        if (!o.acknowledgedBy().equals(failover.nodes().get(home))) {
            ackedElsewhere.incrementAndGet();
        }
        if (o.fromReplay()) {
            ackedAsReplay.incrementAndGet();
        }
        return true;
    }

    /** A tx first sent at {@code sentNanos} ({@link System#nanoTime()}) and acknowledged after {@code waited}. */
    record Wait(long sentNanos, Duration waited) {}

    /** The longest wait for an acknowledgement among txs first sent at or after {@code sinceNanos}. */
    Duration longestWaitSince(long sinceNanos) {
        return waits.stream().filter(w -> w.sentNanos() >= sinceNanos).map(Wait::waited)
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    int ackedCount() {
        return acked.size();
    }

    String summary() {
        return String.format("%d submitted, %d acknowledged (%d by another org's node, %d via TX_REPLAY), %d unresolved,"
                        + " %d failovers %s", submitted.size(), acked.size(), ackedElsewhere.get(), ackedAsReplay.get(),
                unresolved.size(), failovers.get(), failoverCauses);
    }

    /** Stops starting new transactions and waits for each client to settle the one it has in hand. */
    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(120));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Teardown after a failure: stops every client now, whatever it has in hand. */
    void abort() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
