package org.careledger.contracts.notary;

import java.util.List;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Document hashes anchored by an org: contract {@code notary}. */
public final class NotaryDomain {
    public static final String ID = "notary";

    private NotaryDomain() {}

    public static Domain domain() {
        return Domain.of(ID, 1, List.of(new NotaryContract()),
                KeyNamespace.of(NotaryContract.ANCHOR_PREFIX));
    }
}
