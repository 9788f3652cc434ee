package org.careledger.contracts.records;

import java.util.List;

/**
 * Arguments of {@code patients.registerPatient}.
 *
 * @param patientId     pseudonym matching {@code p-[a-z0-9]{6,40}}
 * @param signingKey    base64 of the patient's raw 32-byte Ed25519 public key
 * @param encryptionKey base64 of the patient's raw 32-byte X25519 public key
 * @param guardians     optional identity ids ({@code patient/p-…}, bare {@code p-…}, or {@code org/member})
 */
public record RegisterPatient(String patientId, String signingKey, String encryptionKey, List<String> guardians) {}
