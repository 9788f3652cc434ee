package org.careledger.contracts;

import java.util.List;
import org.careledger.contracts.audit.AccessDomain;
import org.careledger.contracts.claims.ClaimsDomain;
import org.careledger.contracts.consent.ConsentDomain;
import org.careledger.contracts.consent.ConsentGrants;
import org.careledger.contracts.membership.MembershipDomain;
import org.careledger.contracts.notary.NotaryDomain;
import org.careledger.contracts.publichealth.PublicHealthDomain;
import org.careledger.contracts.records.RecordsDomain;
import org.careledger.contracts.research.ResearchDomain;
import org.careledger.contracts.supplychain.SupplyChainDomain;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.Domain;

/**
 * The domains every careledger node can run, one registration line each; genesis lists those a network runs
 * (`network init` lists all of them). A new domain is one more line here (docs/ARCHITECTURE.md, "Adding a domain").
 */
public final class StandardContracts {
    private StandardContracts() {}

    public static List<Domain> domains() {
        return List.of(
                MembershipDomain.domain(),
                NotaryDomain.domain(),
                RecordsDomain.domain(ConsentGrants.ON_RECORD_ERASED),
                ConsentDomain.domain(),
                AccessDomain.domain(),
                SupplyChainDomain.domain(),
                ClaimsDomain.domain(),
                ResearchDomain.domain(),
                PublicHealthDomain.domain());
    }

    /** Every contract of every domain, in registration order. */
    public static List<Contract> all() {
        return domains().stream().flatMap(d -> d.contracts().stream()).toList();
    }
}
