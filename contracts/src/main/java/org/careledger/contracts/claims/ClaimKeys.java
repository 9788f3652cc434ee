package org.careledger.contracts.claims;

/** State keys of contract {@code claims}; all under {@code claims/}. Ids never contain '/'. */
public final class ClaimKeys {
    public static final String PREFIX = "claims/";

    private ClaimKeys() {}

    public static String keyShare(String patientId, String org) {
        return PREFIX + "key/" + patientId + "/" + org;
    }

    public static String coverage(String coverageId) {
        return PREFIX + "coverage/" + coverageId;
    }

    public static String patientCoverage(String patientId, String coverageId) {
        return PREFIX + "patient-coverage/" + patientId + "/" + coverageId;
    }

    public static String plan(String planId) {
        return PREFIX + "plan/" + planId;
    }

    /** Versions zero-padded, so a scan of {@link #rulesOf} returns them in order. */
    public static String rules(String planId, int version) {
        return rulesOf(planId) + String.format("%010d", version);
    }

    public static String rulesOf(String planId) {
        return PREFIX + "rules/" + planId + "/";
    }

    public static String preauth(String preauthId) {
        return PREFIX + "preauth/" + preauthId;
    }

    public static String claim(String claimId) {
        return PREFIX + "claim/" + claimId;
    }

    public static String patientClaim(String patientId, String claimId) {
        return PREFIX + "patient-claim/" + patientId + "/" + claimId;
    }

    public static String fingerprint(String patientId, String fingerprint) {
        return PREFIX + "fp/" + patientId + "/" + fingerprint;
    }

    public static String adjudication(String adjudicationId) {
        return PREFIX + "adjudication/" + adjudicationId;
    }

    public static String payment(String paymentId) {
        return PREFIX + "payment/" + paymentId;
    }

    public static String appeal(String appealId) {
        return PREFIX + "appeal/" + appealId;
    }
}
