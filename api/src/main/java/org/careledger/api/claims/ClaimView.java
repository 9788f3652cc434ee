package org.careledger.api.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET /v1/claims/{claimId}}: a claim's public metadata as the ledger holds it (the {@code claims/claim/…},
 * coverage, adjudication, payment and appeal states: fingerprints, blob hashes, commitments, status), for the claim's
 * parties only. The states stay JSON here (wire types carry no contract types); the SDK decodes them. Nothing in it is
 * plaintext: the content is in the blobs ({@link ClaimBlob}).
 */
public record ClaimView(JsonNode claim, JsonNode coverage, List<JsonNode> adjudications, List<JsonNode> payments,
                        List<JsonNode> appeals, long height) {
    public ClaimView {
        adjudications = List.copyOf(adjudications);
        payments = List.copyOf(payments);
        appeals = List.copyOf(appeals);
    }
}
