package org.careledger.contracts.audit;

/** State keys of the access audit trail (layout in {@code package-info}). */
public final class AccessKeys {
    public static final String ACCESS_PREFIX = "access/";
    public static final String PATIENT_DISCLOSURES_PREFIX = "patient-disclosures/";
    public static final String REVIEW_PREFIX = "review/";
    public static final String BREAK_GLASS_REVIEW_PREFIX = "break-glass-review/";
    public static final String ACCESS_SET_PREFIX = "access-set/";

    private AccessKeys() {}

    /** {@code access/<accessId>}: the {@link Disclosure}. */
    public static String access(String accessId) {
        return ACCESS_PREFIX + accessId;
    }

    /** {@code access-set/<accessId>}: the {@link AccessSet} of a set read. */
    public static String accessSet(String accessId) {
        return ACCESS_SET_PREFIX + accessId;
    }

    /** The access id of record {@code index} of set read {@code setAccessId}. */
    public static String setMember(String setAccessId, int index) {
        return setAccessId + "." + index;
    }

    /** {@code patient-disclosures/<patientId>/}: a patient's accounting of disclosures, in block order. */
    public static String patientDisclosures(String patientId) {
        return PATIENT_DISCLOSURES_PREFIX + patientId + "/";
    }

    /** {@code patient-disclosures/<patientId>/<height, 20 digits>/<accessId>}: value is the access id (JSON string). */
    public static String patientDisclosure(String patientId, long blockHeight, String accessId) {
        return patientDisclosures(patientId) + height20(blockHeight) + "/" + accessId;
    }

    /** 20 ASCII digits, as %020d would give under an English locale; never the JVM's default locale's digits. */
    private static String height20(long blockHeight) {
        if (blockHeight < 0) {
            throw new IllegalArgumentException("negative block height " + blockHeight);
        }
        String s = Long.toString(blockHeight);
        return "0".repeat(Math.max(0, 20 - s.length())) + s;
    }

    /** {@code review/<org>/}: the org's queue of break-glass accesses awaiting review. */
    public static String reviewQueue(String org) {
        return REVIEW_PREFIX + org + "/";
    }

    /** {@code review/<org>/<accessId>}: a {@link PendingReview}. */
    public static String review(String org, String accessId) {
        return reviewQueue(org) + accessId;
    }

    /** {@code break-glass-review/<accessId>}: the {@link BreakGlassReview}. */
    public static String breakGlassReview(String accessId) {
        return BREAK_GLASS_REVIEW_PREFIX + accessId;
    }
}
