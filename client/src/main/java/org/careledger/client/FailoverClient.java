package org.careledger.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.careledger.api.SubmitResponse;
import org.careledger.api.TxProofView;
import org.careledger.api.TxView;
import org.careledger.api.Wait;
import org.careledger.core.CareledgerException;
import org.careledger.core.proto.TxEnvelope;

/**
 * Submits signed transactions through any of several nodes so that each commits exactly once while nodes fail. When a
 * submission gets no answer (node down or killed mid-request, no leader yet, node busy, commit timeout), the same
 * signed envelope goes to the next node. Resending is safe because a (signer, nonce) commits at most once. If the
 * first copy got in and only its answer was lost, the next node refuses the copy as {@code TX_REPLAY}, or commits it
 * as a replay; this client then reads the committed transaction back and answers as the lost reply would have.
 *
 * <p>A rejection that every node would repeat (bad signature, unknown signer, malformed, too large, wrong chain) is
 * thrown at once. A contract refusal is an answer too: the tx committed with its error code.
 *
 * <p>Nodes that are not ready are skipped rather than waited on: before a node gets a submission its readiness
 * ({@code GET /v1/health/ready}) is checked, at most once per {@link #READY_TTL} per node, and a node that answers
 * 503 ({@code NODE_CATCHING_UP}, {@code NODE_DEGRADED}) or 507 ({@code NODE_DISK_FULL}), is unreachable, or refuses a submission with one of those
 * codes is passed over until the TTL ran out. Each skip is a failover with that cause.
 * When every node is marked not ready they are all tried anyway.
 */
public final class FailoverClient {
    /**
     * How a submission ended.
     *
     * @param response       the committed transaction's answer
     * @param acknowledgedBy the node that answered (or showed the tx committed)
     * @param failovers      why each earlier attempt moved on to the next node (error codes, in order)
     * @param fromReplay     true when the answer came from reading back a copy that had already committed
     */
    public record Outcome(SubmitResponse response, String acknowledgedBy, List<String> failovers, boolean fromReplay) {
        public Outcome {
            failovers = List.copyOf(failovers);
        }
    }

    /** How long a node's readiness answer is trusted before it is asked again. */
    public static final Duration READY_TTL = Duration.ofSeconds(2);

    private final List<CareledgerClient> nodes;
    private final Duration giveUpAfter;
    private final Duration pause;
    /** Per node: System.nanoTime() until which it counts as not ready, and why (null: ready or unknown). */
    private final long[] notReadyUntil;
    private final String[] notReadyCause;
    /** Per node: System.nanoTime() until which its last readiness answer (ready, or unknown) stands; 0 = never asked. */
    private final long[] checkedUntil;

    /**
     * @param urls        the nodes' API URLs; attempts go round them in this order
     * @param session     shared read session (read-backs then see the commit wherever it happened), or null
     * @param giveUpAfter how long one transaction may keep failing over before {@code NOT_ACKNOWLEDGED}
     */
    public FailoverClient(List<String> urls, ReadSession session, Duration giveUpAfter) {
        this(urls, session, null, null, giveUpAfter);
    }

    /** As above, over TLS trusting {@code trust} and signing every request as {@code caller}. */
    public FailoverClient(List<String> urls, ReadSession session, org.careledger.client.auth.NodeTrust trust,
                          org.careledger.client.auth.RequestSigner caller, Duration giveUpAfter) {
        this(urls.stream().map(u -> new CareledgerClient(u, session, trust, caller)).toList(), giveUpAfter,
                Duration.ofMillis(100));
    }

    FailoverClient(List<CareledgerClient> nodes, Duration giveUpAfter, Duration pause) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a failover client needs at least one node");
        }
        this.nodes = List.copyOf(nodes);
        this.giveUpAfter = giveUpAfter;
        this.pause = pause;
        this.notReadyUntil = new long[nodes.size()];
        this.notReadyCause = new String[nodes.size()];
        this.checkedUntil = new long[nodes.size()];
    }

    public List<String> nodes() {
        return nodes.stream().map(CareledgerClient::baseUrl).toList();
    }

    /** Submits through the first node, failing over in order. */
    public Outcome submit(TxEnvelope tx) {
        return submit(tx, 0);
    }

    /** Submits through node {@code first} (an index into {@link #nodes()}), failing over in order from there. */
    public Outcome submit(TxEnvelope tx, int first) {
        String id = TxSigner.txId(tx).hex();
        long giveUp = System.nanoTime() + giveUpAfter.toNanos();
        List<String> failovers = new ArrayList<>();
        int at = Math.floorMod(first, nodes.size());
        CareledgerException last = null;
        do {
            CareledgerClient node = nodes.get(at);
            String notReady = notReady(at);
            if (notReady != null && !allNotReady()) {
                failovers.add(notReady); // skipped at once: no request, no pause
                last = new CareledgerException(notReady, node.baseUrl() + " is not ready");
                at = (at + 1) % nodes.size();
                continue;
            }
            try {
                SubmitResponse r = node.submit(tx, Wait.COMMIT);
                if ("REPLAY".equals(r.code())) { // a second copy reached a block: the first one is the answer
                    return readBack(node, id, failovers, r);
                }
                return new Outcome(r, node.baseUrl(), failovers, false);
            } catch (CareledgerException e) {
                if (e.code().equals("TX_REPLAY")) {
                    return readBack(node, id, failovers, null);
                }
                if (e.code().startsWith("TX_") || e.code().equals("INTERRUPTED")) {
                    throw e; // every node would refuse it the same way
                }
                last = e;
                failovers.add(e.code());
                if (NOT_READY_CODES.contains(e.code()) || e.code().equals("NODE_UNREACHABLE")) {
                    markNotReady(at, e.code());
                }
                at = (at + 1) % nodes.size();
                sleep();
            }
        } while (System.nanoTime() < giveUp && !Thread.currentThread().isInterrupted());
        throw new CareledgerException("NOT_ACKNOWLEDGED", "tx " + id + " got no acknowledgement in " + failovers.size()
                + " attempt(s) over " + giveUpAfter.toSeconds() + " s (last: " + last.code() + ": " + last.getMessage()
                + "); it may still commit: look it up with GET /v1/txs/" + id);
    }

    private static final java.util.Set<String> NOT_READY_CODES = java.util.Set.of("NODE_CATCHING_UP", "NODE_DEGRADED",
            "NODE_DISK_FULL");

    /** Why node {@code i} should be passed over now, or null (ready, or its readiness is unknown). */
    private String notReady(int i) {
        long now = System.nanoTime();
        synchronized (this) {
            if (notReadyCause[i] != null && now - notReadyUntil[i] < 0) {
                return notReadyCause[i];
            }
            if (checkedUntil[i] != 0 && now - checkedUntil[i] < 0) {
                return null;
            }
        }
        try {
            nodes.get(i).ready();
            synchronized (this) {
                notReadyCause[i] = null;
                checkedUntil[i] = System.nanoTime() + READY_TTL.toNanos();
            }
            return null;
        } catch (CareledgerException e) {
            if (NOT_READY_CODES.contains(e.code()) || e.code().equals("NODE_UNREACHABLE")) {
                markNotReady(i, e.code());
                return e.code();
            }
            // a node without the readiness endpoint, or one that wants it signed: let the submission find out
            synchronized (this) {
                notReadyCause[i] = null;
                checkedUntil[i] = System.nanoTime() + READY_TTL.toNanos();
            }
            return null;
        }
    }

    private synchronized void markNotReady(int i, String cause) {
        notReadyCause[i] = cause;
        notReadyUntil[i] = System.nanoTime() + READY_TTL.toNanos();
        checkedUntil[i] = notReadyUntil[i];
    }

    private synchronized boolean allNotReady() {
        long now = System.nanoTime();
        for (int i = 0; i < nodes.size(); i++) {
            if (notReadyCause[i] == null || now - notReadyUntil[i] >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The committed copy of a transaction a node refused or recorded as a replay. */
    private Outcome readBack(CareledgerClient node, String id, List<String> failovers, SubmitResponse replayAnswer) {
        TxView tx;
        try {
            TxProofView v = node.tx(id);
            tx = v.tx();
        } catch (CareledgerException e) {
            if (replayAnswer != null) {
                return new Outcome(replayAnswer, node.baseUrl(), failovers, false);
            }
            throw new CareledgerException("TX_REPLAY", "tx " + id + " was refused by " + node.baseUrl()
                    + " as a replay, but that node cannot show it committed: " + e.getMessage());
        }
        String blockHash = node.block(tx.height()).header().hash();
        SubmitResponse r = new SubmitResponse(tx.txId(), "COMMITTED", tx.height(), tx.index(), blockHash, tx.code(),
                tx.errorCode(), tx.message(), tx.events());
        return new Outcome(r, node.baseUrl(), failovers, true);
    }

    private void sleep() {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
