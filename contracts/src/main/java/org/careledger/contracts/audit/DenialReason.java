package org.careledger.contracts.audit;

/** Why a read was denied. */
public enum DenialReason {
    /** the record was erased */
    RECORD_ERASED,
    /** the signer is not an org member (admin, node or patient) */
    SIGNER_NOT_MEMBER,
    /** no grant in force covers this reader, record and purpose, and the record is another org's */
    NO_CONSENT,
    /** as NO_CONSENT, and break-glass was asked for by a member without role {@code emergency} */
    BREAK_GLASS_NOT_PERMITTED,
    /**
     * as NO_CONSENT, and break-glass was asked for by a member with role {@code emergency} that is not a clinician of
     * a provider org (no clinical role, or its org is no hospital or lab): e.g. a role given before that was checked
     */
    BREAK_GLASS_NOT_CLINICIAN,
    /** as NO_CONSENT, and break-glass was asked for by a provider-org clinician for a purpose other than treatment */
    BREAK_GLASS_NOT_TREATMENT
}
