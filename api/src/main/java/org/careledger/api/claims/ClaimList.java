package org.careledger.api.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code GET /v1/patients/{id}/claims}: the states of the patient's claims the caller is a party to, in id order. */
public record ClaimList(String patientId, int count, List<JsonNode> claims, long height) {
    public ClaimList {
        claims = List.copyOf(claims);
    }
}
