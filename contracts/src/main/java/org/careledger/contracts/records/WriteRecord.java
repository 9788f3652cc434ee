package org.careledger.contracts.records;

import java.util.List;

/**
 * Arguments of {@code records.writeRecord}. The ciphertext and the wrapped-keys bundle travel as blobs with the
 * transaction; only their hashes are arguments.
 *
 * @param recordId         new, opaque id
 * @param patientId        a registered patient
 * @param recordType       FHIR resourceType, e.g. {@code Observation}
 * @param ciphertextSha256 blob id of the ciphertext (64 lowercase hex)
 * @param ciphertextSize   ciphertext length in bytes (&gt; 0)
 * @param keysSha256       blob id of the data key wrapped for the patient and the author org
 * @param previousRecordId optional: the latest version of the record this one amends
 * @param references       optional: ids of other records of the same patient
 */
public record WriteRecord(String recordId, String patientId, String recordType, String ciphertextSha256,
                          Long ciphertextSize, String keysSha256, String previousRecordId, List<String> references) {}
