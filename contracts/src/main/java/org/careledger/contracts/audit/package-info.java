/**
 * Audited access and break-glass, contract {@code access} ({@link org.careledger.contracts.audit.AccessContract}):
 * every read is a transaction whose decision ({@link org.careledger.contracts.audit.AccessPolicy}) is recorded.
 *
 * <h2>Methods</h2>
 * <ul>
 *   <li>{@code access.read} {@link org.careledger.contracts.audit.ReadRecord}
 *       {@code {accessId, recordId, purpose, breakGlassReason?}} — any signer; a denial commits and is recorded
 *       (event AccessDenied), a grant emits AccessGranted, a break-glass BreakGlassAccess; the event data is the
 *       Disclosure. Break-glass is only for a provider-org clinician with role {@code emergency}, for TREAT or ETREAT;
 *       anyone else asking is DENIED (BREAK_GLASS_NOT_PERMITTED, BREAK_GLASS_NOT_CLINICIAN,
 *       BREAK_GLASS_NOT_TREATMENT), and that denial is committed and shown to the patient like any other. Fails only when malformed: ACCESS_ID_INVALID, ACCESS_EXISTS, ACCESS_RECORD_UNKNOWN,
 *       PURPOSE_INVALID, ACCESS_REASON_INVALID. The node submits it, waits for commit, reads
 *       {@code access/<accessId>} and serves the ciphertext only if {@code granted}: with the grant's wrapped keys
 *       (decision GRANT), or the record's keys blob, which is wrapped for the patient and the author org (OWN_ORG;
 *       for BREAK_GLASS the author org must re-wrap for the reader, off-ledger).</li>
 *   <li>{@code access.readSet} {@link org.careledger.contracts.audit.ReadSet}
 *       {@code {accessId, patientId, recordIds, purpose}} — one transaction for a set of one patient's records (a FHIR
 *       {@code Patient/$everything}): each record decided as an {@code access.read} without break-glass and recorded
 *       as its own Disclosure {@code access/<accessId>.<i>} with its own event, so the patient's accounting lists
 *       every record of the set; the set itself as an {@link org.careledger.contracts.audit.AccessSet}. At most
 *       {@code MAX_SET_SIZE} (1,000) distinct records of that patient. Fails whole, recording nothing:
 *       ACCESS_ID_INVALID, ACCESS_EXISTS, ACCESS_SET_EMPTY, ACCESS_SET_TOO_LARGE, ACCESS_SET_DUPLICATE,
 *       ACCESS_RECORD_UNKNOWN, ACCESS_SET_PATIENT_MISMATCH, PURPOSE_INVALID. The node serves the ciphertext and wrapped
 *       keys of the granted ones ({@code POST /v1/access/set}).</li>
 *   <li>{@code access.reviewBreakGlass} {@link org.careledger.contracts.audit.ReviewBreakGlass}
 *       {@code {accessId, outcome, note?}} — signer: a MEMBER with role auditor of the Disclosure's
 *       {@code reviewOrg}, the record's author org (custodian). Break-glass is always by another org's member,
 *       since the author org's own members read under OWN_ORG, so an accessor never reviews itself. Removes the
 *       queue entry and records the review. Errors: ACCESS_UNKNOWN, REVIEW_NOT_PENDING, NOT_AUDITOR,
 *       REVIEW_OUTCOME_INVALID, REVIEW_NOTE_INVALID. Event BreakGlassReviewed.</li>
 * </ul>
 *
 * <h2>State</h2>
 * <ul>
 *   <li>{@code access/<accessId>} — {@link org.careledger.contracts.audit.Disclosure}.</li>
 *   <li>{@code patient-disclosures/<patientId>/<blockHeight %020d>/<accessId>} — access id (JSON string): the
 *       patient's accounting of disclosures, in block order.</li>
 *   <li>{@code review/<reviewOrg>/<accessId>} — {@link org.careledger.contracts.audit.PendingReview}.</li>
 *   <li>{@code access-set/<accessId>} — {@link org.careledger.contracts.audit.AccessSet}.</li>
 *   <li>{@code break-glass-review/<accessId>} — {@link org.careledger.contracts.audit.BreakGlassReview}.</li>
 * </ul>
 */
package org.careledger.contracts.audit;
