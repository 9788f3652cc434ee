package org.careledger.contracts.records;

/**
 * Arguments of {@code patients.addGuardian} and {@code patients.removeGuardian}.
 *
 * @param patientId the patient
 * @param guardian  identity id of the guardian ({@code patient/p-…}, bare {@code p-…}, or {@code org/member})
 */
public record GuardianChange(String patientId, String guardian) {}
