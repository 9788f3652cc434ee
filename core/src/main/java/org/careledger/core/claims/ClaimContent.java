package org.careledger.core.claims;

import java.time.LocalDate;
import java.util.List;

/**
 * A claim as the provider, the insurer and the patient read it: the plaintext that travels encrypted (the ledger sees
 * only fingerprints, record ids and a commitment). Amounts are cents of {@link #currency}.
 *
 * @param claimId       the ledger claim id
 * @param patientId     the patient's pseudonym
 * @param coverageId    the coverage billed
 * @param providerOrg   the claiming org
 * @param serviceDate   the day of service (ISO, e.g. {@code 2024-01-01})
 * @param currency      ISO 4217, e.g. {@code USD}
 * @param lines         the billed services, sequences 1..n in order, one line per code
 * @param diagnoses     diagnoses and findings the claim states (not billed)
 * @param totalCents    the amount asked: the sum of the lines
 * @param sourceClaimId the id of the source FHIR Claim, or null
 */
public record ClaimContent(String claimId, String patientId, String coverageId, String providerOrg, String serviceDate,
                           String currency, List<ClaimLine> lines, List<ServiceCode> diagnoses, long totalCents,
                           String sourceClaimId) {
    public ClaimContent {
        lines = lines == null ? List.of() : List.copyOf(lines);
        diagnoses = diagnoses == null ? List.of() : List.copyOf(diagnoses);
        LocalDate.parse(serviceDate == null ? "" : serviceDate);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("claim " + claimId + " has no lines");
        }
        long sum = 0;
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).sequence() != i + 1) {
                throw new IllegalArgumentException("claim " + claimId + ": line " + (i + 1) + " has sequence "
                        + lines.get(i).sequence());
            }
            if (!codes.add(lines.get(i).service().key())) {
                throw new IllegalArgumentException("claim " + claimId + " bills " + lines.get(i).service().key()
                        + " on two lines; one line per code, with a quantity");
            }
            sum = Math.addExact(sum, lines.get(i).submittedCents());
        }
        if (sum != totalCents) {
            throw new IllegalArgumentException("claim " + claimId + ": total " + totalCents + " is not the sum of its"
                    + " lines " + sum);
        }
    }
}
