/**
 * Patients and their records on the ledger as pseudonyms, types and hashes: contract {@code patients}
 * ({@link org.careledger.contracts.records.PatientsContract}) and contract {@code records}
 * ({@link org.careledger.contracts.records.RecordsContract}). Ciphertext and wrapped keys are off-chain blobs.
 *
 * <h2>Methods (arguments are canonical JSON of the named record)</h2>
 * <ul>
 *   <li>{@code patients.registerPatient} {@link org.careledger.contracts.records.RegisterPatient}
 *       {@code {patientId, signingKey, encryptionKey, guardians?}} — signer: MEMBER or ORG_ADMIN of an org with role
 *       hospital or lab. Writes the patient's signing identity and its {@code PatientRecord}. Errors:
 *       NOT_A_PROVIDER, PATIENT_ID_INVALID, PATIENT_EXISTS, PATIENT_KEY_INVALID, GUARDIAN_INVALID, GUARDIAN_UNKNOWN.</li>
 *   <li>{@code patients.addGuardian} / {@code patients.removeGuardian}
 *       {@link org.careledger.contracts.records.GuardianChange} {@code {patientId, guardian}} — signer: the patient
 *       (remove: also the guardian itself). A guardian is a registered patient ({@code patient/p-…}, or bare
 *       {@code p-…}) or member ({@code org/name}), at most 8. Errors: PATIENT_UNKNOWN, NOT_PATIENT,
 *       GUARDIAN_INVALID, GUARDIAN_UNKNOWN, GUARDIAN_EXISTS, GUARDIAN_ABSENT.</li>
 *   <li>{@code records.writeRecord} {@link org.careledger.contracts.records.WriteRecord}
 *       {@code {recordId, patientId, recordType, ciphertextSha256, ciphertextSize, keysSha256, previousRecordId?,
 *       references?}} — signer: MEMBER of a hospital/lab org with a role in {@code CareRoles.WRITER_ROLES}
 *       (lab-tech, nurse, physician, practitioner). Attaches both blobs. An amendment names the latest, unerased
 *       version of a record of the same patient, type and author org; it gets version + 1 and the previous version
 *       gets {@code latest=false, supersededBy}. At most {@code MAX_REFERENCES_PER_TX} (1024) references per
 *       transaction. Optional {@code sourceKey} (idempotency: a patient's source key names one record chain; a new
 *       record with a key already indexed is refused, an amendment inherits its predecessor's key and moves the
 *       index) and {@code subjectKey}/{@code acceptSubject} (the first subject key given for a patient is kept; a
 *       record with another is refused unless {@code acceptSubject}, which adds it). Errors: NOT_AUTHORIZED_TO_WRITE,
 *       RECORD_ID_INVALID, PATIENT_UNKNOWN, RECORD_TYPE_INVALID, RECORD_HASH_INVALID, RECORD_SIZE_INVALID,
 *       RECORD_EXISTS, RECORD_AMEND_INVALID, RECORD_REFERENCE_INVALID, RECORD_REFERENCE_LIMIT,
 *       RECORD_SOURCE_KEY_INVALID, RECORD_SOURCE_EXISTS, RECORD_SUBJECT_INVALID, RECORD_SUBJECT_MISMATCH,
 *       BLOB_CLAIMED. Event RecordWritten.</li>
 *   <li>{@code records.writeRecords} {@link org.careledger.contracts.records.WriteRecords} {@code {records: [WriteRecord]}}
 *       — signer: as writeRecord. Several records in one transaction (one signature for many, as the FHIR import
 *       sends them), each checked and written exactly as writeRecord, in order (a later record may reference an
 *       earlier one; a repeated source key is RECORD_SOURCE_EXISTS). All or nothing: the first refused record refuses
 *       the transaction with its own code and a message starting {@code records[i] (record r-…)}. At most
 *       {@code MAX_BATCH_RECORDS} (256) records and {@code MAX_BATCH_BYTES} (8 MiB) of ciphertextSize in all
 *       (RECORD_BATCH_TOO_LARGE), at most 1024 references in all (RECORD_REFERENCE_LIMIT), at least one record
 *       (RECORD_BATCH_INVALID). One RecordWritten event per record.</li>
 *   <li>{@code records.addReferences} {@link org.careledger.contracts.records.AddReferences}
 *       {@code {recordId, references}} — signer: a writer member of the record's author org. Adds up to 1024
 *       references (same checks as writeRecord) to an unerased record, up to {@code MAX_REFERENCES} (8192) in all;
 *       past that it is refused, never truncated. Errors: RECORD_UNKNOWN, NOT_AUTHORIZED_TO_WRITE, RECORD_ERASED,
 *       RECORD_REFERENCE_INVALID, RECORD_REFERENCE_LIMIT. Event RecordReferencesAdded.</li>
 *   <li>{@code records.eraseRecord} {@link org.careledger.contracts.records.EraseRecord}
 *       {@code {recordId, reason?, verifiedRequestRef?}} — signer: the patient, a guardian, or the ORG_ADMIN of the
 *       author org with {@code verifiedRequestRef}. Tombstones the record (hashes kept; erased, erasedAtMillis,
 *       erasedBy, erasureReason, erasureRequestRef), purges both blobs, revokes (cause RECORD_ERASED) every
 *       unrevoked grant whose whole scope is this record and purges its wrapped keys, and drops the patient's
 *       expired grants from the active index, purging their wrapped keys too. One version at a time.
 *       Errors: RECORD_UNKNOWN, PATIENT_UNKNOWN, NOT_AUTHORIZED_TO_ERASE, ERASE_REQUEST_REF_INVALID,
 *       RECORD_ALREADY_ERASED, ERASE_REASON_INVALID. Event RecordErased.</li>
 * </ul>
 * Every method also fails with ARGS_INVALID (undecodable arguments) or METHOD_UNKNOWN.
 *
 * <h2>State</h2>
 * <ul>
 *   <li>{@code id/patient/<patientId>} — IdentityRecord kind PATIENT, org {@code patient}, algorithm ED25519, no
 *       certificate: the patient signs transactions as {@code patient/<patientId>}.</li>
 *   <li>{@code patient/<patientId>} — {@link org.careledger.contracts.records.PatientRecord}.</li>
 *   <li>{@code record/<recordId>} — {@link org.careledger.contracts.records.RecordMeta}.</li>
 *   <li>{@code patient-records/<patientId>/<recordId>} — the record id (JSON string).</li>
 *   <li>{@code record-source/<patientId>/<sourceKey>} — the latest record id of the chain with that source key.</li>
 *   <li>{@code patient-subjects/<patientId>} — the sorted subject keys accepted for the patient (JSON array).</li>
 *   <li>{@code blob-claim/<sha256 hex>} — {@link org.careledger.contracts.records.BlobClaim}: a blob hash is
 *       attached by exactly one owner, once; after a purge it stays claimed, so it can never be re-attached.</li>
 * </ul>
 * Ids are opaque (no names or clinical words); free text is short, single-line and visible to every node.
 */
package org.careledger.contracts.records;
