package org.careledger.contracts.records;

import org.careledger.core.Hash;
import org.careledger.core.contract.Identity;

/** State keys of patients, records and blob claims (layout in {@code package-info}). */
public final class RecordKeys {
    public static final String PATIENT_PREFIX = "patient/";
    public static final String RECORD_PREFIX = "record/";
    public static final String PATIENT_RECORDS_PREFIX = "patient-records/";
    public static final String BLOB_CLAIM_PREFIX = "blob-claim/";
    public static final String RECORD_SOURCE_PREFIX = "record-source/";
    public static final String PATIENT_SUBJECTS_PREFIX = "patient-subjects/";

    private RecordKeys() {}

    /** {@code patient/<patientId>}: the {@link PatientRecord}. */
    public static String patient(String patientId) {
        return PATIENT_PREFIX + patientId;
    }

    /** The identity id a patient signs with: {@code patient/<patientId>} (state key {@code id/patient/<patientId>}). */
    public static String patientIdentityId(String patientId) {
        return Identity.PATIENT_ORG + "/" + patientId;
    }

    /** {@code record/<recordId>}: the {@link RecordMeta}. */
    public static String record(String recordId) {
        return RECORD_PREFIX + recordId;
    }

    /** {@code patient-records/<patientId>/}: prefix of a patient's record index. */
    public static String patientRecords(String patientId) {
        return PATIENT_RECORDS_PREFIX + patientId + "/";
    }

    /** {@code patient-records/<patientId>/<recordId>}: value is the record id as a JSON string. */
    public static String patientRecord(String patientId, String recordId) {
        return patientRecords(patientId) + recordId;
    }

    /** {@code blob-claim/<sha256 hex>}: the {@link BlobClaim} naming the one owner of a blob. */
    public static String blobClaim(Hash sha256) {
        return BLOB_CLAIM_PREFIX + sha256.hex();
    }

    /** {@code record-source/<patientId>/<sourceKey>}: the latest record id carrying that source key (JSON string). */
    public static String recordSource(String patientId, String sourceKey) {
        return RECORD_SOURCE_PREFIX + patientId + "/" + sourceKey;
    }

    /** {@code patient-subjects/<patientId>}: the sorted subject keys accepted for the patient (JSON array). */
    public static String patientSubjects(String patientId) {
        return PATIENT_SUBJECTS_PREFIX + patientId;
    }
}
