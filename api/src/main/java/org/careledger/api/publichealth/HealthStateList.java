package org.careledger.api.publichealth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET /v1/publichealth/triggers} and {@code GET /v1/publichealth/reports}: states of contract
 * {@code publichealth} as stored (canonical JSON; the SDK decodes them), at a ledger height. No plaintext: trigger
 * lists are public, reports carry ids, hashes and commitments only.
 */
public record HealthStateList(int count, List<JsonNode> items, long height) {
    public HealthStateList {
        items = List.copyOf(items);
    }
}
