package org.careledger.ledger;

import org.careledger.core.Hash;

/** What a successful verification covered. */
public record VerificationReport(long blocks, long transactions, Hash headHash, long certifiedBlocks) {}
