package org.careledger.contracts.claims;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.careledger.core.claims.BenefitRules;

/** The values contract {@code claims} keeps in state: ids, days, statuses, blob hashes, fingerprints, commitments. */
public final class ClaimStates {
    private ClaimStates() {}

    /** {@code claims/key/<patientId>/<org>}: the patient's claims key wrapped for the org. */
    public record KeyShare(String patientId, String org, String keysSha256, String sharedBy, long sharedAtMillis) {}

    /** {@code claims/plan/<planId>}: who owns the plan and its latest rules version. */
    public record Plan(String planId, String insurerOrg, int latestVersion, String latestEffectiveFrom) {}

    /** {@code claims/rules/<planId>/<version>}: a published version. */
    public record Rules(BenefitRules rules, String insurerOrg, String publishedBy, long publishedAtMillis) {}

    /** {@code claims/coverage/<coverageId>}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coverage(String coverageId, String patientId, String insurerOrg, String planId, String periodStart,
                           String periodEnd, String relationship, String recordedBy, long recordedAtMillis,
                           String endedOn, String lastAdjudicationId) {
        /** Whether the coverage is in force on the ISO day. */
        public boolean inForce(String day) {
            return periodStart.compareTo(day) <= 0 && day.compareTo(periodEnd) <= 0
                    && (endedOn == null || day.compareTo(endedOn) <= 0);
        }

        Coverage ended(String day) {
            return new Coverage(coverageId, patientId, insurerOrg, planId, periodStart, periodEnd, relationship,
                    recordedBy, recordedAtMillis, day, lastAdjudicationId);
        }

        Coverage adjudicated(String adjudicationId) {
            return new Coverage(coverageId, patientId, insurerOrg, planId, periodStart, periodEnd, relationship,
                    recordedBy, recordedAtMillis, endedOn, adjudicationId);
        }
    }

    /** {@code claims/preauth/<preauthId>}: units per service tag asked, approved and used. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preauth(String preauthId, String patientId, String coverageId, String providerOrg,
                          String requestedBy, long requestedAtMillis, SortedMap<String, Integer> requested,
                          String ciphertextSha256, String keysSha256, PreauthStatus status,
                          SortedMap<String, Integer> approved, String expiresOn, String decidedBy,
                          Long decidedAtMillis, String responseCiphertextSha256, String responseKeysSha256,
                          SortedMap<String, Integer> used) {
        public Preauth {
            requested = requested == null ? new TreeMap<>() : new TreeMap<>(requested);
            approved = approved == null ? new TreeMap<>() : new TreeMap<>(approved);
            used = used == null ? new TreeMap<>() : new TreeMap<>(used);
        }

        Preauth decided(PreauthStatus decision, SortedMap<String, Integer> units, String expiry, String by, long at,
                        String ciphertext, String keys) {
            return new Preauth(preauthId, patientId, coverageId, providerOrg, requestedBy, requestedAtMillis, requested,
                    ciphertextSha256, keysSha256, decision, units, expiry, by, at, ciphertext, keys, used);
        }

        Preauth withUse(String tag, int delta) {
            TreeMap<String, Integer> next = new TreeMap<>(used);
            int n = next.getOrDefault(tag, 0) + delta;
            if (n == 0) {
                next.remove(tag);
            } else {
                next.put(tag, n);
            }
            return new Preauth(preauthId, patientId, coverageId, providerOrg, requestedBy, requestedAtMillis, requested,
                    ciphertextSha256, keysSha256, status, approved, expiresOn, decidedBy, decidedAtMillis,
                    responseCiphertextSha256, responseKeysSha256, next);
        }
    }

    /** {@code claims/claim/<claimId>}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Claim(String claimId, String patientId, String coverageId, String providerOrg, String submittedBy,
                        long submittedAtMillis, String serviceDate, List<ClaimArgs.LineRef> lines, String ciphertextSha256,
                        String keysSha256, String totalCommitment, String correctsClaimId, String correctedBy,
                        ClaimStatus status, List<String> adjudicationIds, List<String> paymentIds,
                        List<String> appealIds) {
        public Claim {
            lines = lines == null ? List.of() : List.copyOf(lines);
            adjudicationIds = adjudicationIds == null ? List.of() : List.copyOf(adjudicationIds);
            paymentIds = paymentIds == null ? List.of() : List.copyOf(paymentIds);
            appealIds = appealIds == null ? List.of() : List.copyOf(appealIds);
        }

        Claim with(ClaimStatus next, String correctedByClaim, String adjudicationId, String paymentId,
                   String appealId) {
            return new Claim(claimId, patientId, coverageId, providerOrg, submittedBy, submittedAtMillis, serviceDate,
                    lines, ciphertextSha256, keysSha256, totalCommitment, correctsClaimId,
                    correctedByClaim == null ? correctedBy : correctedByClaim, next,
                    plus(adjudicationIds, adjudicationId), plus(paymentIds, paymentId), plus(appealIds, appealId));
        }

        private static List<String> plus(List<String> ids, String id) {
            if (id == null) {
                return ids;
            }
            List<String> all = new ArrayList<>(ids);
            all.add(id);
            return all;
        }
    }

    /** {@code claims/adjudication/<adjudicationId>}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Adjudication(String adjudicationId, String claimId, String coverageId, String planId,
                               int rulesVersion, String previousAdjudicationId, String ciphertextSha256,
                               String keysSha256, String resultCommitment, String adjudicatedBy,
                               long adjudicatedAtMillis) {}

    /** {@code claims/payment/<paymentId>}. */
    public record Payment(String paymentId, String claimId, String adjudicationId, String paidOn, String remittanceRef,
                          String amountCommitment, String paidBy, long recordedAtMillis) {}

    /** {@code claims/appeal/<appealId>}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Appeal(String appealId, String claimId, String appealedBy, String ciphertextSha256,
                         String keysSha256, long appealedAtMillis) {}
}
