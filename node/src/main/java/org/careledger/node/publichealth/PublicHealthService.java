package org.careledger.node.publichealth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.careledger.api.publichealth.HealthBlob;
import org.careledger.api.publichealth.HealthStateList;
import org.careledger.api.publichealth.HealthStateView;
import org.careledger.contracts.publichealth.HealthKeys;
import org.careledger.contracts.publichealth.HealthStates;
import org.careledger.contracts.publichealth.ReportStatus;
import org.careledger.contracts.records.Identifiers;
import org.careledger.contracts.records.PatientRecord;
import org.careledger.contracts.records.RecordKeys;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.ledger.Ledger;
import org.careledger.node.auth.Caller;
import org.careledger.node.reads.ReadKind;
import org.careledger.node.reads.ReadLog;

/**
 * What each party may read of public-health reporting. Public to every caller: the trigger lists and the linkage
 * epoch. To consortium members: aggregates and their MeasureReports (what a member org verifies). A case report (ids,
 * hashes, commitment, status) and its sealed blobs: to the authority it was sent to and the reporting org; the state
 * also to the patient; both to an auditor org of an aggregate that counts the report. A wrapped linkage key: to its org and the authority; an audit share: to its org and the
 * authority; an auditor org also reads the blobs of the reports its aggregate counts. Answers about a patient are
 * logged in the read log first.
 */
public final class PublicHealthService {
    public static final int MAX_LIST = 100_000;

    private final Ledger ledger;
    private final ReadLog reads;

    public PublicHealthService(Ledger ledger, ReadLog reads) {
        this.ledger = ledger;
        this.reads = reads;
    }

    public HealthStateList triggers() {
        long height = ledger.head().height();
        List<JsonNode> out = new ArrayList<>();
        ledger.scanState(HealthKeys.TRIGGERS, MAX_LIST).values().forEach(v -> out.add(CanonicalJson.tree(v)));
        return new HealthStateList(out.size(), out, height);
    }

    public HealthStateView epoch() {
        long height = ledger.head().height();
        HealthStates.Epoch epoch = state(HealthKeys.epoch(), HealthStates.Epoch.class).orElseThrow(() ->
                new CareledgerException("NOT_FOUND", "no linkage key was distributed yet"));
        return new HealthStateView(tree(epoch), height);
    }

    /** The epoch's linkage key wrapped for {@code org}: for that org and the authority. */
    public HealthBlob linkageKey(Caller caller, long epoch, String org) {
        requireId(org, "org");
        HealthStates.KeyShare share = state(HealthKeys.keyShare(epoch, org), HealthStates.KeyShare.class)
                .orElseThrow(() -> new CareledgerException("NOT_FOUND", org + " holds no linkage key of epoch "
                        + epoch));
        String authority = state(HealthKeys.epoch(), HealthStates.Epoch.class).map(HealthStates.Epoch::authorityOrg)
                .orElse("");
        if (!caller.isConsortiumMember() || !(caller.org().equals(org) || caller.org().equals(authority))) {
            throw new CareledgerException("FORBIDDEN", "the linkage key wrapped for " + org + " is for " + org
                    + " and the authority only");
        }
        return blob(share.keysSha256());
    }

    /** The reports the caller's org sent or received, optionally of one status, oldest first. */
    public HealthStateList reports(Caller caller, String status) {
        if (!caller.isConsortiumMember()) {
            throw new CareledgerException("FORBIDDEN", "case reports are listed for their authority and reporters");
        }
        ReportStatus wanted = null;
        if (status != null) {
            try {
                wanted = ReportStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new CareledgerException("BAD_REQUEST", "status '" + status + "' is not one of "
                        + List.of(ReportStatus.values()));
            }
        }
        long height = ledger.head().height();
        List<HealthStates.CaseReport> out = new ArrayList<>();
        for (byte[] v : ledger.scanState(HealthKeys.PREFIX + "report/", MAX_LIST).values()) {
            HealthStates.CaseReport r = CanonicalJson.decode(v, HealthStates.CaseReport.class);
            if ((r.authorityOrg().equals(caller.org()) || r.reporterOrg().equals(caller.org()))
                    && (wanted == null || r.status() == wanted)) {
                out.add(r);
            }
        }
        out.sort(java.util.Comparator.comparingLong(HealthStates.CaseReport::blockHeight)
                .thenComparing(HealthStates.CaseReport::reportId));
        out.stream().map(HealthStates.CaseReport::patientId).distinct()
                .forEach(p -> reads.append(caller.id(), caller.org(), p, ReadKind.CASE_REPORT, null, height));
        return new HealthStateList(out.size(), out.stream().map(PublicHealthService::tree).toList(), height);
    }

    /**
     * One report: its authority, its reporter org, the patient and guardians, and an auditor org of an aggregate
     * counting it (it checks the report's cell commitment).
     */
    public HealthStateView report(Caller caller, String reportId) {
        long height = ledger.head().height();
        HealthStates.CaseReport r = report(reportId);
        if (!party(caller, r) && !patientSide(caller, r.patientId()) && !auditsReport(caller, reportId)) {
            throw refused(caller, reportId);
        }
        reads.append(caller.id(), caller.org(), r.patientId(), ReadKind.CASE_REPORT, reportId, height);
        return new HealthStateView(tree(r), height);
    }

    /** A sealed blob of a report: its authority, its reporter org, an auditor org of an aggregate counting it. */
    public HealthBlob reportBlob(Caller caller, String reportId, String sha256) {
        HealthStates.CaseReport r = report(reportId);
        if (!party(caller, r) && !auditsReport(caller, reportId)) {
            throw refused(caller, reportId);
        }
        List<String> named = new ArrayList<>(List.of(r.ciphertextSha256(), r.keysSha256()));
        if (r.responseCiphertextSha256() != null) {
            named.addAll(List.of(r.responseCiphertextSha256(), r.responseKeysSha256()));
        }
        if (!named.contains(sha256)) {
            throw new CareledgerException("NOT_FOUND", "report " + reportId + " names no blob " + sha256);
        }
        reads.append(caller.id(), caller.org(), r.patientId(), ReadKind.CASE_REPORT_BLOB, reportId,
                ledger.head().height());
        return blob(sha256);
    }

    /**
     * Every published aggregate as a summary (without its report ids), oldest first, for consortium members: each is
     * readable by them in full anyway; the list is how a member finds one without knowing its id.
     */
    public HealthStateList aggregates(Caller caller) {
        requireMember(caller);
        long height = ledger.head().height();
        List<HealthStates.Aggregate> all = new ArrayList<>();
        ledger.scanState(HealthKeys.PREFIX + "aggregate/", MAX_LIST).values()
                .forEach(v -> all.add(CanonicalJson.decode(v, HealthStates.Aggregate.class)));
        all.sort(java.util.Comparator.comparingLong(HealthStates.Aggregate::publishedAtMillis)
                .thenComparing(HealthStates.Aggregate::aggregateId));
        List<JsonNode> out = new ArrayList<>();
        for (HealthStates.Aggregate a : all) {
            var summary = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("aggregateId", a.aggregateId())
                    .put("authorityOrg", a.authorityOrg()).put("publishedBy", a.publishedBy())
                    .put("publishedAtMillis", a.publishedAtMillis()).put("periodStartMillis", a.periodStartMillis())
                    .put("periodEndMillis", a.periodEndMillis()).put("cases", a.cases())
                    .put("reportCount", a.reportIds().size()).put("measureReportSha256", a.measureReportSha256());
            var conditions = summary.putArray("conditions");
            a.tables().forEach(t -> conditions.add(t.condition()));
            out.add(summary);
        }
        return new HealthStateList(out.size(), out, height);
    }

    /** An aggregate, for every consortium member: what a member org verifies against its own ledger. */
    public HealthStateView aggregate(Caller caller, String aggregateId) {
        requireMember(caller);
        long height = ledger.head().height();
        return new HealthStateView(tree(aggregateState(aggregateId)), height);
    }

    public HealthBlob measureReport(Caller caller, String aggregateId) {
        requireMember(caller);
        return blob(aggregateState(aggregateId).measureReportSha256());
    }

    /** The report keys of an aggregate wrapped for an auditor org: for that org and the authority. */
    public HealthBlob auditKeys(Caller caller, String aggregateId, String org) {
        requireId(org, "org");
        HealthStates.Aggregate a = aggregateState(aggregateId);
        if (!caller.isConsortiumMember() || !(caller.org().equals(org) || caller.org().equals(a.authorityOrg()))) {
            throw new CareledgerException("FORBIDDEN", "the audit keys of " + org + " are for " + org
                    + " and the authority only");
        }
        HealthStates.AuditShare share = state(HealthKeys.auditShare(a.aggregateId(), org),
                HealthStates.AuditShare.class).orElseThrow(() -> new CareledgerException("NOT_FOUND", org
                + " does not audit aggregate " + aggregateId));
        return blob(share.keysSha256());
    }

    private boolean party(Caller caller, HealthStates.CaseReport r) {
        return caller.isConsortiumMember()
                && (caller.org().equals(r.authorityOrg()) || caller.org().equals(r.reporterOrg()));
    }

    private boolean auditsReport(Caller caller, String reportId) {
        if (!caller.isConsortiumMember()) {
            return false;
        }
        for (String key : ledger.scanState(HealthKeys.PREFIX + "audit/", MAX_LIST).keySet()) {
            String[] parts = key.substring((HealthKeys.PREFIX + "audit/").length()).split("/");
            if (parts.length == 2 && parts[1].equals(caller.org())) {
                Optional<HealthStates.Aggregate> a = state(HealthKeys.aggregate(parts[0]), HealthStates.Aggregate.class);
                if (a.isPresent() && a.get().reportIds().contains(reportId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean patientSide(Caller caller, String patientId) {
        Optional<PatientRecord> patient = state(RecordKeys.patient(patientId), PatientRecord.class);
        return patient.isPresent() && (caller.id().equals("patient/" + patientId)
                || patient.get().guardians().contains(caller.id()));
    }

    private static CareledgerException refused(Caller caller, String reportId) {
        // an unknown report and another party's answer alike
        return new CareledgerException("FORBIDDEN", "report " + reportId + " is for its authority, its reporter and"
                + " its patient only, not " + caller.id() + ", or does not exist");
    }

    private HealthStates.CaseReport report(String reportId) {
        requireId(reportId, "report id");
        return state(HealthKeys.report(reportId), HealthStates.CaseReport.class).orElseThrow(() ->
                new CareledgerException("FORBIDDEN", "report " + reportId + " is for its authority, its reporter"
                        + " and its patient only, or does not exist"));
    }

    private HealthStates.Aggregate aggregateState(String aggregateId) {
        requireId(aggregateId, "aggregate id");
        return state(HealthKeys.aggregate(aggregateId), HealthStates.Aggregate.class).orElseThrow(() ->
                new CareledgerException("NOT_FOUND", "no aggregate " + aggregateId));
    }

    private static void requireMember(Caller caller) {
        if (!caller.isConsortiumMember()) {
            throw new CareledgerException("FORBIDDEN", "aggregates are read by consortium members");
        }
    }

    private HealthBlob blob(String sha256) {
        byte[] data = ledger.blob(Hash.fromHex(sha256)).orElseThrow(() -> new CareledgerException("BLOB_NOT_FOUND",
                "blob " + sha256 + " is not held by this node"));
        return new HealthBlob(sha256, Base64.getEncoder().encodeToString(data));
    }

    private static void requireId(String value, String what) {
        if (!Identifiers.isId(value)) {
            throw new CareledgerException("BAD_REQUEST", "'" + value + "' is not a valid " + what);
        }
    }

    private static JsonNode tree(Object value) {
        return CanonicalJson.tree(CanonicalJson.encode(value));
    }

    private <T> Optional<T> state(String key, Class<T> type) {
        return ledger.state(key).map(b -> CanonicalJson.decode(b, type));
    }
}
