package org.careledger.contracts.audit;

/** How a read was decided; see {@link AccessPolicy} for the order the rules apply in. */
public enum AccessDecision {
    /** a grant of the patient covers the record, the reader and the purpose */
    GRANT,
    /** the reader's org wrote the record (custodian access) */
    OWN_ORG,
    /**
     * emergency access without consent, for treatment, by a provider-org clinician with role {@code emergency},
     * queued for review
     */
    BREAK_GLASS,
    /** refused; the Disclosure says why */
    DENIED;

    public boolean granted() {
        return this != DENIED;
    }
}
