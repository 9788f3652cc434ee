package org.careledger.api.publichealth;

import com.fasterxml.jackson.databind.JsonNode;

/** One state of contract {@code publichealth} (a report, an aggregate, the epoch), as stored, at a ledger height. */
public record HealthStateView(JsonNode state, long height) {}
