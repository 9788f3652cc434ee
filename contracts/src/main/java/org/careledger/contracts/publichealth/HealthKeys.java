package org.careledger.contracts.publichealth;

/** State keys of contract {@code publichealth}; all under {@code health/}. Ids never contain '/'. */
public final class HealthKeys {
    public static final String PREFIX = "health/";
    public static final String TRIGGERS = PREFIX + "triggers/";
    public static final String REPORTABLE = PREFIX + "reportable/";

    private HealthKeys() {}

    /** Versions zero-padded, so a scan of {@link #TRIGGERS} returns them in order. */
    public static String triggers(int version) {
        return TRIGGERS + String.format(java.util.Locale.ROOT, "%010d", version);
    }

    /** The current linkage key epoch. */
    public static String epoch() {
        return PREFIX + "epoch";
    }

    public static String keyShare(long epoch, String org) {
        return PREFIX + "key/" + String.format(java.util.Locale.ROOT, "%010d", epoch) + "/" + org;
    }

    public static String report(String reportId) {
        return PREFIX + "report/" + reportId;
    }

    public static String reportOfRecord(String recordId) {
        return PREFIX + "report-by-record/" + recordId;
    }

    /** REPORTABLE reports by submission time: what an aggregate over a period must count. */
    public static String reportable(long submittedAtMillis, String reportId) {
        return REPORTABLE + String.format(java.util.Locale.ROOT, "%020d", submittedAtMillis) + "/" + reportId;
    }

    public static String aggregate(String aggregateId) {
        return PREFIX + "aggregate/" + aggregateId;
    }

    public static String auditShare(String aggregateId, String org) {
        return PREFIX + "audit/" + aggregateId + "/" + org;
    }
}
