package org.careledger.consensus;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.careledger.core.proto.QuorumCertificate;
import org.careledger.ledger.Ledger;

/**
 * A lone node without a network: there are no other orgs to sign, so a block is as final as it will get once
 * committed. Used only for single-node development; networks use quorum certificates.
 */
public final class LocalFinality implements Finality {
    private final Ledger ledger;

    public LocalFinality(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public CompletableFuture<Void> awaitFinal(long height) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public long finalHeight() {
        return ledger.head().height();
    }

    @Override
    public Optional<QuorumCertificate> certificate(long height) {
        return Optional.empty();
    }

    @Override
    public int quorum() {
        return 1;
    }
}
