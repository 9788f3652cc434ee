package org.careledger.contracts.records;

/**
 * Arguments of {@code records.eraseRecord}.
 *
 * @param recordId           the record version to erase
 * @param reason             optional short reason (at most 256 chars; no clinical detail: every node keeps it)
 * @param verifiedRequestRef required when an org admin erases: reference to the patient's verified request
 */
public record EraseRecord(String recordId, String reason, String verifiedRequestRef) {}
