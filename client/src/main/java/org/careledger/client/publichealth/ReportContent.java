package org.careledger.client.publichealth;

import org.careledger.core.publichealth.Cell;

/**
 * What a sealed case report holds, for the authority (and auditors it gives the keys to) only.
 *
 * @param reportId     the report's id on the ledger
 * @param document     the eICR-style FHIR document (canonical JSON)
 * @param cell         condition, ISO week of the finding, area; committed on the ledger as {@code cellCommitment}
 * @param linkageToken HMAC-SHA256 of the normalized demographics under the epoch's key
 */
public record ReportContent(String reportId, String document, Cell cell, String linkageToken) {}
