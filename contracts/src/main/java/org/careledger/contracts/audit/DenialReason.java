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
    BREAK_GLASS_NOT_PERMITTED
}
