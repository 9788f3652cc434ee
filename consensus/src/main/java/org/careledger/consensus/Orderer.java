package org.careledger.consensus;

import java.util.concurrent.CompletableFuture;
import org.careledger.core.proto.TxEnvelope;

/** Puts admitted transactions into the agreed order. The future completes when the orderer accepted the tx. */
public interface Orderer extends AutoCloseable {
    CompletableFuture<Void> order(TxEnvelope tx);

    /**
     * Orders a transaction together with off-chain blobs (keyed by SHA-256) that must reach every node's blob
     * store with it. Orderers that cannot carry blobs refuse with BLOBS_UNSUPPORTED.
     */
    default CompletableFuture<Void> order(TxEnvelope tx, java.util.Map<org.careledger.core.Hash, byte[]> blobs) {
        if (blobs.isEmpty()) {
            return order(tx);
        }
        return CompletableFuture.failedFuture(new org.careledger.core.CareledgerException("BLOBS_UNSUPPORTED",
                "this node's orderer cannot carry off-chain blobs"));
    }

    /** "leader", "follower", "local" — for health output. */
    String role();

    /** Node id of the current leader, if known. */
    String leader();

    @Override
    void close();
}
