package org.careledger.contracts.supplychain;

import java.util.List;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Drug supply chain (DSCSA-style custody, recalls, EPCIS capture): contract {@code supplychain}. */
public final class SupplyChainDomain {
    public static final String ID = "supplychain";

    private SupplyChainDomain() {}

    public static Domain domain() {
        return Domain.of(ID, 1, List.of(new SupplyChainContract()),
                KeyNamespace.of(SupplyChainKeys.UNIT, SupplyChainKeys.CONTAINER, SupplyChainKeys.UNIT_EVENTS,
                        SupplyChainKeys.CONTAINER_EVENTS, SupplyChainKeys.LOT, SupplyChainKeys.COMPANY_PREFIX, SupplyChainKeys.SUSPECT,
                        SupplyChainKeys.SUSPECT_BY_OBJECT, SupplyChainKeys.EPCIS_EVENT));
    }
}
