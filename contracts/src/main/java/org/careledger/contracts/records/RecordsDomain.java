package org.careledger.contracts.records;

import java.util.List;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Patients (pseudonymous identities) and their records as hashes: contracts {@code patients} and {@code records}. */
public final class RecordsDomain {
    public static final String ID = "records";

    private RecordsDomain() {}

    /** @param onErase what erasing a record does to other domains' state (consent's grants, wired in StandardContracts) */
    public static Domain domain(RecordErasure onErase) {
        // patients sign as identities (id/patient/...), so the domain registers identities
        return Domain.of(ID, 1, List.of(new PatientsContract(), new RecordsContract(onErase)),
                KeyNamespace.of(RecordKeys.PATIENT_PREFIX, RecordKeys.RECORD_PREFIX, RecordKeys.PATIENT_RECORDS_PREFIX,
                        RecordKeys.BLOB_CLAIM_PREFIX, RecordKeys.RECORD_SOURCE_PREFIX, RecordKeys.PATIENT_SUBJECTS_PREFIX)
                        .withIdentities().sharing(onErase.writes()));
    }
}
