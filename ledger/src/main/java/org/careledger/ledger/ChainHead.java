package org.careledger.ledger;

import org.careledger.core.Hash;
import org.careledger.core.proto.BlockHeader;

/** The latest block: height 0 means only genesis exists (hash = genesis hash, no header). */
public record ChainHead(long height, Hash hash, BlockHeader header, long logSize) {}
