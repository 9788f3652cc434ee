package org.careledger.contracts.membership;

import java.util.List;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Org members registered and revoked by their org admin: contract {@code membership}. */
public final class MembershipDomain implements Domain {
    public static final String ID = "membership";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<Contract> contracts() {
        return List.of(new MembershipContract());
    }

    @Override
    public KeyNamespace namespace() {
        return KeyNamespace.of(MembershipContract.REVOKED_PREFIX).withIdentities();
    }
}
