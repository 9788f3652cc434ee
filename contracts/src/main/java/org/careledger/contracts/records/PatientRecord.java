package org.careledger.contracts.records;

import java.util.List;
import java.util.TreeSet;

/**
 * A registered patient, under {@code patient/<patientId>}. Only pseudonymous data: no name, no demographics.
 *
 * @param patientId          the pseudonym ({@code p-…})
 * @param encryptionKey      base64 of the raw 32-byte X25519 key that data keys are wrapped for
 * @param registeredBy       identity id of the provider member or admin that proofed the patient
 * @param registeredAtMillis block time of the registration
 * @param guardians          identity ids (sorted) that may act for the patient: {@code patient/p-…} or {@code org/member}
 */
public record PatientRecord(String patientId, String encryptionKey, String registeredBy, long registeredAtMillis,
                            List<String> guardians) {
    public PatientRecord {
        guardians = guardians == null ? List.of() : List.copyOf(new TreeSet<>(guardians));
    }

    public PatientRecord withGuardians(List<String> newGuardians) {
        return new PatientRecord(patientId, encryptionKey, registeredBy, registeredAtMillis, newGuardians);
    }
}
