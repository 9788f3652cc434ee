package org.careledger.contracts.publichealth;

import java.util.List;
import org.careledger.core.publichealth.PublishedTable;
import org.careledger.core.publichealth.TriggerList;

/** Arguments of the {@code publichealth} methods (canonical JSON); see {@code package-info.java} for who signs what. */
public final class HealthArgs {
    private HealthArgs() {}

    /** {@code publishTriggers}: the next version of the trigger list. */
    public record PublishTriggers(TriggerList list) {}

    /** {@code distributeKey}: the epoch's linkage key wrapped for a provider org (a blob); epoch = current + 1 rotates. */
    public record DistributeKey(long epoch, String org, String keysSha256) {}

    /** {@code submitReport}: a sealed case report of one record. */
    public record SubmitReport(String reportId, String patientId, String recordId, int triggerVersion,
                               long linkageEpoch, String cellCommitment, String ciphertextSha256, String keysSha256) {}

    /** {@code respond}: the reportability response, optionally with a sealed note. */
    public record Respond(String reportId, ReportStatus status, String ciphertextSha256, String keysSha256) {}

    /**
     * {@code publishAggregate}: the REPORTABLE reports submitted in [periodStartMillis, periodEndMillis), the distinct
     * cases they make, the suppressed tables and the MeasureReport (a blob).
     */
    public record PublishAggregate(String aggregateId, long periodStartMillis, long periodEndMillis,
                                   List<String> reportIds, int cases, List<PublishedTable> tables,
                                   String measureReportSha256) {}

    /** {@code shareAudit}: the aggregate's report keys wrapped for an auditor org (a blob). */
    public record ShareAudit(String aggregateId, String org, String keysSha256) {}
}
