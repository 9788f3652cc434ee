/**
 * Patient-controlled consent, contract {@code consent} ({@link org.careledger.contracts.consent.ConsentContract}):
 * the patient's own key (or a guardian's) lets a grantee read some records for one purpose.
 *
 * <h2>Methods</h2>
 * <ul>
 *   <li>{@code consent.grant} {@link org.careledger.contracts.consent.GrantConsent}
 *       {@code {grantId, patientId, grantee, recordTypes?, recordIds?, purpose, expiresAtMillis?,
 *       wrappedKeysSha256}} — grantee: an org id ({@code hospital-b}) or a registered member id
 *       ({@code hospital-b/dr-lee}); scope: at least one FHIR resourceType or id of an unerased record of this
 *       patient (at most 256 of each); a record is covered if its id OR its type is listed. Attaches the
 *       wrapped-keys blob. Errors: GRANT_ID_INVALID, PATIENT_UNKNOWN, NOT_PATIENT, GRANT_EXISTS, GRANTEE_UNKNOWN,
 *       PURPOSE_INVALID, GRANT_SCOPE_INVALID, GRANT_EXPIRY_INVALID, GRANT_KEYS_INVALID, GRANT_LIMIT_REACHED,
 *       BLOB_CLAIMED. Event ConsentGranted.</li>
 *   <li>{@code consent.revoke} {@link org.careledger.contracts.consent.RevokeConsent} {@code {grantId}} — sets
 *       revokedAtMillis/revokedBy (cause PATIENT_REVOKED) and purges the wrapped keys. Errors: GRANT_UNKNOWN,
 *       NOT_PATIENT, GRANT_ALREADY_REVOKED. Event ConsentRevoked.</li>
 *   <li>{@code consent.limit} {@link org.careledger.contracts.consent.LimitConsent}
 *       {@code {grantId, recordTypes?, recordIds?, expiresAtMillis?, wrappedKeysSha256?}} — null keeps a field;
 *       lists must be subsets, expiry no later (and after block time); a new keys blob replaces (and purges) the
 *       old. Errors: GRANT_UNKNOWN, NOT_PATIENT, GRANT_NOT_ACTIVE, GRANT_WIDEN_REFUSED, GRANT_SCOPE_INVALID,
 *       GRANT_EXPIRY_INVALID, GRANT_KEYS_INVALID, BLOB_CLAIMED. Event ConsentLimited.</li>
 * </ul>
 * Purposes ({@link org.careledger.contracts.consent.Purpose}): TREAT, ETREAT, HPAYMT, HRESCH, PUBHLTH, HOPERAT.
 * A grant is in force while not revoked and {@code expiresAtMillis > blockTime} (equal means expired).
 * Narrowing or revoking stops the node serving keys; a grantee that already fetched a key keeps it.
 *
 * <h2>State</h2>
 * <ul>
 *   <li>{@code grant/<grantId>} — {@link org.careledger.contracts.consent.ConsentGrant}.</li>
 *   <li>{@code patient-grants/<patientId>/<grantId>} — every grant ever made (grant id as JSON string).</li>
 *   <li>{@code patient-active-grants/<patientId>/<grantId>} — unrevoked grants (at most 256); expired ones are
 *       dropped, and their keys purged, at the patient's next grant.</li>
 * </ul>
 */
package org.careledger.contracts.consent;
