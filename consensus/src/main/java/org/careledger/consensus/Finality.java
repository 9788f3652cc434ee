package org.careledger.consensus;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.careledger.core.proto.QuorumCertificate;

/** Which blocks are final: carry signatures of a quorum (⌊2n/3⌋+1) of org nodes over their hash. */
public interface Finality {
    /** Completes when the block at this height is final. */
    CompletableFuture<Void> awaitFinal(long height);

    /** Highest height h such that every block ≤ h is final. */
    long finalHeight();

    /** The signatures collected for a block so far (final when their count reaches the quorum). */
    Optional<QuorumCertificate> certificate(long height);

    int quorum();
}
