package org.careledger.contracts.research;

/** State keys of contract {@code research}; all under {@code research/}. Ids never contain '/'. */
public final class ResearchKeys {
    public static final String PREFIX = "research/";

    private ResearchKeys() {}

    public static String study(String studyId) {
        return PREFIX + "study/" + studyId;
    }

    public static String studies() {
        return PREFIX + "study/";
    }

    /** Versions zero-padded, so a scan of {@link #versionsOf} returns them in order. */
    public static String version(String studyId, int version) {
        return versionsOf(studyId) + String.format("%010d", version);
    }

    public static String versionsOf(String studyId) {
        return PREFIX + "version/" + studyId + "/";
    }

    public static String consent(String studyId, String subjectId) {
        return PREFIX + "consent/" + studyId + "/" + subjectId;
    }

    public static String subject(String studyId, String subjectId) {
        return subjectsOf(studyId) + subjectId;
    }

    public static String subjectsOf(String studyId) {
        return PREFIX + "subject/" + studyId + "/";
    }

    public static String release(String studyId, String releaseId) {
        return releasesOf(studyId) + releaseId;
    }

    public static String releasesOf(String studyId) {
        return PREFIX + "release/" + studyId + "/";
    }

    public static String subjectRelease(String studyId, String subjectId, String releaseId) {
        return subjectReleasesOf(studyId, subjectId) + releaseId;
    }

    public static String subjectReleasesOf(String studyId, String subjectId) {
        return PREFIX + "subject-release/" + studyId + "/" + subjectId + "/";
    }

    public static String result(String studyId, String outcomeId) {
        return resultsOf(studyId) + outcomeId;
    }

    public static String resultsOf(String studyId) {
        return PREFIX + "result/" + studyId + "/";
    }
}
