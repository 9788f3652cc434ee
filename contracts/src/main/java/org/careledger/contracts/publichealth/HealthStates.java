package org.careledger.contracts.publichealth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.careledger.core.publichealth.PublishedTable;
import org.careledger.core.publichealth.TriggerList;

/** The values contract {@code publichealth} keeps in state: no condition, demographic or token in clear. */
public final class HealthStates {
    private HealthStates() {}

    /** {@code health/triggers/<version>}: a published list and the authority org reports are sealed for. */
    public record Triggers(TriggerList list, String authorityOrg, String publishedBy, long publishedAtMillis) {}

    /** {@code health/epoch}: the current linkage key epoch and its authority. */
    public record Epoch(long epoch, String authorityOrg, long startedAtMillis) {}

    /** {@code health/key/<epoch>/<org>}: the epoch's linkage key wrapped for the org. */
    public record KeyShare(long epoch, String org, String keysSha256, String sharedBy, long sharedAtMillis) {}

    /** {@code health/report/<reportId>}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseReport(String reportId, String txId, String patientId, String recordId, String recordType,
                             String reporterOrg, String reportedBy, long reportedAtMillis, long blockHeight,
                             int triggerVersion, String authorityOrg, long linkageEpoch, String cellCommitment,
                             String ciphertextSha256, String keysSha256, ReportStatus status, String respondedBy,
                             Long respondedAtMillis, String responseCiphertextSha256, String responseKeysSha256) {
        CaseReport answered(ReportStatus next, String by, long at, String ciphertext, String keys) {
            return new CaseReport(reportId, txId, patientId, recordId, recordType, reporterOrg, reportedBy,
                    reportedAtMillis, blockHeight, triggerVersion, authorityOrg, linkageEpoch, cellCommitment,
                    ciphertextSha256, keysSha256, next, by, at, ciphertext, keys);
        }
    }

    /** {@code health/aggregate/<aggregateId>}. */
    public record Aggregate(String aggregateId, String authorityOrg, String publishedBy, long publishedAtMillis,
                            long periodStartMillis, long periodEndMillis, List<String> reportIds, int cases,
                            List<PublishedTable> tables, String measureReportSha256) {
        public Aggregate {
            reportIds = List.copyOf(reportIds);
            tables = List.copyOf(tables);
        }
    }

    /** {@code health/audit/<aggregateId>/<org>}: the aggregate's report keys wrapped for an auditor org. */
    public record AuditShare(String aggregateId, String org, String keysSha256, String sharedBy, long sharedAtMillis) {}
}
