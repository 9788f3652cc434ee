package org.careledger.contracts.audit;

/**
 * The audit record of one read, granted or not, under {@code access/<accessId>}.
 *
 * @param accessId         the access id the reader chose
 * @param txId             hex id of the transaction that recorded it
 * @param recordId         the record asked for
 * @param patientId        whose record
 * @param recordType       the record's FHIR resourceType
 * @param accessor         identity id of the reader
 * @param accessorOrg      the reader's org
 * @param purpose          the purpose the reader gave
 * @param granted          whether the read was allowed
 * @param decision         GRANT, OWN_ORG, BREAK_GLASS or DENIED
 * @param grantId          the grant that allowed it (decision GRANT), else null
 * @param breakGlass       true for decision BREAK_GLASS
 * @param breakGlassReason the emergency reason given: kept when breakGlass is true and for a break-glass attempt the
 *                         policy refused (denial reason BREAK_GLASS_*), so the patient sees every attempt
 * @param denialReason     why it was denied (a {@link DenialReason}), else null
 * @param reviewOrg        org whose auditors review it (break-glass only): the record's author org
 * @param atMillis         block time
 * @param blockHeight      block height
 */
public record Disclosure(String accessId, String txId, String recordId, String patientId, String recordType,
                         String accessor, String accessorOrg, String purpose, boolean granted, String decision,
                         String grantId, boolean breakGlass, String breakGlassReason, String denialReason,
                         String reviewOrg, long atMillis, long blockHeight) {}
