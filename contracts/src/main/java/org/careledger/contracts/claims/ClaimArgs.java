package org.careledger.contracts.claims;

import java.util.List;
import java.util.SortedMap;
import org.careledger.core.claims.BenefitRules;

/** Arguments of the {@code claims} methods (canonical JSON); see {@code package-info.java} for who signs what. */
public final class ClaimArgs {
    private ClaimArgs() {}

    /** {@code shareKey}: the patient's claims key wrapped for an org, as a blob. */
    public record ShareKey(String patientId, String org, String keysSha256) {}

    /** {@code recordCoverage}. Days are ISO ({@code 2025-01-01}); relationship is a FHIR subscriber-relationship code. */
    public record RecordCoverage(String coverageId, String patientId, String planId, String periodStart,
                                 String periodEnd, String relationship) {}

    /** {@code endCoverage}: the last day of cover. */
    public record EndCoverage(String coverageId, String endOn) {}

    /** {@code publishRules}: the next version of a plan's rules. */
    public record PublishRules(BenefitRules rules) {}

    /** {@code requestPreauth}: units asked per service tag; the request itself travels encrypted as blobs. */
    public record RequestPreauth(String preauthId, String patientId, String coverageId,
                                 SortedMap<String, Integer> services, String ciphertextSha256, String keysSha256) {}

    /** {@code decidePreauth}: units approved per service tag (none for DENIED), expiry, optional encrypted response. */
    public record DecidePreauth(String preauthId, PreauthStatus decision, SortedMap<String, Integer> approved,
                                String expiresOn, String ciphertextSha256, String keysSha256) {}

    /** One line of {@code submitClaim} as the ledger sees it. */
    public record LineRef(String recordId, String fingerprint, String preauthId, String serviceTag) {}

    /** {@code submitClaim}: the lines' public parts, the encrypted claim and a commitment to its content. */
    public record SubmitClaim(String claimId, String patientId, String coverageId, String serviceDate,
                              List<LineRef> lines, String ciphertextSha256, String keysSha256, String totalCommitment,
                              String correctsClaimId) {}

    /** {@code adjudicate}: the encrypted adjudication and a commitment to it, in the coverage's chain. */
    public record Adjudicate(String claimId, String adjudicationId, int rulesVersion, String previousAdjudicationId,
                             String ciphertextSha256, String keysSha256, String resultCommitment) {}

    /** {@code pay}. */
    public record Pay(String claimId, String paymentId, String paidOn, String remittanceRef, String amountCommitment) {}

    /** {@code appeal}: optional encrypted reasons. */
    public record Appeal(String claimId, String appealId, String ciphertextSha256, String keysSha256) {}
}
