package org.careledger.consensus;

import java.nio.file.Path;
import java.util.List;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.ledger.CommittedBlock;
import org.careledger.ledger.Ledger;
import org.careledger.ledger.OrderedBatch;
import org.careledger.storage.LedgerStore;

/** A ledger in a temp directory for unit tests, on a four-org test network. */
final class LedgerFixture implements AutoCloseable {
    final TestNetwork net;
    final Ledger ledger;

    LedgerFixture(TestNetwork net, Path dir) {
        this.net = net;
        this.ledger = Ledger.open(LedgerStore.open(dir), net.genesis, Cluster.contracts());
    }

    CommittedBlock apply(long logIndex, TxEnvelope... txs) {
        return ledger.apply(new OrderedBatch(logIndex, 1_700_000_000_000L + logIndex, "org-a/node", List.of(txs)));
    }

    @Override
    public void close() {
        ledger.close();
    }
}
