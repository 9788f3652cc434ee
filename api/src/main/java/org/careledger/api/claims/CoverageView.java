package org.careledger.api.claims;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /v1/coverages/{coverageId}}: a coverage as the ledger holds it ({@code claims/coverage/…}: plan, period,
 * relationship, end day, latest adjudication id; no amount or code), for the patient, its guardians, the insurer and
 * the orgs the patient shared its claims key with (the providers that bill it). The state stays JSON here; the SDK
 * decodes it. What an eligibility answer starts from.
 */
public record CoverageView(JsonNode coverage, long height) {}
