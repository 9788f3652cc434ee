package org.careledger.contracts.records;

import java.util.List;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Patients (pseudonymous identities) and their records as hashes: contracts {@code patients} and {@code records}. */
public final class RecordsDomain implements Domain {
    public static final String ID = "records";
    private final List<Contract> contracts;
    private final KeyNamespace namespace;

    public RecordsDomain(RecordErasure onErase) {
        this.contracts = List.of(new PatientsContract(), new RecordsContract(onErase));
        // patients sign as identities (id/patient/...), so the domain registers identities
        this.namespace = KeyNamespace.of(RecordKeys.PATIENT_PREFIX, RecordKeys.RECORD_PREFIX,
                RecordKeys.PATIENT_RECORDS_PREFIX, RecordKeys.BLOB_CLAIM_PREFIX, RecordKeys.RECORD_SOURCE_PREFIX,
                RecordKeys.PATIENT_SUBJECTS_PREFIX).withIdentities().sharing(onErase.writes());
    }

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
        return contracts;
    }

    @Override
    public KeyNamespace namespace() {
        return namespace;
    }
}
