package org.careledger.contracts.audit;

import org.careledger.contracts.consent.ConsentGrant;
import org.careledger.contracts.consent.ConsentGrants;
import org.careledger.contracts.consent.Purpose;
import org.careledger.contracts.records.CareRoles;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.StateAccess;

/**
 * Who may read a record, decided from state at block time only. The rules, first match wins:
 * <ol>
 *   <li>an erased record: DENIED (RECORD_ERASED);</li>
 *   <li>a signer that is not an org member: DENIED (SIGNER_NOT_MEMBER);</li>
 *   <li>a grant of the record's patient, not revoked, not expired ({@code expiresAtMillis > blockTime}), held by
 *       the reader or the reader's org, covering the record (its id or its type) for exactly the requested purpose:
 *       GRANT (the first such grant in grant-id order);</li>
 *   <li>the record's author org is the reader's org: OWN_ORG. A custodian's members read what their org wrote,
 *       for any purpose, without a grant, as they could before the record was on the ledger; the read is still
 *       recorded and visible to the patient;</li>
 *   <li>a non-blank break-glass reason from a member of a provider org (org role hospital or lab) holding role
 *       {@code emergency} and a clinical role ({@link CareRoles#CLINICAL_ROLES}), for a treatment purpose
 *       (TREAT or ETREAT): BREAK_GLASS, queued for review by the author org's auditors;</li>
 *   <li>otherwise DENIED: with a break-glass reason, BREAK_GLASS_NOT_PERMITTED (no role {@code emergency}),
 *       BREAK_GLASS_NOT_CLINICIAN ({@code emergency} without a clinical role, or outside a provider org) or
 *       BREAK_GLASS_NOT_TREATMENT (any other purpose); without one, NO_CONSENT.</li>
 * </ol>
 * The membership contract already refuses {@code emergency} to anyone but a provider-org clinician; the check here
 * is repeated from state at read time so that a role registered before that rule, or an org whose roles changed,
 * cannot break the glass.
 */
public final class AccessPolicy {
    private AccessPolicy() {}

    /** The decision, the grant behind a GRANT, and the reason behind a DENIED. */
    public record Verdict(AccessDecision decision, String grantId, DenialReason denialReason) {}

    public static Verdict decide(StateAccess state, RecordMeta record, Identity reader, Purpose purpose,
                                 String breakGlassReason, long blockTimeMillis) {
        if (record.erased()) {
            return denied(DenialReason.RECORD_ERASED);
        }
        if (reader.kind() != Identity.Kind.MEMBER) {
            return denied(DenialReason.SIGNER_NOT_MEMBER);
        }
        for (ConsentGrant g : ConsentGrants.active(state, record.patientId())) {
            if (g.inForceAt(blockTimeMillis) && g.heldBy(reader) && g.covers(record.recordId(), record.recordType())
                    && g.purpose().equals(purpose.name())) {
                return new Verdict(AccessDecision.GRANT, g.grantId(), null);
            }
        }
        if (record.authorOrg().equals(reader.org())) {
            return new Verdict(AccessDecision.OWN_ORG, null, null);
        }
        if (breakGlassReason != null && !breakGlassReason.isBlank()) {
            if (!reader.hasRole(CareRoles.EMERGENCY)) {
                return denied(DenialReason.BREAK_GLASS_NOT_PERMITTED);
            }
            if (!CareRoles.mayBreakGlass(state, reader)) {
                return denied(DenialReason.BREAK_GLASS_NOT_CLINICIAN);
            }
            return purpose.isTreatment() ? new Verdict(AccessDecision.BREAK_GLASS, null, null)
                    : denied(DenialReason.BREAK_GLASS_NOT_TREATMENT);
        }
        return denied(DenialReason.NO_CONSENT);
    }

    private static Verdict denied(DenialReason reason) {
        return new Verdict(AccessDecision.DENIED, null, reason);
    }
}
