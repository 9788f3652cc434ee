package org.careledger.node.records;

import org.careledger.api.records.ProvenTx;
import org.careledger.contracts.audit.Disclosure;

/**
 * A disclosure with the location and inclusion proof of the transaction that recorded it, and, for a break-glass
 * access, the custodian auditor's review once it is made (else null).
 */
public record ProvenDisclosure(Disclosure disclosure, ProvenTx tx, org.careledger.contracts.audit.BreakGlassReview review) {}
