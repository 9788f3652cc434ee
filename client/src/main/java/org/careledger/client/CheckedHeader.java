package org.careledger.client;

import java.util.List;
import org.careledger.core.proto.BlockHeader;

/**
 * A header whose bytes hash to {@code hash} and whose certificate holds only valid signatures of distinct genesis
 * nodes over that hash ({@code signers}). It is certified, final on the network, when those reach the genesis quorum.
 * Use the fields of {@code header} (parsed from the checked bytes), never the JSON fields of the view it came from.
 */
public record CheckedHeader(BlockHeader header, String hash, List<String> signers, int quorum) {
    public CheckedHeader {
        signers = List.copyOf(signers);
    }

    /** Whether a quorum of genesis nodes signed this header's hash. */
    public boolean certified() {
        return signers.size() >= quorum;
    }

    public long height() {
        return header.getHeight();
    }
}
