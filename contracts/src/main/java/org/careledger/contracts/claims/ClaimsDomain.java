package org.careledger.contracts.claims;

import java.util.List;
import org.careledger.contracts.audit.AccessKeys;
import org.careledger.contracts.records.RecordKeys;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Insurance coverage, benefit rules, prior authorizations, claims, adjudications and payments: contract {@code claims}. */
public final class ClaimsDomain {
    public static final String ID = "claims";

    private ClaimsDomain() {}

    public static Domain domain() {
        return Domain.of(ID, 1, List.of(new ClaimsContract()),
                KeyNamespace.of(ClaimKeys.PREFIX)
                        // encrypted claim content and its wrapped keys are blobs claimed like a record's (one claim per blob)
                        .sharing(List.of(RecordKeys.BLOB_CLAIM_PREFIX,
                                // a claim's steps are disclosures of the billed records for payment (HPAYMT), kept
                                // in the access audit trail beside the record reads
                                AccessKeys.ACCESS_PREFIX, AccessKeys.PATIENT_DISCLOSURES_PREFIX)));
    }
}
