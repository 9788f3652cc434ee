package org.careledger.contracts.audit;

import java.util.List;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Access decisions, disclosures and break-glass review: contract {@code access}. */
public final class AccessDomain {
    public static final String ID = "access";

    private AccessDomain() {}

    public static Domain domain() {
        return Domain.of(ID, 1, List.of(new AccessContract()),
                KeyNamespace.of(AccessKeys.ACCESS_PREFIX, AccessKeys.PATIENT_DISCLOSURES_PREFIX, AccessKeys.REVIEW_PREFIX,
                        AccessKeys.BREAK_GLASS_REVIEW_PREFIX, AccessKeys.ACCESS_SET_PREFIX));
    }
}
