package org.careledger.contracts.audit;

/**
 * Arguments of {@code access.read}.
 *
 * @param accessId         new, opaque id; the node reads {@code access/<accessId>} after commit
 * @param recordId         the record version to read
 * @param purpose          TREAT, ETREAT, HPAYMT, HRESCH, PUBHLTH or HOPERAT
 * @param breakGlassReason optional; non-blank asks for emergency access (at most 512 chars, no clinical detail)
 */
public record ReadRecord(String accessId, String recordId, String purpose, String breakGlassReason) {}
