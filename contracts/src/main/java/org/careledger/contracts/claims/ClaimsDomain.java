package org.careledger.contracts.claims;

import java.util.List;
import org.careledger.contracts.records.RecordKeys;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Insurance coverage, benefit rules, prior authorizations, claims, adjudications and payments: contract {@code claims}. */
public final class ClaimsDomain implements Domain {
    public static final String ID = "claims";

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
        return List.of(new ClaimsContract());
    }

    @Override
    public KeyNamespace namespace() {
        return KeyNamespace.of(ClaimKeys.PREFIX)
                // encrypted claim content and its wrapped keys are blobs claimed like a record's (one claim per blob)
                .sharing(List.of(RecordKeys.BLOB_CLAIM_PREFIX));
    }
}
