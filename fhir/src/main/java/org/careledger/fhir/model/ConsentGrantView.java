package org.careledger.fhir.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.careledger.core.CareledgerException;

/**
 * A consent grant as the ledger holds it: the patient lets a grantee read some of their records for a purpose, from
 * {@code grantedAt} until it expires or the patient revokes it. Exported as a FHIR Consent.
 *
 * @param grantId     the grant's ledger id
 * @param patientId   the patient's pseudonym on the ledger
 * @param grantee     the organization or member id that may read
 * @param granteeKind {@code ORG} or {@code PRACTITIONER}
 * @param recordTypes FHIR resourceTypes covered; empty together with {@code recordIds} means all records
 * @param recordIds   individual ledger records covered
 * @param purpose     the v3-ActReason purpose the grant is limited to, or {@code null} for any purpose
 * @param grantedAt   block time of the grant
 * @param expiresAt   when it lapses, or {@code null} if it does not
 * @param revokedAt   block time of the revocation, or {@code null} if not revoked
 */
public record ConsentGrantView(String grantId, String patientId, String grantee, String granteeKind,
        List<String> recordTypes, List<String> recordIds, String purpose, Instant grantedAt, Instant expiresAt,
        Instant revokedAt) {

    public static final String ORG = "ORG";
    public static final String PRACTITIONER = "PRACTITIONER";

    private static final Set<String> KINDS = Set.of(ORG, PRACTITIONER);
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");

    public ConsentGrantView {
        require(grantId, "grantId");
        require(patientId, "patientId");
        require(grantee, "grantee");
        if (granteeKind == null || !KINDS.contains(granteeKind)) {
            throw invalid("granteeKind must be ORG or PRACTITIONER, got " + granteeKind);
        }
        if (recordTypes == null || recordIds == null) {
            throw invalid("recordTypes and recordIds are required (empty lists mean all records)");
        }
        recordTypes = List.copyOf(recordTypes);
        recordIds = List.copyOf(recordIds);
        for (String type : recordTypes) {
            if (!RESOURCE_TYPE.matcher(type).matches()) {
                throw invalid("recordTypes must be FHIR resourceTypes, got " + type);
            }
        }
        for (String id : recordIds) {
            require(id, "every recordId");
        }
        if (purpose != null && !PurposeOfUse.isKnown(purpose)) {
            throw invalid("purpose must be a v3-ActReason code such as TREAT, got " + purpose);
        }
        if (grantedAt == null) {
            throw invalid("grantedAt is required");
        }
        if (expiresAt != null && !expiresAt.isAfter(grantedAt)) {
            throw invalid("expiresAt " + expiresAt + " is not after grantedAt " + grantedAt);
        }
        if (revokedAt != null && revokedAt.isBefore(grantedAt)) {
            throw invalid("revokedAt " + revokedAt + " is before grantedAt " + grantedAt);
        }
    }

    /** Whether the grant is in force at {@code asOf}: granted by then, not yet revoked, not yet expired. */
    public boolean activeAt(Instant asOf) {
        return !asOf.isBefore(grantedAt)
                && (revokedAt == null || asOf.isBefore(revokedAt))
                && (expiresAt == null || asOf.isBefore(expiresAt));
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw invalid(name + " is required");
        }
    }

    private static CareledgerException invalid(String message) {
        return new CareledgerException("FHIR_CONSENT_GRANT_INVALID", message);
    }
}
