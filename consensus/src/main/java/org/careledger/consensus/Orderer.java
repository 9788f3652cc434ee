package org.careledger.consensus;

import java.util.concurrent.CompletableFuture;
import org.careledger.core.proto.TxEnvelope;

/** Puts admitted transactions into the agreed order. The future completes when the orderer accepted the tx. */
public interface Orderer extends AutoCloseable {
    CompletableFuture<Void> order(TxEnvelope tx);

    /** "leader", "follower", "local" — for health output. */
    String role();

    /** Node id of the current leader, if known. */
    String leader();

    @Override
    void close();
}
