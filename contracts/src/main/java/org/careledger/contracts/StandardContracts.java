package org.careledger.contracts;

import java.util.List;
import org.careledger.contracts.membership.MembershipContract;
import org.careledger.contracts.notary.NotaryContract;
import org.careledger.core.contract.Contract;

/** The contracts every careledger node runs; all nodes of a network must run the same list. */
public final class StandardContracts {
    private StandardContracts() {}

    public static List<Contract> all() {
        return List.of(new MembershipContract(), new NotaryContract(),
                new org.careledger.contracts.records.PatientsContract(), new org.careledger.contracts.records.RecordsContract(),
                new org.careledger.contracts.consent.ConsentContract(), new org.careledger.contracts.audit.AccessContract(),
                new org.careledger.contracts.supplychain.SupplyChainContract(),
                new org.careledger.contracts.claims.ClaimsContract());
    }
}
