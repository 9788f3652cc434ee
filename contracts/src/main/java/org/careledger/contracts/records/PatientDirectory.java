package org.careledger.contracts.records;

import java.util.Optional;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.StateAccess;
import org.careledger.core.json.DecodeCache;

/** Looks patients up and answers who may act for one: the patient's own key, or a registered guardian. */
public final class PatientDirectory {
    /** Every record of a batch reads its patient (see DecodeCache). */
    private static final DecodeCache<PatientRecord> PATIENTS = new DecodeCache<>(PatientRecord.class);

    private PatientDirectory() {}

    public static Optional<PatientRecord> find(StateAccess state, String patientId) {
        if (!Identifiers.isPatientId(patientId)) {
            return Optional.empty();
        }
        return state.get(RecordKeys.patient(patientId)).map(PATIENTS::decode);
    }

    /** The patient, or PATIENT_UNKNOWN. */
    public static PatientRecord require(ContractContext ctx, String patientId) {
        return find(ctx.state(), patientId).orElseThrow(() -> new ContractException("PATIENT_UNKNOWN",
                "patient '" + Identifiers.shown(patientId) + "' is not registered"));
    }

    /** Whether the signer is the patient itself, signing with the key registered for it. */
    public static boolean isPatient(Identity signer, String patientId) {
        return signer.kind() == Identity.Kind.PATIENT && signer.id().equals(RecordKeys.patientIdentityId(patientId));
    }

    /** Whether the signer is the patient or one of its guardians. */
    public static boolean actsFor(Identity signer, PatientRecord patient) {
        return isPatient(signer, patient.patientId()) || patient.guardians().contains(signer.id());
    }

    /** NOT_PATIENT unless the signer is the patient or one of its guardians. */
    public static void requireActsFor(Identity signer, PatientRecord patient, String action) {
        if (!actsFor(signer, patient)) {
            throw new ContractException("NOT_PATIENT", signer.id() + " is neither patient " + patient.patientId()
                    + " nor one of its guardians, so it cannot " + action);
        }
    }
}
