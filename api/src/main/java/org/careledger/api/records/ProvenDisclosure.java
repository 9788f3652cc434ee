package org.careledger.api.records;

import org.careledger.contracts.audit.BreakGlassReview;
import org.careledger.contracts.audit.Disclosure;

/**
 * A disclosure (the ledger's audit record of one read, served verbatim) with the location and inclusion proof of the
 * transaction that recorded it, and, for a break-glass access, the custodian auditor's review once it is made (else
 * null).
 */
public record ProvenDisclosure(Disclosure disclosure, ProvenTx tx, BreakGlassReview review) {}
