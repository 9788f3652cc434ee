package org.careledger.contracts.consent;

import java.util.List;
import org.careledger.contracts.records.RecordKeys;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Patients' consent grants over their records: contract {@code consent}. */
public final class ConsentDomain {
    public static final String ID = "consent";

    private ConsentDomain() {}

    public static Domain domain() {
        return Domain.of(ID, 1, List.of(new ConsentContract()),
                KeyNamespace.of(ConsentKeys.GRANT_PREFIX, ConsentKeys.PATIENT_GRANTS_PREFIX, ConsentKeys.ACTIVE_GRANTS_PREFIX)
                        // a grant's re-wrapped keys are a blob claimed like a record's (one claim per blob across both)
                        .sharing(List.of(RecordKeys.BLOB_CLAIM_PREFIX)));
    }
}
