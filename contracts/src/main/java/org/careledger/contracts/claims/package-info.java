/**
 * Insurance claims and billing: contract {@code claims} ({@link org.careledger.contracts.claims.ClaimsContract}).
 * Codes, diagnoses and amounts never reach the ledger in clear: claims, preauth requests and adjudications travel as
 * encrypted blobs; the ledger keeps ids, days, statuses, keyed fingerprints and commitments. Design and threat model:
 * docs/CLAIMS.md. The plaintext model and the {@code Adjudicator} are in {@code org.careledger.core.claims}.
 *
 * <h2>Methods (arguments: the records of {@link org.careledger.contracts.claims.ClaimArgs})</h2>
 * <ul>
 *   <li>{@code shareKey {patientId, org, keysSha256}} — signer: the patient or a guardian. The patient's claims key
 *       wrapped for the org (blob); replaces (and purges) an earlier share. Errors: PATIENT_UNKNOWN, NOT_PATIENT,
 *       CLAIMS_ORG_UNKNOWN, CLAIMS_HASH_INVALID, BLOB_CLAIMED. Event ClaimsKeyShared.</li>
 *   <li>{@code publishRules {rules}} — signer: insurer (member or admin of an org with role {@code insurer}). The
 *       plan's next version (1, 2, …); version 1 from any day, later ones from a day not before the block's and after the
 *       previous version's.
 *       Errors: CLAIMS_NOT_INSURER, RULES_INVALID, CLAIMS_ID_INVALID, CLAIMS_DATE_INVALID, CLAIMS_NOT_PARTY,
 *       RULES_VERSION_INVALID. Event RulesPublished.</li>
 *   <li>{@code recordCoverage {coverageId, patientId, planId, periodStart, periodEnd, relationship}} — signer: the
 *       plan's insurer. Errors: CLAIMS_NOT_INSURER, CLAIMS_ID_INVALID, PATIENT_UNKNOWN, PLAN_UNKNOWN,
 *       CLAIMS_NOT_PARTY, CLAIMS_DATE_INVALID, COVERAGE_INVALID, COVERAGE_EXISTS. Event CoverageRecorded.</li>
 *   <li>{@code endCoverage {coverageId, endOn}} — signer: the coverage's insurer. Errors: COVERAGE_UNKNOWN,
 *       CLAIMS_NOT_PARTY, CLAIMS_DATE_INVALID, COVERAGE_ENDED, COVERAGE_INVALID. Event CoverageEnded.</li>
 *   <li>{@code requestPreauth {preauthId, patientId, coverageId, services: tag → units, ciphertextSha256,
 *       keysSha256}} — signer: a provider (member or admin of a hospital or lab org) holding the patient's key share;
 *       the coverage in force on the block's day. Errors: CLAIMS_NOT_PROVIDER, CLAIMS_ID_INVALID, PATIENT_UNKNOWN,
 *       COVERAGE_UNKNOWN, COVERAGE_NOT_IN_FORCE, CLAIM_KEY_NOT_SHARED, PREAUTH_EXISTS, PREAUTH_REQUEST_INVALID,
 *       CLAIMS_HASH_INVALID, BLOB_CLAIMED. Event PreauthRequested.</li>
 *   <li>{@code decidePreauth {preauthId, decision, approved: tag → units, expiresOn, ciphertextSha256?,
 *       keysSha256?}} — signer: the coverage's insurer. Errors: CLAIMS_NOT_INSURER, PREAUTH_UNKNOWN,
 *       CLAIMS_NOT_PARTY, PREAUTH_NOT_PENDING, PREAUTH_DECISION_INVALID, CLAIMS_DATE_INVALID. Event
 *       PreauthDecided.</li>
 *   <li>{@code submitClaim {claimId, patientId, coverageId, serviceDate, lines: [{recordId, fingerprint, preauthId?,
 *       serviceTag?}], ciphertextSha256, keysSha256, totalCommitment, correctsClaimId?}} — signer: a provider holding
 *       the patient's key share. Phantom check per line (CLAIM_PHANTOM), fingerprint index (DUPLICATE_CLAIM), preauth
 *       use; a correction voids its original. Errors: CLAIMS_NOT_PROVIDER, CLAIMS_ID_INVALID, PATIENT_UNKNOWN,
 *       COVERAGE_UNKNOWN, CLAIMS_DATE_INVALID, COVERAGE_NOT_IN_FORCE, RULES_NOT_IN_FORCE, CLAIM_KEY_NOT_SHARED,
 *       CLAIM_EXISTS, CLAIM_CORRECTION_INVALID, CLAIM_LINES_INVALID, CLAIM_PHANTOM, DUPLICATE_CLAIM, PREAUTH_INVALID,
 *       PREAUTH_NOT_APPROVED, PREAUTH_EXPIRED, PREAUTH_OUT_OF_SCOPE, PREAUTH_EXHAUSTED, CLAIMS_HASH_INVALID,
 *       BLOB_CLAIMED. Events ClaimCorrected, ClaimSubmitted.</li>
 *   <li>{@code adjudicate {claimId, adjudicationId, rulesVersion, previousAdjudicationId, ciphertextSha256,
 *       keysSha256, resultCommitment}} — signer: the coverage's insurer. Errors: CLAIMS_NOT_INSURER, CLAIM_UNKNOWN,
 *       CLAIMS_NOT_PARTY, CLAIM_STATUS_INVALID, CLAIMS_ID_INVALID, ADJUDICATION_EXISTS, RULES_NOT_IN_FORCE,
 *       RULES_VERSION_MISMATCH, ADJUDICATION_OUT_OF_ORDER, CLAIMS_HASH_INVALID, BLOB_CLAIMED. Event
 *       ClaimAdjudicated.</li>
 *   <li>{@code pay {claimId, paymentId, paidOn, remittanceRef, amountCommitment}} — signer: the coverage's insurer.
 *       Errors: CLAIMS_NOT_INSURER, CLAIM_UNKNOWN, CLAIMS_NOT_PARTY, CLAIM_STATUS_INVALID, CLAIMS_ID_INVALID,
 *       PAYMENT_EXISTS, CLAIMS_DATE_INVALID, PAYMENT_INVALID, CLAIMS_HASH_INVALID. Event ClaimPaid.</li>
 *   <li>{@code appeal {claimId, appealId, ciphertextSha256?, keysSha256?}} — signer: a member or admin of the claim's
 *       provider org, the patient or a guardian. Errors: CLAIM_UNKNOWN, CLAIMS_NOT_PARTY, CLAIM_STATUS_INVALID,
 *       APPEAL_LIMIT, CLAIMS_ID_INVALID, APPEAL_EXISTS, CLAIMS_HASH_INVALID, BLOB_CLAIMED. Event ClaimAppealed.</li>
 * </ul>
 * Every method also fails with ARGS_INVALID (undecodable arguments) or METHOD_UNKNOWN.
 *
 * <h2>State (all under {@code claims/}; see {@link org.careledger.contracts.claims.ClaimKeys})</h2>
 * <ul>
 *   <li>{@code claims/key/<patientId>/<org>} — {@code KeyShare}.</li>
 *   <li>{@code claims/plan/<planId>} — {@code Plan}; {@code claims/rules/<planId>/<version, 10 digits>} —
 *       {@code Rules} (the {@code BenefitRules} in clear).</li>
 *   <li>{@code claims/coverage/<coverageId>} — {@code Coverage};
 *       {@code claims/patient-coverage/<patientId>/<coverageId>} — the id.</li>
 *   <li>{@code claims/preauth/<preauthId>} — {@code Preauth} (units asked, approved and used per service tag).</li>
 *   <li>{@code claims/claim/<claimId>} — {@code Claim}; {@code claims/patient-claim/<patientId>/<claimId>} — the id;
 *       {@code claims/fp/<patientId>/<fingerprint>} — the claim that billed it.</li>
 *   <li>{@code claims/adjudication/<id>}, {@code claims/payment/<id>}, {@code claims/appeal/<id>}.</li>
 *   <li>{@code blob-claim/<sha256>} — as for records: each blob has one owner, once.</li>
 * </ul>
 */
package org.careledger.contracts.claims;
