package org.careledger.contracts.consent;

/** State keys of consent grants (layout in {@code package-info}). */
public final class ConsentKeys {
    public static final String GRANT_PREFIX = "grant/";
    public static final String PATIENT_GRANTS_PREFIX = "patient-grants/";
    public static final String ACTIVE_GRANTS_PREFIX = "patient-active-grants/";

    private ConsentKeys() {}

    /** {@code grant/<grantId>}: the {@link ConsentGrant}. */
    public static String grant(String grantId) {
        return GRANT_PREFIX + grantId;
    }

    /** {@code patient-grants/<patientId>/}: every grant the patient ever made. */
    public static String patientGrants(String patientId) {
        return PATIENT_GRANTS_PREFIX + patientId + "/";
    }

    /** {@code patient-grants/<patientId>/<grantId>}: value is the grant id as a JSON string. */
    public static String patientGrant(String patientId, String grantId) {
        return patientGrants(patientId) + grantId;
    }

    /**
     * {@code patient-active-grants/<patientId>/}: grants not yet revoked (expired ones leave on the patient's next
     * grant, or on the erasure of one of its records).
     */
    public static String activeGrants(String patientId) {
        return ACTIVE_GRANTS_PREFIX + patientId + "/";
    }

    /** {@code patient-active-grants/<patientId>/<grantId>}: value is the grant id as a JSON string. */
    public static String activeGrant(String patientId, String grantId) {
        return activeGrants(patientId) + grantId;
    }
}
