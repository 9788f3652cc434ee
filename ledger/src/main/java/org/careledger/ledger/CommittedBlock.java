package org.careledger.ledger;

import java.util.List;
import org.careledger.core.Hash;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.BlockHeader;

/** A block as sealed and written: its hash, parsed header, and the ids of its transactions in order. */
public record CommittedBlock(Hash hash, BlockHeader header, Block block, List<Hash> txIds) {
    public CommittedBlock {
        txIds = List.copyOf(txIds);
    }

    public long height() {
        return header.getHeight();
    }
}
