package org.careledger.contracts.supplychain;

/**
 * Arguments of {@code supplychain.captureEpcis}.
 *
 * @param document an EPCIS 2.0 JSON/JSON-LD document (or one event, or an array of events) as text
 * @param shipTo receiving org for shipping events whose destinationList names no org the ledger knows; optional
 */
public record CaptureEpcisArgs(String document, String shipTo) {}
