package org.careledger.fhir.model;

import java.time.Instant;
import java.util.regex.Pattern;
import org.careledger.core.CareledgerException;

/**
 * One access decision the ledger recorded: who asked to read which record, why, when, and whether it was granted.
 * Exported as a FHIR AuditEvent.
 *
 * @param accessId         id of the ledger transaction that recorded the access: SHA-256, 64 lowercase hex digits
 * @param patientId        the patient's pseudonym on the ledger
 * @param recordId         the ledger record that was read (or refused)
 * @param recordType       the record's FHIR resourceType, e.g. {@code Observation}
 * @param accessor         the member (practitioner, staff) or organization that asked
 * @param accessorOrg      the organization the accessor belongs to (itself, for an organization)
 * @param purpose          a v3-ActReason purpose-of-use code: TREAT, ETREAT, HPAYMT, HRESCH, …
 * @param breakGlass       whether access was granted without consent on emergency grounds
 * @param breakGlassReason the accessor's stated emergency reason: required with break-glass, and kept for a
 *                         break-glass attempt the ledger refused; absent for other reads
 * @param granted          whether the ledger allowed the access
 * @param at               the time of the block that recorded it (ledger time, not wall clock)
 * @param blockHeight      height of that block
 * @param decision         GRANT, OWN_ORG, BREAK_GLASS or DENIED: the basis the ledger decided on
 * @param grantId          the consent grant a GRANT relied on, else null
 * @param denialReason     why a DENIED read was refused (NO_CONSENT, BREAK_GLASS_NOT_PERMITTED, …), else null
 * @param review           the custodian auditor's review of a break-glass access, once made, else null
 */
public record Disclosure(String accessId, String patientId, String recordId, String recordType, String accessor,
        String accessorOrg, String purpose, boolean breakGlass, String breakGlassReason, boolean granted, Instant at,
        long blockHeight, String decision, String grantId, String denialReason, Review review) {

    /** A disclosure whose decision follows from granted / break-glass alone (GRANT, BREAK_GLASS or DENIED). */
    public Disclosure(String accessId, String patientId, String recordId, String recordType, String accessor,
            String accessorOrg, String purpose, boolean breakGlass, String breakGlassReason, boolean granted,
            Instant at, long blockHeight) {
        this(accessId, patientId, recordId, recordType, accessor, accessorOrg, purpose, breakGlass, breakGlassReason,
                granted, at, blockHeight, granted ? (breakGlass ? "BREAK_GLASS" : "GRANT") : "DENIED", null, null, null);
    }

    /** Whether the accessor invoked break-glass, granted or not: its AuditEvent carries BTG and the reason. */
    public boolean breakGlassAttempted() {
        return breakGlassReason != null;
    }

    private static final Pattern TX_ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");

    public Disclosure {
        if (accessId == null || !TX_ID.matcher(accessId).matches()) {
            throw invalid("accessId must be a ledger tx id (64 lowercase hex digits), got " + accessId);
        }
        require(patientId, "patientId");
        require(recordId, "recordId");
        if (recordType == null || !RESOURCE_TYPE.matcher(recordType).matches()) {
            throw invalid("recordType must be a FHIR resourceType such as Observation, got " + recordType);
        }
        require(accessor, "accessor");
        require(accessorOrg, "accessorOrg");
        if (!PurposeOfUse.isKnown(purpose)) {
            throw invalid("purpose must be a v3-ActReason code such as TREAT or ETREAT, got " + purpose);
        }
        if (breakGlassReason != null && breakGlassReason.isBlank()) {
            breakGlassReason = null;
        }
        if (breakGlass && breakGlassReason == null) {
            throw invalid("a break-glass access needs the reason the accessor gave");
        }
        if (!breakGlass && breakGlassReason != null && granted) {
            throw invalid("breakGlassReason is set but the granted access " + accessId + " is not break-glass");
        }
        if (decision == null || !java.util.Set.of("GRANT", "OWN_ORG", "BREAK_GLASS", "DENIED").contains(decision)
                || decision.equals("DENIED") == granted) {
            throw invalid("decision must be GRANT, OWN_ORG, BREAK_GLASS or DENIED and agree with granted, got "
                    + decision);
        }
        if (review != null && !breakGlass) {
            throw invalid("only a break-glass access is reviewed, not " + accessId);
        }
        if (at == null) {
            throw invalid("at (the block time) is required");
        }
        if (blockHeight < 0) {
            throw invalid("blockHeight must be >= 0, got " + blockHeight);
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw invalid(name + " is required");
        }
    }

    private static CareledgerException invalid(String message) {
        return new CareledgerException("FHIR_DISCLOSURE_INVALID", message);
    }
}
