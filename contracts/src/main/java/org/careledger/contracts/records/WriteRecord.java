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
 * @param references       optional: ids of other records of the same patient, at most
 *                         {@link RecordsContract#MAX_REFERENCES_PER_TX} (more with {@code records.addReferences})
 * @param sourceKey        optional idempotency key: 64 lowercase hex, an opaque digest of the source resource's
 *                         identity within the patient (the client derives it, e.g. from the Bundle's Patient id,
 *                         resourceType and id). At most one record chain per patient carries a given key: a second
 *                         new record with it is refused with RECORD_SOURCE_EXISTS naming the first
 * @param subjectKey       optional: 64 lowercase hex digest of the source system's identity of the patient (the
 *                         Bundle's Patient). The first one given for a patient is recorded; a different one is refused
 *                         with RECORD_SUBJECT_MISMATCH unless {@code acceptSubject}
 * @param acceptSubject    optional: true records {@code subjectKey} as another identity of the same patient (the
 *                         caller mapped a foreign Bundle to this patient explicitly)
 */
public record WriteRecord(String recordId, String patientId, String recordType, String ciphertextSha256,
                          Long ciphertextSize, String keysSha256, String previousRecordId, List<String> references,
                          String sourceKey, String subjectKey, Boolean acceptSubject) {

    /** A record with no source identity (written by hand, not imported). */
    public WriteRecord(String recordId, String patientId, String recordType, String ciphertextSha256,
                       Long ciphertextSize, String keysSha256, String previousRecordId, List<String> references) {
        this(recordId, patientId, recordType, ciphertextSha256, ciphertextSize, keysSha256, previousRecordId, references,
                null, null, null);
    }
}
