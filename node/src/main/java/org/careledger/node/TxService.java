package org.careledger.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.consensus.Finality;
import org.careledger.consensus.Orderer;
import org.careledger.core.CareledgerException;
import org.careledger.core.proto.TxResult;
import org.careledger.ledger.Admission;
import org.careledger.ledger.DecodedTx;
import org.careledger.node.views.Views;

/**
 * Submission, independent of HTTP: admit (decode, signature, signer, nonce), hand to the orderer, and wait for
 * the block — or for its quorum certificate — as the client asked.
 *
 * <p>A node that is catching up (or degraded) never makes a writer wait on it: it refuses the transaction at once
 * with 503 {@code NODE_CATCHING_UP} / {@code NODE_DEGRADED} and {@code Retry-After}, before ordering it, so the
 * client sends it elsewhere. The answer promises the block (height, hash, result) as this node applied it, and a
 * node thousands of entries behind would give it only after applying everything before it; answering from the
 * leader's reply instead would mean vouching for a block this node has not executed. If the node learns it is
 * behind while it already waits (it had not heard from a leader yet), it stops waiting with the same code and says
 * the transaction was ordered and may commit; re-sending the same signed transaction elsewhere is safe (a nonce
 * commits once, {@code FailoverClient} reads the committed copy back). A node below its free-space floor refuses
 * every submission, including {@code wait=none}, with 507 {@code NODE_DISK_FULL} ({@link DiskGuard}).
 */
public final class TxService {
    private final Admission admission;
    private final Orderer orderer;
    private final CommitTracker commits;
    private final Finality finality;
    private final Duration timeout;
    private final java.util.function.Supplier<CareledgerException> refusal;
    private final java.util.function.Supplier<CareledgerException> intake;
    /** How often a wait for the block re-checks whether the node fell behind. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    public TxService(Admission admission, Orderer orderer, CommitTracker commits, Finality finality, Duration timeout) {
        this(admission, orderer, commits, finality, timeout, () -> null);
    }

    /**
     * @param refusal why this node must not take or wait for a write now (a retryable 503 code), or null; asked before
     *                each submission and while waiting for its block
     */
    public TxService(Admission admission, Orderer orderer, CommitTracker commits, Finality finality, Duration timeout,
                     java.util.function.Supplier<CareledgerException> refusal) {
        this(admission, orderer, commits, finality, timeout, refusal, () -> null);
    }

    /**
     * @param intake why this node must take no write at all now, even one that does not wait (e.g. NODE_DISK_FULL), or
     *               null; asked before each submission
     */
    public TxService(Admission admission, Orderer orderer, CommitTracker commits, Finality finality, Duration timeout,
                     java.util.function.Supplier<CareledgerException> refusal,
                     java.util.function.Supplier<CareledgerException> intake) {
        this.refusal = refusal;
        this.intake = intake;
        this.admission = admission;
        this.orderer = orderer;
        this.commits = commits;
        this.finality = finality;
        this.timeout = timeout;
    }

    /**
     * Submits several transactions; each is admitted, ordered and answered on its own (a rejected one gets status
     * REJECTED with its error code and does not affect the others). The answers are meant to be serialized (the
     * batch endpoint): event data is the ledger's JSON embedded as written, not a tree to read; use
     * {@link #submit} for answers whose event data is read in process.
     */
    public java.util.List<SubmitResponse> submitAll(java.util.List<org.careledger.core.proto.TxEnvelope> envelopes, Wait wait) {
        record Admitted(DecodedTx tx, CompletableFuture<CommitTracker.TxCommit> committed,
                        CompletableFuture<Void> ordered, CareledgerException rejected) {}
        refuseIfBehind(wait);
        java.util.List<Admitted> admitted = envelopes.parallelStream().map(env -> {
            try {
                DecodedTx tx = admission.admit(env);
                return new Admitted(tx, commits.await(tx.txId()), null, null);
            } catch (CareledgerException e) {
                return new Admitted(null, null, null, e);
            }
        }).map(a -> a.tx() == null ? a : new Admitted(a.tx(), a.committed(), orderer.order(a.tx().envelope()), null)).toList();
        java.util.List<SubmitResponse> out = new java.util.ArrayList<>(admitted.size());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < admitted.size(); i++) {
            Admitted a = admitted.get(i);
            if (a.rejected() != null) {
                String id = org.careledger.core.Hash.sha256(envelopes.get(i).getPayload().toByteArray()).hex();
                out.add(new SubmitResponse(id, "REJECTED", 0, 0, null, null, a.rejected().code(), a.rejected().getMessage(), null));
                continue;
            }
            try {
                out.add(await(a.tx(), a.ordered(), a.committed(), wait, Math.max(1, deadline - System.nanoTime()), true));
            } catch (CareledgerException e) {
                out.add(new SubmitResponse(a.tx().txId().hex(), "REJECTED", 0, 0, null, null, e.code(), e.getMessage(), null));
            } finally {
                commits.forget(a.tx().txId(), a.committed());
            }
        }
        return out;
    }

    /** Largest single blob and largest total per submission. */
    public static final int MAX_BLOB_BYTES = 8 * 1024 * 1024;
    public static final int MAX_BLOBS_TOTAL_BYTES = 16 * 1024 * 1024;

    /**
     * Submits a transaction with the off-chain blobs it references (a {@code TxSubmission}). Each blob must be
     * named by its SHA-256 (hex) in the transaction's arguments, so nobody can slip unreferenced data to the nodes.
     */
    public SubmitResponse submitWithBlobs(byte[] submissionBytes, Wait wait) {
        org.careledger.core.proto.TxSubmission submission;
        try {
            submission = org.careledger.core.proto.TxSubmission.parseFrom(submissionBytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new CareledgerException("TX_MALFORMED", "body is not a TxSubmission: " + e.getMessage());
        }
        DecodedTx tx = admission.admit(submission.getTx());
        String args = tx.payload().getArgs().toStringUtf8();
        java.util.Map<org.careledger.core.Hash, byte[]> blobs = new java.util.HashMap<>();
        long total = 0;
        for (com.google.protobuf.ByteString b : submission.getBlobsList()) {
            if (b.size() > MAX_BLOB_BYTES) {
                throw new CareledgerException("BLOB_TOO_LARGE", "a blob is " + b.size() + " bytes; the limit is " + MAX_BLOB_BYTES);
            }
            total += b.size();
            byte[] data = b.toByteArray();
            org.careledger.core.Hash h = org.careledger.core.Hash.sha256(data);
            if (!args.contains(h.hex())) {
                throw new CareledgerException("BLOB_UNREFERENCED", "blob " + h.hex() + " is not named by the transaction's arguments");
            }
            blobs.put(h, data);
        }
        if (total > MAX_BLOBS_TOTAL_BYTES) {
            throw new CareledgerException("PAYLOAD_TOO_LARGE", "blobs total " + total + " bytes; the limit is " + MAX_BLOBS_TOTAL_BYTES);
        }
        refuseIfBehind(wait);
        CompletableFuture<CommitTracker.TxCommit> committed = commits.await(tx.txId());
        try {
            return await(tx, orderer.order(tx.envelope(), blobs), committed, wait, timeout.toNanos(), false);
        } finally {
            commits.forget(tx.txId(), committed);
        }
    }

    public SubmitResponse submit(byte[] envelope, Wait wait) {
        DecodedTx tx = admission.admit(envelope);
        refuseIfBehind(wait);
        CompletableFuture<CommitTracker.TxCommit> committed = commits.await(tx.txId());
        try {
            return await(tx, orderer.order(tx.envelope()), committed, wait, timeout.toNanos(), false);
        } finally {
            commits.forget(tx.txId(), committed);
        }
    }

    /** A write that waits for its block is refused at once on a node that would make it wait on its catch-up. */
    private void refuseIfBehind(Wait wait) {
        CareledgerException full = intake.get(); // a node short of disk orders nothing, whatever the client waits for
        if (full != null) {
            throw full;
        }
        CareledgerException e = wait == Wait.NONE ? null : refusal.get();
        if (e != null) {
            throw e;
        }
    }

    /** The local block of a transaction already handed to the orderer; gives up if the node turns out to be behind. */
    private CommitTracker.TxCommit awaitBlock(DecodedTx tx, CompletableFuture<CommitTracker.TxCommit> committed,
                                              long deadline) throws ExecutionException, InterruptedException, TimeoutException {
        while (true) {
            long left = deadline - System.nanoTime();
            try {
                return committed.get(Math.max(1, Math.min(left, RECHECK_NANOS)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (left <= RECHECK_NANOS) {
                    throw e;
                }
            }
            CareledgerException behind = refusal.get();
            if (behind != null) {
                throw new CareledgerException(behind.code(), behind.getMessage() + ". Transaction " + tx.txId().hex()
                        + " was ordered and may commit: re-send the same signed transaction to another node (it"
                        + " commits once) or look it up with GET /v1/txs/" + tx.txId().hex());
            }
        }
    }

    private SubmitResponse await(DecodedTx tx, CompletableFuture<Void> ordered,
                                 CompletableFuture<CommitTracker.TxCommit> committed, Wait wait, long nanos,
                                 boolean eventsForTheWire) {
        long deadline = System.nanoTime() + nanos;
        try {
            ordered.get(nanos, TimeUnit.NANOSECONDS);
            if (wait == Wait.NONE) {
                return new SubmitResponse(tx.txId().hex(), "ACCEPTED", 0, 0, null, null, null, null, null);
            }
            CommitTracker.TxCommit c = awaitBlock(tx, committed, deadline);
            String status = "COMMITTED";
            if (wait == Wait.FINAL) {
                finality.awaitFinal(c.block().height()).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                status = "FINAL";
            }
            TxResult r = c.block().block().getResults(c.index());
            return new SubmitResponse(tx.txId().hex(), status, c.block().height(), c.index(), c.block().hash().hex(),
                    r.getCode().name(), r.getErrorCode(), r.getMessage(),
                    eventsForTheWire ? Views.eventsAsWritten(r.getEventsList()) : Views.events(r.getEventsList()));
        } catch (TimeoutException e) {
            throw new CareledgerException("COMMIT_TIMEOUT", "transaction " + tx.txId().hex() + " was not "
                    + (wait == Wait.FINAL ? "final" : "committed") + " within " + timeout.toSeconds()
                    + " s; it may still commit — query GET /v1/txs/" + tx.txId().hex());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CareledgerException ce) {
                throw ce;
            }
            throw new CareledgerException("ORDERING_FAILED", "ordering failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CareledgerException("INTERRUPTED", "interrupted while waiting for the commit");
        }
    }
}
