package org.careledger.node.reads;

/** What an API read returned about a patient. Stored by name: renaming a constant breaks verification of old logs. */
public enum ReadKind {
    RECORD_LIST,
    DISCLOSURES,
    CONSENTS,
    RECORD_KEYS,
    RECORD_CIPHERTEXT,
    GRANT_KEYS,
    REVIEW_QUEUE,
    CLAIM_LIST,
    CLAIM,
    CLAIM_BLOB,
    CLAIMS_KEY,
    COVERAGE,
    CASE_REPORT,
    CASE_REPORT_BLOB,
    PATIENT_KEY
}
