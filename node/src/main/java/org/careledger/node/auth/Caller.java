package org.careledger.node.auth;

import java.util.Objects;
import org.careledger.core.contract.Identity;

/**
 * The authenticated caller of one API request: a ledger identity whose key signed the request, as the ledger knew it
 * when the request arrived (revoked members are unknown).
 */
public record Caller(Identity identity) {
    public Caller {
        Objects.requireNonNull(identity, "identity");
    }

    public String id() {
        return identity.id();
    }

    public String org() {
        return identity.org();
    }

    /** A patient acting with their own key ({@code patient/p-…}). */
    public boolean isPatient() {
        return identity.kind() == Identity.Kind.PATIENT;
    }

    /** The patient pseudonym of a patient caller ({@code p-…}), or null. */
    public String patientId() {
        return isPatient() ? identity.id().substring(Identity.PATIENT_ORG.length() + 1) : null;
    }

    /** An org's admin, member or node: someone of the consortium, who sees blocks and transactions. */
    public boolean isConsortiumMember() {
        return identity.kind() != Identity.Kind.PATIENT;
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
