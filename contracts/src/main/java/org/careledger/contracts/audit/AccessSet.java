package org.careledger.contracts.audit;

import java.util.List;

/**
 * The record of one set access, under {@code access-set/<accessId>}; each record's outcome is its own
 * {@link Disclosure} under {@code access/<accessId>.<i>}, in the patient's accounting of disclosures like a single read.
 *
 * @param accessId    the set's access id
 * @param txId        hex id of the transaction that recorded it
 * @param patientId   whose records
 * @param accessor    identity id of the reader
 * @param accessorOrg the reader's org
 * @param purpose     the purpose the reader gave
 * @param accessIds   the per-record access ids, in the order of the request's record ids
 * @param granted     how many of them were granted
 * @param atMillis    block time
 * @param blockHeight block height
 */
public record AccessSet(String accessId, String txId, String patientId, String accessor, String accessorOrg,
                        String purpose, List<String> accessIds, int granted, long atMillis, long blockHeight) {
    public AccessSet {
        accessIds = List.copyOf(accessIds);
    }
}
