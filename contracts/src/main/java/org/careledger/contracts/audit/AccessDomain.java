package org.careledger.contracts.audit;

import java.util.List;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Access decisions, disclosures and break-glass review: contract {@code access}. */
public final class AccessDomain implements Domain {
    public static final String ID = "access";

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
        return List.of(new AccessContract());
    }

    @Override
    public KeyNamespace namespace() {
        return KeyNamespace.of(AccessKeys.ACCESS_PREFIX, AccessKeys.PATIENT_DISCLOSURES_PREFIX, AccessKeys.REVIEW_PREFIX,
                AccessKeys.BREAK_GLASS_REVIEW_PREFIX);
    }
}
