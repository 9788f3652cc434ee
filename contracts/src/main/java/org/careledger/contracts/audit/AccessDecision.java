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
    DENIED,
    /**
     * a case report to the public-health authority, mandated by law and so without consent (purpose PUBHLTH); written
     * by contract {@code publichealth}, never by an {@code access.read}
     */
    PUBLIC_HEALTH;

    public boolean granted() {
        return this != DENIED;
    }
}
