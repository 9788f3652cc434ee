package org.careledger.contracts.supplychain;

import java.util.List;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Drug supply chain (DSCSA-style custody, recalls, EPCIS capture): contract {@code supplychain}. */
public final class SupplyChainDomain implements Domain {
    public static final String ID = "supplychain";

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
        return List.of(new SupplyChainContract());
    }

    @Override
    public KeyNamespace namespace() {
        return KeyNamespace.of(SupplyChainKeys.UNIT, SupplyChainKeys.CONTAINER, SupplyChainKeys.UNIT_EVENTS,
                SupplyChainKeys.CONTAINER_EVENTS, SupplyChainKeys.LOT, SupplyChainKeys.COMPANY_PREFIX, SupplyChainKeys.SUSPECT,
                SupplyChainKeys.SUSPECT_BY_OBJECT, SupplyChainKeys.EPCIS_EVENT);
    }
}
