package org.careledger.contracts.consent;

import java.util.List;
import java.util.TreeSet;
import org.careledger.core.contract.Identity;

/**
 * A patient's consent, under {@code grant/<grantId>}: the grantee may read the records in scope for the purpose
 * until the grant expires or is revoked. The scope is a union: a record is covered if its id is in
 * {@code recordIds} or its type is in {@code recordTypes}.
 *
 * @param grantId           the grant's id
 * @param patientId         whose records
 * @param grantee           an org id ({@code hospital-b}) or a member id ({@code hospital-b/dr-lee})
 * @param granteeKind       {@link #ORG} or {@link #MEMBER}
 * @param recordTypes       FHIR resourceTypes covered (sorted)
 * @param recordIds         individual records covered (sorted)
 * @param purpose           the one purpose of use (v3 ActReason code)
 * @param expiresAtMillis   block time from which the grant no longer applies, or null for no expiry
 * @param wrappedKeysSha256 blob id of the data keys re-wrapped for the grantee
 * @param grantedBy         identity id that signed the grant (the patient or a guardian)
 * @param grantedAtMillis   block time of the grant
 * @param limitedAtMillis   block time of the last narrowing, or null
 * @param revokedAtMillis   block time of the revocation, or null
 * @param revokedBy         identity id that revoked it (or erased its only record), or null
 * @param revocationCause   {@link #PATIENT_REVOKED} or {@link #RECORD_ERASED}, or null
 */
public record ConsentGrant(String grantId, String patientId, String grantee, String granteeKind,
                           List<String> recordTypes, List<String> recordIds, String purpose, Long expiresAtMillis,
                           String wrappedKeysSha256, String grantedBy, long grantedAtMillis, Long limitedAtMillis,
                           Long revokedAtMillis, String revokedBy, String revocationCause) {
    public static final String ORG = "ORG";
    public static final String MEMBER = "MEMBER";
    public static final String PATIENT_REVOKED = "PATIENT_REVOKED";
    public static final String RECORD_ERASED = "RECORD_ERASED";

    public ConsentGrant {
        recordTypes = recordTypes == null ? List.of() : List.copyOf(new TreeSet<>(recordTypes));
        recordIds = recordIds == null ? List.of() : List.copyOf(new TreeSet<>(recordIds));
    }

    /** Not revoked, and not expired: {@code expiresAtMillis == t} counts as expired. */
    public boolean inForceAt(long timeMillis) {
        return revokedAtMillis == null && (expiresAtMillis == null || expiresAtMillis > timeMillis);
    }

    /** Whether the reader is the grantee, or a member of the grantee org. */
    public boolean heldBy(Identity reader) {
        return MEMBER.equals(granteeKind) ? grantee.equals(reader.id()) : grantee.equals(reader.org());
    }

    public boolean covers(String recordId, String recordType) {
        return recordIds.contains(recordId) || recordTypes.contains(recordType);
    }

    /** A grant whose whole scope is this one record: it means nothing once the record is erased. */
    public boolean coversOnly(String recordId) {
        return recordTypes.isEmpty() && recordIds.equals(List.of(recordId));
    }

    public ConsentGrant limited(List<String> types, List<String> ids, Long expires, String keysSha256, long atMillis) {
        return new ConsentGrant(grantId, patientId, grantee, granteeKind, types, ids, purpose, expires, keysSha256,
                grantedBy, grantedAtMillis, atMillis, revokedAtMillis, revokedBy, revocationCause);
    }

    public ConsentGrant revoked(long atMillis, String by, String cause) {
        return new ConsentGrant(grantId, patientId, grantee, granteeKind, recordTypes, recordIds, purpose,
                expiresAtMillis, wrappedKeysSha256, grantedBy, grantedAtMillis, limitedAtMillis, atMillis, by, cause);
    }
}
