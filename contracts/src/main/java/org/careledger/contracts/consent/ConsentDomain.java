package org.careledger.contracts.consent;

import java.util.List;
import org.careledger.contracts.records.RecordKeys;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Patients' consent grants over their records: contract {@code consent}. */
public final class ConsentDomain implements Domain {
    public static final String ID = "consent";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<Contract> contracts() {
        return List.of(new ConsentContract());
    }

    @Override
    public KeyNamespace namespace() {
        return KeyNamespace.of(ConsentKeys.GRANT_PREFIX, ConsentKeys.PATIENT_GRANTS_PREFIX, ConsentKeys.ACTIVE_GRANTS_PREFIX)
                // a grant's re-wrapped keys are a blob claimed like a record's (one claim per blob across both)
                .sharing(List.of(RecordKeys.BLOB_CLAIM_PREFIX));
    }
}
