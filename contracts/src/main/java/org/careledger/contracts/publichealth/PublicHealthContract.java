package org.careledger.contracts.publichealth;

import static org.careledger.contracts.States.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.careledger.contracts.Args;
import org.careledger.contracts.audit.AccessDecision;
import org.careledger.contracts.audit.AccessKeys;
import org.careledger.contracts.audit.Disclosure;
import org.careledger.contracts.consent.Purpose;
import org.careledger.contracts.publichealth.HealthStates.Aggregate;
import org.careledger.contracts.publichealth.HealthStates.CaseReport;
import org.careledger.contracts.publichealth.HealthStates.Epoch;
import org.careledger.contracts.publichealth.HealthStates.Triggers;
import org.careledger.contracts.records.BlobClaims;
import org.careledger.contracts.records.CareRoles;
import org.careledger.contracts.records.Identifiers;
import org.careledger.contracts.records.PatientDirectory;
import org.careledger.contracts.records.PatientRecord;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.contracts.records.RecordsContract;
import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateAccess;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.publichealth.PublishedTable;
import org.careledger.core.publichealth.Suppression;
import org.careledger.core.publichealth.TriggerList;

/**
 * Public-health reporting with no condition, demographic or linkage token in clear: versioned trigger lists, sealed
 * case reports (each a PUBHLTH disclosure in the patient's accounting, without consent), reportability responses,
 * linkage keys per epoch wrapped for provider orgs, aggregates whose suppression rule and set of counted reports every
 * node checks. See docs/PUBLIC_HEALTH.md and this package's {@code package-info.java}.
 */
public final class PublicHealthContract implements Contract {
    public static final String NAME = "publichealth";
    public static final String AUTHORITY_ORG_ROLE = "authority";
    /** Record types a case report may report: a finding. */
    public static final Set<String> REPORTABLE_TYPES = Set.of("Condition", "Observation");
    public static final int MAX_AGGREGATE_REPORTS = 100_000;
    public static final int MAX_TABLES = 256;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final String CIPHERTEXT = "health-ciphertext";
    private static final String KEYS = "health-keys";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void execute(ContractContext ctx, String method, byte[] args) {
        switch (method) {
            case "publishTriggers" -> publishTriggers(ctx, Args.decode(args, HealthArgs.PublishTriggers.class));
            case "distributeKey" -> distributeKey(ctx, Args.decode(args, HealthArgs.DistributeKey.class));
            case "submitReport" -> submitReport(ctx, Args.decode(args, HealthArgs.SubmitReport.class));
            case "respond" -> respond(ctx, Args.decode(args, HealthArgs.Respond.class));
            case "publishAggregate" -> publishAggregate(ctx, Args.decode(args, HealthArgs.PublishAggregate.class));
            case "shareAudit" -> shareAudit(ctx, Args.decode(args, HealthArgs.ShareAudit.class));
            default -> throw new ContractException("METHOD_UNKNOWN", "publichealth has no method '" + method + "'");
        }
    }

    // ---- reads (also used by views and clients) ----

    /** Every published trigger list, in version order. */
    public static List<Triggers> triggerLists(StateAccess state) {
        return state.scan(HealthKeys.TRIGGERS, Integer.MAX_VALUE).values().stream()
                .map(v -> CanonicalJson.decode(v, Triggers.class)).toList();
    }

    /** The list in force at a time: the greatest effectiveFromMillis on or before it. */
    public static Optional<Triggers> inForce(StateAccess state, long atMillis) {
        Triggers found = null;
        for (Triggers t : triggerLists(state)) {
            if (t.list().effectiveFromMillis() <= atMillis) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    public static Optional<Epoch> epoch(StateAccess state) {
        return read(state, HealthKeys.epoch(), Epoch.class);
    }

    // ---- methods ----

    private void publishTriggers(ContractContext ctx, HealthArgs.PublishTriggers args) {
        Identity authority = requireAuthority(ctx);
        TriggerList list = args.list();
        if (list == null) {
            throw new ContractException("HEALTH_TRIGGERS_INVALID", "no trigger list given");
        }
        String problem = list.problem();
        if (problem != null) {
            throw new ContractException("HEALTH_TRIGGERS_INVALID", problem);
        }
        List<Triggers> all = triggerLists(ctx.state());
        Triggers latest = all.isEmpty() ? null : all.get(all.size() - 1);
        if (latest != null && !latest.authorityOrg().equals(authority.org())) {
            throw new ContractException("HEALTH_NOT_AUTHORITY", "the trigger lists are " + latest.authorityOrg()
                    + "'s; " + authority.id() + " may not publish one");
        }
        int expected = latest == null ? 1 : latest.list().version() + 1;
        if (list.version() != expected) {
            throw new ContractException("HEALTH_TRIGGERS_VERSION_INVALID", "the next trigger list version is "
                    + expected + ", not " + list.version());
        }
        // the first list may start in the past; a later one never retroactively, so the list in force for a record
        // already written cannot change
        if (latest != null && list.effectiveFromMillis() < ctx.blockTimeMillis()) {
            throw new ContractException("HEALTH_TRIGGERS_VERSION_INVALID", "version " + list.version()
                    + " takes effect at or after its block time " + ctx.blockTimeMillis() + ", not "
                    + list.effectiveFromMillis());
        }
        if (latest != null && list.effectiveFromMillis() <= latest.list().effectiveFromMillis()) {
            throw new ContractException("HEALTH_TRIGGERS_VERSION_INVALID", "version " + list.version()
                    + " must take effect after version " + latest.list().version());
        }
        byte[] value = CanonicalJson.encode(new Triggers(list, authority.org(), authority.id(), ctx.blockTimeMillis()));
        ctx.state().put(HealthKeys.triggers(list.version()), value);
        ctx.emit("TriggersPublished", new TriggersPublished(list.version(), list.effectiveFromMillis(),
                list.triggers().size(), authority.org()));
    }

    private void distributeKey(ContractContext ctx, HealthArgs.DistributeKey args) {
        Identity authority = requireAuthority(ctx);
        Optional<Epoch> current = epoch(ctx.state());
        if (current.isPresent() && !current.get().authorityOrg().equals(authority.org())) {
            throw new ContractException("HEALTH_NOT_AUTHORITY", "the linkage keys are " + current.get().authorityOrg()
                    + "'s");
        }
        long now = current.map(Epoch::epoch).orElse(0L);
        if (args.epoch() != now && args.epoch() != now + 1) {
            throw new ContractException("HEALTH_EPOCH_INVALID", "the linkage key epoch is " + now + "; distribute"
                    + " epoch " + now + (now == 0 ? "" : " or rotate to " + (now + 1)) + ", not " + args.epoch());
        }
        if (args.epoch() == 0) {
            throw new ContractException("HEALTH_EPOCH_INVALID", "epochs start at 1");
        }
        String org = args.org();
        if (!Identifiers.isId(org) || !CareRoles.isProviderOrg(ctx.state(), org)) {
            throw new ContractException("HEALTH_ORG_INVALID", "org '" + shown(org) + "' is not a hospital or lab of"
                    + " the consortium: linkage keys go to reporting providers only");
        }
        Hash keys = Identifiers.requireSha256(args.keysSha256(), "HEALTH_HASH_INVALID", "keysSha256");
        String key = HealthKeys.keyShare(args.epoch(), org);
        if (ctx.state().get(key).isPresent()) {
            throw new ContractException("HEALTH_EPOCH_INVALID", org + " already holds the key of epoch "
                    + args.epoch());
        }
        if (args.epoch() == now + 1) {
            ctx.state().put(HealthKeys.epoch(), CanonicalJson.encode(new Epoch(args.epoch(), authority.org(),
                    ctx.blockTimeMillis())));
        }
        BlobClaims.claimAndAttach(ctx, keys, key, KEYS);
        byte[] value = CanonicalJson.encode(new HealthStates.KeyShare(args.epoch(), org, keys.hex(), authority.id(),
                ctx.blockTimeMillis()));
        ctx.state().put(key, value);
        ctx.emitEncoded("LinkageKeyDistributed", value);
    }

    private void submitReport(ContractContext ctx, HealthArgs.SubmitReport args) {
        Identity reporter = requireReporter(ctx);
        String reportId = id(args.reportId(), "report id");
        PatientRecord patient = PatientDirectory.require(ctx, args.patientId());
        RecordMeta record = RecordsContract.find(ctx.state(), args.recordId()).orElse(null);
        String problem = record == null ? "does not exist"
                : !record.patientId().equals(patient.patientId()) ? "belongs to another patient"
                : !record.authorOrg().equals(reporter.org()) ? "was written by another org, not by " + reporter.org()
                : record.erased() ? "was erased"
                : !REPORTABLE_TYPES.contains(record.recordType()) ? "is a " + record.recordType() + ", not one of "
                        + new TreeSet<>(REPORTABLE_TYPES)
                : null;
        if (problem != null) {
            throw new ContractException("HEALTH_RECORD_INVALID", "record '" + shown(args.recordId()) + "' " + problem
                    + ": a case report reports a Condition or Observation of the patient that the reporting org wrote");
        }
        Triggers triggers = inForce(ctx.state(), record.writtenAtMillis()).orElseThrow(() -> new ContractException(
                "HEALTH_TRIGGERS_NOT_IN_FORCE", "no trigger list was in force when record " + record.recordId()
                + " was written"));
        if (args.triggerVersion() != triggers.list().version()) {
            throw new ContractException("HEALTH_TRIGGERS_NOT_IN_FORCE", "record " + record.recordId() + " was written"
                    + " under trigger list version " + triggers.list().version() + ", not " + args.triggerVersion());
        }
        Epoch epoch = epoch(ctx.state()).orElseThrow(() -> new ContractException("HEALTH_KEY_NOT_HELD",
                "the authority has distributed no linkage key yet"));
        if (args.linkageEpoch() != epoch.epoch()) {
            throw new ContractException("HEALTH_EPOCH_INVALID", "reports use the current linkage epoch "
                    + epoch.epoch() + ", not " + args.linkageEpoch());
        }
        if (ctx.state().get(HealthKeys.keyShare(epoch.epoch(), reporter.org())).isEmpty()) {
            throw new ContractException("HEALTH_KEY_NOT_HELD", reporter.org() + " holds no linkage key of epoch "
                    + epoch.epoch());
        }
        Optional<String> earlier = read(ctx.state(), HealthKeys.reportOfRecord(record.recordId()), String.class);
        if (earlier.isPresent()) {
            throw new ContractException("HEALTH_REPORT_EXISTS", "record " + record.recordId() + " was reported by "
                    + earlier.get());
        }
        if (ctx.state().get(HealthKeys.report(reportId)).isPresent()
                || ctx.state().get(AccessKeys.access(reportId)).isPresent()) {
            throw new ContractException("HEALTH_REPORT_EXISTS", "id " + reportId + " is already used");
        }
        String commitment = hex64(args.cellCommitment(), "cellCommitment");
        Hash ciphertext = Identifiers.requireSha256(args.ciphertextSha256(), "HEALTH_HASH_INVALID", "ciphertextSha256");
        Hash keys = Identifiers.requireSha256(args.keysSha256(), "HEALTH_HASH_INVALID", "keysSha256");
        String key = HealthKeys.report(reportId);
        BlobClaims.claimAndAttach(ctx, ciphertext, key, CIPHERTEXT);
        BlobClaims.claimAndAttach(ctx, keys, key, KEYS);
        CaseReport report = new CaseReport(reportId, ctx.txId().hex(), patient.patientId(), record.recordId(),
                record.recordType(), reporter.org(), reporter.id(), ctx.blockTimeMillis(), ctx.blockHeight(),
                triggers.list().version(), triggers.authorityOrg(), epoch.epoch(), commitment, ciphertext.hex(),
                keys.hex(), ReportStatus.SUBMITTED, null, null, null, null);
        byte[] value = CanonicalJson.encode(report);
        ctx.state().put(key, value);
        ctx.state().put(HealthKeys.reportOfRecord(record.recordId()), CanonicalJson.encode(reportId));
        // mandated by law (45 CFR 164.512(b)): no consent, but the patient's accounting of disclosures shows it
        Disclosure disclosure = new Disclosure(reportId, ctx.txId().hex(), record.recordId(), patient.patientId(),
                record.recordType(), triggers.authorityOrg(), triggers.authorityOrg(), Purpose.PUBHLTH.name(), true,
                AccessDecision.PUBLIC_HEALTH.name(), null, false, null, null, null, ctx.blockTimeMillis(),
                ctx.blockHeight());
        ctx.state().put(AccessKeys.access(reportId), CanonicalJson.encode(disclosure));
        ctx.state().put(AccessKeys.patientDisclosure(patient.patientId(), ctx.blockHeight(), reportId),
                CanonicalJson.encode(reportId));
        ctx.emitEncoded("CaseReported", value);
    }

    private void respond(ContractContext ctx, HealthArgs.Respond args) {
        Identity authority = requireAuthority(ctx);
        CaseReport report = report(ctx.state(), args.reportId());
        if (!report.authorityOrg().equals(authority.org())) {
            throw new ContractException("HEALTH_NOT_AUTHORITY", "report " + report.reportId() + " was sent to "
                    + report.authorityOrg());
        }
        ReportStatus status = args.status();
        if (status == null || status == ReportStatus.SUBMITTED) {
            throw new ContractException("HEALTH_RESPONSE_INVALID", "a response is REPORTABLE, NOT_REPORTABLE or"
                    + " NEEDS_INFO");
        }
        if (report.status() != ReportStatus.SUBMITTED && report.status() != ReportStatus.NEEDS_INFO) {
            throw new ContractException("HEALTH_RESPONSE_INVALID", "report " + report.reportId() + " was already"
                    + " answered " + report.status());
        }
        if (report.status() == ReportStatus.NEEDS_INFO && status == ReportStatus.NEEDS_INFO) {
            throw new ContractException("HEALTH_RESPONSE_INVALID", "report " + report.reportId() + " already needs"
                    + " more information; the next answer is final");
        }
        String ciphertext = null;
        String keys = null;
        String key = HealthKeys.report(report.reportId());
        if (args.ciphertextSha256() != null || args.keysSha256() != null) {
            Hash c = Identifiers.requireSha256(args.ciphertextSha256(), "HEALTH_HASH_INVALID", "ciphertextSha256");
            Hash k = Identifiers.requireSha256(args.keysSha256(), "HEALTH_HASH_INVALID", "keysSha256");
            BlobClaims.claimAndAttach(ctx, c, key, CIPHERTEXT);
            BlobClaims.claimAndAttach(ctx, k, key, KEYS);
            ciphertext = c.hex();
            keys = k.hex();
        }
        byte[] value = CanonicalJson.encode(report.answered(status, authority.id(), ctx.blockTimeMillis(), ciphertext,
                keys));
        ctx.state().put(key, value);
        if (status == ReportStatus.REPORTABLE) {
            ctx.state().put(HealthKeys.reportable(report.reportedAtMillis(), report.reportId()),
                    CanonicalJson.encode(report.reportId()));
        }
        ctx.emitEncoded("ReportabilityResponse", value);
    }

    private void publishAggregate(ContractContext ctx, HealthArgs.PublishAggregate args) {
        Identity authority = requireAuthority(ctx);
        String aggregateId = id(args.aggregateId(), "aggregate id");
        if (ctx.state().get(HealthKeys.aggregate(aggregateId)).isPresent()) {
            throw new ContractException("HEALTH_AGGREGATE_EXISTS", "aggregate " + aggregateId + " already exists");
        }
        if (args.periodStartMillis() < 0 || args.periodEndMillis() <= args.periodStartMillis()
                || args.periodEndMillis() > ctx.blockTimeMillis()) {
            throw new ContractException("HEALTH_AGGREGATE_INVALID", "the period must start before it ends, and end by"
                    + " the block time " + ctx.blockTimeMillis());
        }
        List<String> listed = args.reportIds() == null ? List.of() : args.reportIds();
        if (listed.size() > MAX_AGGREGATE_REPORTS) {
            throw new ContractException("HEALTH_AGGREGATE_INVALID", "an aggregate counts at most "
                    + MAX_AGGREGATE_REPORTS + " reports");
        }
        // the counted reports are exactly the REPORTABLE reports sent to this authority in the period
        TreeSet<String> expected = new TreeSet<>();
        for (byte[] v : ctx.state().scan(HealthKeys.REPORTABLE, Integer.MAX_VALUE).values()) {
            CaseReport r = report(ctx.state(), CanonicalJson.decode(v, String.class));
            if (r.authorityOrg().equals(authority.org()) && r.reportedAtMillis() >= args.periodStartMillis()
                    && r.reportedAtMillis() < args.periodEndMillis()) {
                expected.add(r.reportId());
            }
        }
        Set<String> seen = new HashSet<>();
        for (String id : listed) {
            if (id == null || !seen.add(id)) {
                throw new ContractException("HEALTH_AGGREGATE_INCOMPLETE", "report '" + shown(id) + "' is listed"
                        + " twice or is null");
            }
        }
        if (!seen.equals(expected)) {
            TreeSet<String> missing = new TreeSet<>(expected);
            missing.removeAll(seen);
            TreeSet<String> extra = new TreeSet<>(seen);
            extra.removeAll(expected);
            throw new ContractException("HEALTH_AGGREGATE_INCOMPLETE", "an aggregate counts exactly the REPORTABLE"
                    + " reports of its period: missing " + first(missing) + ", not counted " + first(extra));
        }
        List<PublishedTable> tables = args.tables() == null ? List.of() : args.tables();
        if (tables.size() > MAX_TABLES) {
            throw new ContractException("HEALTH_AGGREGATE_INVALID", "an aggregate has at most " + MAX_TABLES
                    + " tables");
        }
        if (args.cases() < 0 || args.cases() > listed.size() || (listed.isEmpty() != tables.isEmpty())) {
            throw new ContractException("HEALTH_AGGREGATE_INVALID", "cases (" + args.cases() + ") must be within 0.."
                    + listed.size() + " reports, with tables exactly when reports are counted");
        }
        Set<String> conditions = new HashSet<>();
        long published = 0;
        boolean allTotalsShown = true;
        for (PublishedTable t : tables) {
            if (t == null || t.condition() == null || !conditions.add(t.condition())) {
                throw new ContractException("HEALTH_AGGREGATE_INVALID", "one table per condition");
            }
            String problem = Suppression.check(t);
            if (problem != null) {
                throw new ContractException("HEALTH_SUPPRESSION_VIOLATED", problem);
            }
            if (t.total() == null) {
                allTotalsShown = false;
            } else {
                published += t.total();
            }
        }
        if (allTotalsShown && published != args.cases()) {
            throw new ContractException("HEALTH_AGGREGATE_INVALID", "the tables' totals add up to " + published
                    + ", not the " + args.cases() + " cases");
        }
        Hash measureReport = Identifiers.requireSha256(args.measureReportSha256(), "HEALTH_HASH_INVALID",
                "measureReportSha256");
        String key = HealthKeys.aggregate(aggregateId);
        BlobClaims.claimAndAttach(ctx, measureReport, key, "health-measure-report");
        Aggregate aggregate = new Aggregate(aggregateId, authority.org(), authority.id(), ctx.blockTimeMillis(),
                args.periodStartMillis(), args.periodEndMillis(), new ArrayList<>(expected), args.cases(), tables,
                measureReport.hex());
        byte[] value = CanonicalJson.encode(aggregate);
        ctx.state().put(key, value);
        ctx.emit("AggregatePublished", new AggregatePublished(aggregateId, authority.org(), expected.size(),
                args.cases()));
    }

    private void shareAudit(ContractContext ctx, HealthArgs.ShareAudit args) {
        Identity authority = requireAuthority(ctx);
        Aggregate aggregate = read(ctx.state(), HealthKeys.aggregate(idOrEmpty(args.aggregateId())), Aggregate.class)
                .orElseThrow(() -> new ContractException("HEALTH_AGGREGATE_UNKNOWN", "aggregate '"
                        + shown(args.aggregateId()) + "' does not exist"));
        if (!aggregate.authorityOrg().equals(authority.org())) {
            throw new ContractException("HEALTH_NOT_AUTHORITY", "aggregate " + aggregate.aggregateId() + " is "
                    + aggregate.authorityOrg() + "'s");
        }
        String org = args.org();
        if (!Identifiers.isId(org) || ctx.state().get(StateKeys.org(org)).isEmpty()
                || org.equals(authority.org())) {
            throw new ContractException("HEALTH_ORG_INVALID", "org '" + shown(org) + "' is not another org of the"
                    + " consortium");
        }
        Hash keys = Identifiers.requireSha256(args.keysSha256(), "HEALTH_HASH_INVALID", "keysSha256");
        String key = HealthKeys.auditShare(aggregate.aggregateId(), org);
        if (ctx.state().get(key).isPresent()) {
            throw new ContractException("HEALTH_AGGREGATE_EXISTS", org + " already audits aggregate "
                    + aggregate.aggregateId());
        }
        BlobClaims.claimAndAttach(ctx, keys, key, KEYS);
        byte[] value = CanonicalJson.encode(new HealthStates.AuditShare(aggregate.aggregateId(), org, keys.hex(),
                authority.id(), ctx.blockTimeMillis()));
        ctx.state().put(key, value);
        ctx.emitEncoded("AuditShared", value);
    }

    // ---- checks ----

    private static Identity requireAuthority(ContractContext ctx) {
        Identity signer = ctx.signer();
        boolean authority = isOrgActor(signer) && read(ctx.state(), StateKeys.org(signer.org()), OrgRecord.class)
                .map(o -> o.roles().contains(AUTHORITY_ORG_ROLE)).orElse(false);
        if (!authority) {
            throw new ContractException("HEALTH_NOT_AUTHORITY", signer.id() + " is not a member or admin of an org"
                    + " with role " + AUTHORITY_ORG_ROLE);
        }
        return signer;
    }

    private static Identity requireReporter(ContractContext ctx) {
        Identity signer = ctx.signer();
        if (!isOrgActor(signer) || !CareRoles.isProviderOrg(ctx.state(), signer.org())) {
            throw new ContractException("HEALTH_NOT_REPORTER", signer.id() + " is not a member or admin of a "
                    + String.join(" or ", CareRoles.PROVIDER_ORG_ROLES) + " org");
        }
        return signer;
    }

    private static boolean isOrgActor(Identity signer) {
        return signer.kind() == Identity.Kind.MEMBER || signer.kind() == Identity.Kind.ORG_ADMIN;
    }

    private static CaseReport report(StateAccess state, String reportId) {
        return read(state, HealthKeys.report(idOrEmpty(reportId)), CaseReport.class).orElseThrow(() ->
                new ContractException("HEALTH_REPORT_UNKNOWN", "report '" + shown(reportId) + "' does not exist"));
    }

    private static String id(String value, String what) {
        if (!Identifiers.isId(value)) {
            throw new ContractException("HEALTH_ID_INVALID", what + " '" + shown(value) + "' must match "
                    + Identifiers.ID.pattern());
        }
        return value;
    }

    private static String idOrEmpty(String value) {
        return value != null && Identifiers.isId(value) ? value : "";
    }

    private static String hex64(String hex, String what) {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new ContractException("HEALTH_HASH_INVALID", what + " must be 64 lowercase hex, got '" + shown(hex)
                    + "'");
        }
        return hex;
    }

    private static String first(TreeSet<String> ids) {
        return ids.isEmpty() ? "none" : ids.first() + (ids.size() > 1 ? " and " + (ids.size() - 1) + " more" : "");
    }

    private static String shown(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }

    /** Event payload of {@code TriggersPublished}. */
    public record TriggersPublished(int version, long effectiveFromMillis, int codes, String authorityOrg) {}

    /** Event payload of {@code AggregatePublished}. */
    public record AggregatePublished(String aggregateId, String authorityOrg, int reports, int cases) {}
}
