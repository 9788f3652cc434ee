package org.careledger.fhir;

import org.careledger.core.CareledgerException;

/**
 * The stable codes this module rejects input with. Callers (API, CLI) map them to responses, so a constant's name
 * is a contract: add new ones, never rename.
 */
public enum FhirErrorCode {
    /** Not UTF-8, not JSON, or JSON that is not valid FHIR R4 (unknown elements, wrong types, bad values). */
    FHIR_MALFORMED,
    /** Valid JSON, but the top-level value is not a Bundle resource. */
    FHIR_NOT_A_BUNDLE,
    /** A Bundle type that does not carry records to ingest (or that cannot be assembled for export). */
    FHIR_BUNDLE_TYPE_UNSUPPORTED,
    /** A patient Bundle without a Patient entry: the records would have no owner. */
    FHIR_NO_PATIENT,
    /** More than one Patient entry: whose records these are would be ambiguous. */
    FHIR_MULTIPLE_PATIENTS,
    /** The Patient entry has no id, so nothing can tie the records to it. */
    FHIR_PATIENT_WITHOUT_ID,
    /** An entry without a resource (e.g. a transaction DELETE): there is no record to store. */
    FHIR_ENTRY_WITHOUT_RESOURCE,
    /** An entry with neither fullUrl nor resource id, so no other record could reference it. */
    FHIR_ENTRY_UNADDRESSABLE,
    /** Two entries share a fullUrl (FHIR invariant bdl-7): references to it would be ambiguous. */
    FHIR_DUPLICATE_FULL_URL,
    /** A {@link org.careledger.fhir.model.Disclosure} with missing or inconsistent fields. */
    FHIR_DISCLOSURE_INVALID,
    /** A {@link org.careledger.fhir.model.ConsentGrantView} with missing or inconsistent fields. */
    FHIR_CONSENT_GRANT_INVALID;

    public String code() {
        return name();
    }

    public CareledgerException exception(String message) {
        return new CareledgerException(name(), message);
    }

    public CareledgerException exception(String message, Throwable cause) {
        return new CareledgerException(name(), message, cause);
    }
}
