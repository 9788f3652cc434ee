package org.careledger.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.careledger.client.CareledgerClient.Wait;
import org.careledger.client.api.SubmitResponse;
import org.careledger.core.CareledgerException;
import org.careledger.core.proto.TxResult;
import org.careledger.ledger.Admission;
import org.careledger.ledger.DecodedTx;
import org.careledger.node.api.Views;
import org.careledger.consensus.Finality;
import org.careledger.consensus.Orderer;

/**
 * Submission, independent of HTTP: admit (decode, signature, signer, nonce), hand to the orderer, and wait for
 * the block — or for its quorum certificate — as the client asked.
 */
public final class TxService {
    private final Admission admission;
    private final Orderer orderer;
    private final CommitTracker commits;
    private final Finality finality;
    private final Duration timeout;

    public TxService(Admission admission, Orderer orderer, CommitTracker commits, Finality finality, Duration timeout) {
        this.admission = admission;
        this.orderer = orderer;
        this.commits = commits;
        this.finality = finality;
        this.timeout = timeout;
    }

    public SubmitResponse submit(byte[] envelope, Wait wait) {
        DecodedTx tx = admission.admit(envelope);
        CompletableFuture<CommitTracker.TxCommit> committed = commits.await(tx.txId());
        try {
            orderer.order(tx.envelope()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (wait == Wait.NONE) {
                return new SubmitResponse(tx.txId().hex(), "ACCEPTED", 0, 0, null, null, null, null, null);
            }
            CommitTracker.TxCommit c = committed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String status = "COMMITTED";
            if (wait == Wait.FINAL) {
                finality.awaitFinal(c.block().height()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                status = "FINAL";
            }
            TxResult r = c.block().block().getResults(c.index());
            return new SubmitResponse(tx.txId().hex(), status, c.block().height(), c.index(), c.block().hash().hex(),
                    r.getCode().name(), r.getErrorCode(), r.getMessage(), Views.events(r.getEventsList()));
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
        } finally {
            commits.forget(tx.txId(), committed);
        }
    }
}
