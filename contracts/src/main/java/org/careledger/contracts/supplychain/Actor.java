package org.careledger.contracts.supplychain;

import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;

/**
 * The org a supply-chain event is done for: the signer's org, with its roles from its org record. Custody is
 * held by orgs; any of an org's members (or its admin) may act for it.
 */
record Actor(String org, String signerId, OrgRecord record) {
    static Actor of(ContractContext ctx) {
        Identity signer = ctx.signer();
        if (signer.kind() != Identity.Kind.MEMBER && signer.kind() != Identity.Kind.ORG_ADMIN) {
            throw new ContractException("NOT_ORG_MEMBER", signer.id() + " is not a member or admin of an org and"
                    + " cannot act in the supply chain");
        }
        return new Actor(signer.org(), signer.id(), org(ctx, signer.org())
                .orElseThrow(() -> new ContractException("ORG_UNKNOWN", "org " + signer.org() + " is not in the consortium")));
    }

    static java.util.Optional<OrgRecord> org(ContractContext ctx, String id) {
        return ctx.state().get(StateKeys.org(id)).map(b -> CanonicalJson.decode(b, OrgRecord.class));
    }

    boolean hasRole(String role) {
        return record.roles().contains(role);
    }

    void requireRole(String role, String code, String doing) {
        if (!hasRole(role)) {
            throw new ContractException(code, "org " + org + " cannot " + doing + ": it does not have the role '"
                    + role + "' (its roles: " + String.join(", ", record.roles()) + ")");
        }
    }
}
