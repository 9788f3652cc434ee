package org.careledger.api;

import com.fasterxml.jackson.databind.JsonNode;

/** An event a contract emitted, with its JSON data. */
public record EventView(String type, JsonNode data) {}
