package org.careledger.contracts.consent;

import java.util.List;

/**
 * Arguments of {@code consent.grant}; at least one of recordTypes and recordIds must be non-empty.
 *
 * @param grantId           new, opaque id
 * @param patientId         the patient granting (signer: its own key or a guardian)
 * @param grantee           org id or member id
 * @param recordTypes       FHIR resourceTypes to share
 * @param recordIds         records (of this patient, not erased) to share
 * @param purpose           TREAT, ETREAT, HPAYMT, HRESCH, PUBHLTH or HOPERAT
 * @param expiresAtMillis   optional; must be after the block time
 * @param wrappedKeysSha256 blob id of the data keys re-wrapped for the grantee (travels with the tx)
 */
public record GrantConsent(String grantId, String patientId, String grantee, List<String> recordTypes,
                           List<String> recordIds, String purpose, Long expiresAtMillis, String wrappedKeysSha256) {}
