package org.careledger.contracts.membership;

import java.util.List;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Org members registered and revoked by their org admin: contract {@code membership}. */
public final class MembershipDomain {
    public static final String ID = "membership";

    private MembershipDomain() {}

    public static Domain domain() {
        return Domain.of(ID, 1, List.of(new MembershipContract()),
                KeyNamespace.of(MembershipContract.REVOKED_PREFIX).withIdentities());
    }
}
