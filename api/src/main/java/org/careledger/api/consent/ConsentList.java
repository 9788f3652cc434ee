package org.careledger.api.consent;

import java.util.List;
import org.careledger.contracts.consent.ConsentGrant;

/**
 * A patient's grants as the node holds them ({@code GET /v1/patients/{id}/consents}), served verbatim from the ledger,
 * revoked and expired ones included, in grant-id order: all of them for the patient and guardians, those it holds for
 * an org's people.
 */
public record ConsentList(String patientId, int count, List<ConsentGrant> grants) {
    public ConsentList {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }
}
