package org.careledger.ledger;

import java.util.List;
import java.util.Map;
import org.careledger.core.Hash;
import org.careledger.core.proto.TxEnvelope;

/**
 * A batch of admitted transactions as the orderer committed it: its position in the ordered log, the time the
 * proposer stamped on it, and who proposed it. The block built from it depends on nothing else.
 */
public record OrderedBatch(long logIndex, long timestampMillis, String proposer, List<TxEnvelope> txs,
                           Map<Hash, byte[]> blobs) {
    public OrderedBatch {
        txs = List.copyOf(txs);
        proposer = proposer == null ? "" : proposer;
        blobs = blobs == null ? Map.of() : Map.copyOf(blobs);
    }

    /** A batch without off-chain blobs. */
    public OrderedBatch(long logIndex, long timestampMillis, String proposer, List<TxEnvelope> txs) {
        this(logIndex, timestampMillis, proposer, txs, Map.of());
    }
}
