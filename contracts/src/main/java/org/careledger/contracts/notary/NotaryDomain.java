package org.careledger.contracts.notary;

import java.util.List;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Document hashes anchored by an org: contract {@code notary}. */
public final class NotaryDomain implements Domain {
    public static final String ID = "notary";

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
        return List.of(new NotaryContract());
    }

    @Override
    public KeyNamespace namespace() {
        return KeyNamespace.of(NotaryContract.ANCHOR_PREFIX);
    }
}
