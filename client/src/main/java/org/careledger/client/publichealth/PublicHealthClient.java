package org.careledger.client.publichealth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.api.publichealth.HealthBlob;
import org.careledger.api.publichealth.HealthStateList;
import org.careledger.api.publichealth.HealthStateView;
import org.careledger.client.CareledgerClient;
import org.careledger.client.Submissions;
import org.careledger.client.TxSigner;
import org.careledger.client.claims.ClaimSealer;
import org.careledger.client.records.Author;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.publichealth.HealthArgs;
import org.careledger.contracts.publichealth.HealthStates;
import org.careledger.contracts.publichealth.PublicHealthContract;
import org.careledger.contracts.publichealth.ReportStatus;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.publichealth.Aggregation;
import org.careledger.core.publichealth.CaseEntry;
import org.careledger.core.publichealth.Cell;
import org.careledger.core.publichealth.LinkageTokens;
import org.careledger.core.publichealth.PublishedTable;
import org.careledger.core.publichealth.TriggerList;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.crypto.envelope.KeyWrap;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.publichealth.AggregateMeasureReport;
import org.careledger.fhir.publichealth.CaseReportDocument;

/**
 * Contract {@code publichealth} from Java (docs/PUBLIC_HEALTH.md). The authority publishes trigger lists, distributes
 * and rotates linkage keys (wrapped for each provider org's encryption key), answers reports, opens them, publishes
 * suppressed aggregates with their MeasureReport and lists the outbreak view. A provider's client reports
 * automatically: {@link #hook(Author)} on its {@link RecordsClient} turns every Condition or Observation it writes or
 * imports whose code is on the list in force into a sealed case report. Plaintext stays in this process.
 */
public final class PublicHealthClient {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CareledgerClient client;
    private final RecordsClient records;
    private final CaseReportDocument documents = new CaseReportDocument(FhirR4.shared());
    /** Linkage keys by org and epoch, unwrapped once. */
    private final Map<String, byte[]> linkageKeys = new ConcurrentHashMap<>();
    /** The last Patient resource this client wrote per ledger patient, for findings written outside an import. */
    private final Map<String, byte[]> patients = new ConcurrentHashMap<>();
    private final List<Reported> reported = new CopyOnWriteArrayList<>();
    private final List<Failed> failed = new CopyOnWriteArrayList<>();

    public PublicHealthClient(CareledgerClient client) {
        this.client = client;
        this.records = new RecordsClient(client);
    }

    /** The node, with requests signed as the identity that signs the transaction they carry. */
    public CareledgerClient as(TxSigner caller) {
        return client.as(caller.requestSigner());
    }

    /** A report made automatically: its id, the record it reports, the condition and the transaction. */
    public record Reported(String reportId, String recordId, String condition, SubmitResponse response) {}

    /** A finding on the list whose report failed (kept so nothing is lost: {@link #report} it again). */
    public record Failed(String patientId, String recordId, String code, String message) {}

    /** One opened report with its ledger state. */
    public record Opened(HealthStates.CaseReport state, ReportContent content) {}

    // ---- the authority ----

    public SubmitResponse publishTriggers(TxSigner authority, TriggerList list) {
        return submit(authority, "publishTriggers", new HealthArgs.PublishTriggers(list), List.of());
    }

    /** A fresh 32-byte linkage key (the authority makes one per epoch and keeps it). */
    public static byte[] newLinkageKey() {
        byte[] key = new byte[LinkageTokens.KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    static String linkageContext(long epoch, String org) {
        return "careledger/health/linkage/" + epoch + "/" + org;
    }

    static String reportContext(String reportId) {
        return "careledger/health/report/" + reportId;
    }

    /** {@code distributeKey}: the epoch's key wrapped for the org's encryption key on the ledger. */
    public SubmitResponse distributeKey(TxSigner authority, long epoch, byte[] linkageKey, String org) {
        byte[] orgKey = records.orgEncryptionKey(authority, org);
        byte[] blob = KeyWrap.wrap(linkageKey, orgKey, linkageContext(epoch, org).getBytes(StandardCharsets.UTF_8));
        return submit(authority, "distributeKey", new HealthArgs.DistributeKey(epoch, org, Hash.sha256(blob).hex()),
                List.of(blob));
    }

    public SubmitResponse respond(TxSigner authority, String reportId, ReportStatus status) {
        return submit(authority, "respond", new HealthArgs.Respond(reportId, status, null, null), List.of());
    }

    /** The same answer to many reports, in one batch (each its own transaction); throws on the first refused. */
    public List<SubmitResponse> respond(TxSigner authority, List<String> reportIds, ReportStatus status) {
        List<org.careledger.core.proto.TxEnvelope> txs = reportIds.stream().map(id -> authority.sign(
                PublicHealthContract.NAME, "respond", new HealthArgs.Respond(id, status, null, null))).toList();
        List<SubmitResponse> out = new ArrayList<>();
        for (int from = 0; from < txs.size(); from += 256) {
            for (SubmitResponse r : as(authority).submitBatch(txs.subList(from, Math.min(txs.size(), from + 256)),
                    Wait.COMMIT)) {
                out.add(Submissions.requireValid(r, "publichealth.respond"));
            }
        }
        return out;
    }

    /** The reports sent to the authority (of one status, or all with null), opened with its org key. */
    public List<Opened> open(Author authority, ReportStatus status) {
        List<Opened> out = new ArrayList<>();
        for (HealthStates.CaseReport r : reports(authority.signer(), status)) {
            if (!r.authorityOrg().equals(authority.org())) {
                continue; // a report the org sent as a provider: sealed for the authority, not for it
            }
            out.add(new Opened(r, open(authority.signer(), r, authority.org(), authority.requireOrgKey())));
        }
        return out;
    }

    /** One report's content, opened as {@code reader} (the authority or an auditor org holding its key). */
    public ReportContent open(TxSigner caller, HealthStates.CaseReport r, String reader, EncryptionKeyPair readerKey) {
        ClaimSealer.Payload<ReportContent> p = ClaimSealer.open(reportContext(r.reportId()),
                blob(caller, r.reportId(), r.ciphertextSha256()), blob(caller, r.reportId(), r.keysSha256()), reader,
                readerKey, ReportContent.class);
        if (!p.value().cell().commitment(p.nonce()).equals(r.cellCommitment())) {
            throw new CareledgerException("BAD_RESPONSE", "report " + r.reportId() + " does not open its commitment");
        }
        return p.value();
    }

    /** Opened REPORTABLE reports as the aggregation counts them. */
    public static List<CaseEntry> entries(List<Opened> opened) {
        return opened.stream().map(o -> new CaseEntry(o.state().reportId(), o.content().linkageToken(),
                o.content().cell(), o.state().reportedAtMillis())).toList();
    }

    /** The outbreak view: distinct cases (linked duplicates once) per condition → week → area; never published. */
    public Map<String, ? extends Map<String, ? extends Map<String, Integer>>> outbreak(Author authority) {
        requireAuthority(authority);
        return Aggregation.counts(entries(open(authority, ReportStatus.REPORTABLE)));
    }

    /** A published aggregate: its state and the MeasureReport bytes. */
    public record Published(HealthStates.Aggregate aggregate, byte[] measureReport, SubmitResponse response) {}

    /**
     * {@code publishAggregate}: counts the REPORTABLE reports submitted in [start, end), linked duplicates once,
     * suppresses small cells, builds the MeasureReport and commits both; every node re-checks the set and the rule.
     */
    public Published publishAggregate(Author authority, String aggregateId, long startMillis, long endMillis) {
        List<Opened> opened = open(authority, ReportStatus.REPORTABLE).stream()
                .filter(o -> o.state().authorityOrg().equals(authority.org())
                        && o.state().reportedAtMillis() >= startMillis && o.state().reportedAtMillis() < endMillis)
                .toList();
        Aggregation.Aggregate agg = Aggregation.aggregate(entries(opened));
        byte[] measureReport = AggregateMeasureReport.json(FhirR4.shared(), aggregateId, authority.org(),
                Instant.ofEpochMilli(endMillis), Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(endMillis),
                agg.tables());
        List<String> ids = opened.stream().map(o -> o.state().reportId()).sorted().toList();
        SubmitResponse r = submit(authority.signer(), "publishAggregate", new HealthArgs.PublishAggregate(aggregateId,
                startMillis, endMillis, ids, agg.cases(), agg.tables(), Hash.sha256(measureReport).hex()),
                List.of(measureReport));
        return new Published(aggregate(authority.signer(), aggregateId), measureReport, r);
    }

    /** The caller's org is the authority of the trigger lists (the one reports are sealed for), or HEALTH_NOT_AUTHORITY. */
    private void requireAuthority(Author caller) {
        List<HealthStates.Triggers> lists = triggerLists(caller.signer());
        if (lists.isEmpty() || !lists.getLast().authorityOrg().equals(caller.org())) {
            throw new CareledgerException("HEALTH_NOT_AUTHORITY", caller.org() + " is not the health authority"
                    + (lists.isEmpty() ? " (no trigger list is published yet)" : "; reports are sealed for "
                    + lists.getLast().authorityOrg()));
        }
    }

    // ---- audit: an org the authority gives an aggregate's report keys recomputes it ----

    /**
     * {@code shareAudit}: each report the aggregate counts has its data key unwrapped with the authority's org key and
     * HPKE-wrapped again for the auditor org's encryption key on the ledger, under the report's own context; the blob
     * is the canonical JSON map report id → wrapped key. The auditor org can then open exactly those reports.
     */
    public SubmitResponse shareAudit(Author authority, String aggregateId, String auditorOrg) {
        HealthStates.Aggregate a = aggregate(authority.signer(), aggregateId);
        if (!a.authorityOrg().equals(authority.org())) {
            throw new CareledgerException("HEALTH_NOT_AUTHORITY", "aggregate " + aggregateId + " is "
                    + a.authorityOrg() + "'s; " + authority.org() + " holds none of its report keys");
        }
        byte[] auditorKey = records.orgEncryptionKey(authority.signer(), auditorOrg);
        TreeMap<String, String> wrapped = new TreeMap<>();
        for (String id : a.reportIds()) {
            HealthStates.CaseReport r = report(authority.signer(), id);
            wrapped.put(id, Base64.getEncoder().encodeToString(ClaimSealer.rewrap(reportContext(id),
                    blob(authority.signer(), id, r.keysSha256()), authority.org(), authority.requireOrgKey(),
                    auditorKey)));
        }
        byte[] blob = CanonicalJson.encode(wrapped);
        return submit(authority.signer(), "shareAudit", new HealthArgs.ShareAudit(aggregateId, auditorOrg,
                Hash.sha256(blob).hex()), List.of(blob));
    }

    /** An aggregate recomputed from its reports: the published one, how many reports were opened, the recount. */
    public record Audit(HealthStates.Aggregate aggregate, int reportsOpened, Aggregation.Aggregate recomputed) {}

    /**
     * Recomputes a published aggregate as {@code auditor}: the authority with its own keys, or an org it gave the keys
     * to ({@link #shareAudit}). Opens every counted report, checks it against its {@code cellCommitment}, recounts the
     * distinct cases per cell and suppresses with the same {@code core.publichealth} aggregation, rebuilds the
     * MeasureReport and compares all of it with what the ledger publishes; any difference is HEALTH_AUDIT_MISMATCH.
     */
    public Audit audit(Author auditor, String aggregateId) {
        TxSigner s = auditor.signer();
        HealthStates.Aggregate a = aggregate(s, aggregateId);
        Map<String, String> shared = null;
        if (!auditor.org().equals(a.authorityOrg())) {
            HealthBlob b = as(s).get("v1/publichealth/aggregates/" + aggregateId + "/audit/" + auditor.org(),
                    HealthBlob.class);
            @SuppressWarnings("unchecked")
            Map<String, String> keys = CanonicalJson.decode(checked(b), Map.class);
            shared = keys;
        }
        List<CaseEntry> entries = new ArrayList<>();
        for (String id : a.reportIds()) {
            HealthStates.CaseReport r = report(s, id);
            if (r.status() != ReportStatus.REPORTABLE || !r.authorityOrg().equals(a.authorityOrg())) {
                throw mismatch(a, "report " + id + " is " + r.status() + " for " + r.authorityOrg()
                        + ", not a REPORTABLE report of " + a.authorityOrg());
            }
            byte[] keys;
            if (shared == null) {
                keys = blob(s, id, r.keysSha256());
            } else if (shared.containsKey(id)) {
                keys = CanonicalJson.encode(Map.of(auditor.org(), shared.get(id)));
            } else {
                throw mismatch(a, "the audit share of " + auditor.org() + " holds no key of report " + id);
            }
            ClaimSealer.Payload<ReportContent> p = ClaimSealer.open(reportContext(id), blob(s, id,
                    r.ciphertextSha256()), keys, auditor.org(), auditor.requireOrgKey(), ReportContent.class);
            if (!p.value().reportId().equals(id) || !p.value().cell().commitment(p.nonce()).equals(r.cellCommitment())) {
                throw mismatch(a, "report " + id + " does not open to its cell commitment on the ledger");
            }
            entries.add(new CaseEntry(id, p.value().linkageToken(), p.value().cell(), r.reportedAtMillis()));
        }
        Aggregation.Aggregate re = Aggregation.aggregate(entries);
        if (re.cases() != a.cases()) {
            throw mismatch(a, "its reports make " + re.cases() + " distinct cases, it publishes " + a.cases());
        }
        String difference = difference(re.tables(), a.tables());
        if (difference != null) {
            throw mismatch(a, difference);
        }
        byte[] measureReport = AggregateMeasureReport.json(FhirR4.shared(), a.aggregateId(), a.authorityOrg(),
                Instant.ofEpochMilli(a.periodEndMillis()), Instant.ofEpochMilli(a.periodStartMillis()),
                Instant.ofEpochMilli(a.periodEndMillis()), re.tables());
        if (!Hash.sha256(measureReport).hex().equals(a.measureReportSha256())) {
            throw mismatch(a, "its MeasureReport " + a.measureReportSha256() + " is not the one its recomputed"
                    + " tables make (" + Hash.sha256(measureReport).hex() + ")");
        }
        return new Audit(a, entries.size(), re);
    }

    private static CareledgerException mismatch(HealthStates.Aggregate a, String why) {
        return new CareledgerException("HEALTH_AUDIT_MISMATCH", "aggregate " + a.aggregateId() + " of "
                + a.authorityOrg() + " does not recompute from its reports: " + why);
    }

    /** The first difference between the recomputed and the published tables (a sentence), or null. */
    static String difference(List<PublishedTable> recomputed, List<PublishedTable> published) {
        Map<String, PublishedTable> mine = new TreeMap<>();
        recomputed.forEach(t -> mine.put(t.condition(), t));
        Map<String, PublishedTable> theirs = new TreeMap<>();
        published.forEach(t -> theirs.put(t.condition(), t));
        if (!mine.keySet().equals(theirs.keySet())) {
            return "the reports have cases of " + mine.keySet() + ", the tables are of " + theirs.keySet();
        }
        for (PublishedTable t : mine.values()) {
            PublishedTable p = theirs.get(t.condition());
            if (!t.weeks().equals(p.weeks()) || !t.areas().equals(p.areas())) {
                return t.condition() + " has cases in weeks " + t.weeks() + " and areas " + t.areas()
                        + ", the table lists " + p.weeks() + " and " + p.areas();
            }
            for (int i = 0; i < t.weeks().size(); i++) {
                for (int j = 0; j < t.areas().size(); j++) {
                    String d = differs(t.condition() + " " + t.weeks().get(i) + " " + t.areas().get(j),
                            t.cells().get(i).get(j), p.cells().get(i).get(j));
                    if (d != null) {
                        return d;
                    }
                }
                String d = differs(t.condition() + " " + t.weeks().get(i) + " total", t.weekTotals().get(i),
                        p.weekTotals().get(i));
                if (d != null) {
                    return d;
                }
            }
            for (int j = 0; j < t.areas().size(); j++) {
                String d = differs(t.condition() + " " + t.areas().get(j) + " total", t.areaTotals().get(j),
                        p.areaTotals().get(j));
                if (d != null) {
                    return d;
                }
            }
            String d = differs(t.condition() + " total", t.total(), p.total());
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static String differs(String where, Integer recomputed, Integer published) {
        return java.util.Objects.equals(recomputed, published) ? null : where + ": published "
                + (published == null ? "suppressed" : published) + ", recomputed "
                + (recomputed == null ? "suppressed" : recomputed);
    }

    // ---- the reporting provider ----

    /**
     * The hook that reports automatically: set it on the provider's {@link RecordsClient} with
     * {@code records.withHook(health.hook(author))}. It never throws; failures are in {@link #failures()}.
     */
    public RecordsClient.WriteHook hook(Author reporter) {
        return (author, patientId, written, plaintext, inBundle) -> {
            if (written.recordType().equals("Patient")) {
                patients.put(patientId, plaintext);
                return;
            }
            if (!written.recordType().equals("Condition") && !written.recordType().equals("Observation")) {
                return;
            }
            try {
                report(reporter, patientId, written.recordId(), written.response(), plaintext, inBundle);
            } catch (CareledgerException e) {
                failed.add(new Failed(patientId, written.recordId(), e.code(), e.getMessage()));
            } catch (RuntimeException e) {
                failed.add(new Failed(patientId, written.recordId(), "REPORT_FAILED", e.toString()));
            }
        };
    }

    public List<Reported> reported() {
        return List.copyOf(reported);
    }

    public List<Failed> failures() {
        return List.copyOf(failed);
    }

    /**
     * Reports a written Condition or Observation if a code of it is on the list in force when it was written; empty
     * if none is. The Patient and the Encounter come from the import ({@code inBundle}) or the last Patient this
     * client wrote for the patient.
     */
    public Optional<Reported> report(Author reporter, String patientId, String recordId, SubmitResponse write,
                                     byte[] findingJson, Function<String, byte[]> inBundle) {
        List<TriggerList.Coding> codes = documents.codings(findingJson);
        List<HealthStates.Triggers> lists = triggerLists(reporter.signer());
        if (codes.isEmpty() || lists.stream().noneMatch(t -> t.list().matchAny(codes).isPresent())) {
            return Optional.empty();
        }
        long writtenAt = as(reporter.signer()).tx(write.txId(), write.height()).header().timestampMillis();
        HealthStates.Triggers inForce = null;
        for (HealthStates.Triggers t : lists) {
            if (t.list().effectiveFromMillis() <= writtenAt) {
                inForce = t;
            }
        }
        Optional<String> condition = inForce == null ? Optional.empty() : inForce.list().matchAny(codes);
        if (condition.isEmpty()) {
            return Optional.empty();
        }
        byte[] patient = documents.patientReference(findingJson).map(inBundle).orElse(null);
        if (patient == null) {
            patient = patients.get(patientId);
        }
        if (patient == null) {
            throw new CareledgerException("HEALTH_PATIENT_UNKNOWN", "record " + recordId + " matches "
                    + condition.get() + " but this client has no Patient resource of " + patientId
                    + " to report (write or import the Patient first)");
        }
        byte[] encounter = documents.encounterReference(findingJson).map(inBundle).orElse(null);
        long epoch = epoch(reporter.signer());
        byte[] key = linkageKey(reporter, epoch);
        String reportId = Submissions.newId("cr-");
        LocalDate day = documents.findingDay(findingJson)
                .orElse(LocalDate.ofInstant(Instant.ofEpochMilli(writtenAt), ZoneOffset.UTC));
        Cell cell = new Cell(condition.get(), Cell.isoWeek(day), documents.area(patient));
        String token = LinkageTokens.token(key, documents.demographics(patient));
        byte[] document = documents.buildJson(reportId, Instant.ofEpochMilli(writtenAt), reporter.org(),
                inForce.authorityOrg(), patient, findingJson, encounter);
        byte[] nonce = new byte[Cell.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] authorityKey = records.orgEncryptionKey(reporter.signer(), inForce.authorityOrg());
        ClaimSealer.Sealed sealed = ClaimSealer.seal(reportContext(reportId), new ReportContent(reportId,
                new String(document, StandardCharsets.UTF_8), cell, token), nonce,
                Map.of(inForce.authorityOrg(), authorityKey));
        SubmitResponse r = submit(reporter.signer(), "submitReport", new HealthArgs.SubmitReport(reportId, patientId,
                recordId, inForce.list().version(), epoch, cell.commitment(nonce), sealed.ciphertextSha256(),
                sealed.keysSha256()), List.of(sealed.ciphertext(), sealed.keys()));
        Reported out = new Reported(reportId, recordId, condition.get(), r);
        reported.add(out);
        return Optional.of(out);
    }

    /** The org's linkage key of an epoch, unwrapped with the org's key (cached). */
    public byte[] linkageKey(Author reporter, long epoch) {
        return linkageKeys.computeIfAbsent(reporter.org() + "/" + epoch, k -> {
            HealthBlob b = as(reporter.signer()).get("v1/publichealth/keys/" + epoch + "/" + reporter.org(),
                    HealthBlob.class);
            return KeyWrap.unwrap(Base64.getDecoder().decode(b.data()), reporter.requireOrgKey(),
                    linkageContext(epoch, reporter.org()).getBytes(StandardCharsets.UTF_8));
        });
    }

    // ---- reads ----

    public List<HealthStates.Triggers> triggerLists(TxSigner caller) {
        HealthStateList l = as(caller).get("v1/publichealth/triggers", HealthStateList.class);
        return l.items().stream().map(n -> decode(n, HealthStates.Triggers.class)).toList();
    }

    public long epoch(TxSigner caller) {
        return decode(as(caller).get("v1/publichealth/epoch", HealthStateView.class).state(), HealthStates.Epoch.class)
                .epoch();
    }

    /** The reports the caller's org sent or received (of one status, or all with null), oldest first. */
    public List<HealthStates.CaseReport> reports(TxSigner caller, ReportStatus status) {
        HealthStateList l = as(caller).get("v1/publichealth/reports" + (status == null ? "" : "?status=" + status),
                HealthStateList.class);
        return l.items().stream().map(n -> decode(n, HealthStates.CaseReport.class)).toList();
    }

    public HealthStates.CaseReport report(TxSigner caller, String reportId) {
        return decode(as(caller).get("v1/publichealth/reports/" + reportId, HealthStateView.class).state(),
                HealthStates.CaseReport.class);
    }

    public HealthStates.Aggregate aggregate(TxSigner caller, String aggregateId) {
        return decode(as(caller).get("v1/publichealth/aggregates/" + aggregateId, HealthStateView.class).state(),
                HealthStates.Aggregate.class);
    }

    /** The aggregate's MeasureReport, checked against the hash the ledger names. */
    public byte[] measureReport(TxSigner caller, String aggregateId) {
        HealthBlob b = as(caller).get("v1/publichealth/aggregates/" + aggregateId + "/measure-report",
                HealthBlob.class);
        return checked(b);
    }

    /** A sealed blob of a report, checked against its SHA-256. */
    public byte[] blob(TxSigner caller, String reportId, String sha256) {
        HealthBlob b = as(caller).get("v1/publichealth/reports/" + reportId + "/blobs/" + sha256, HealthBlob.class);
        if (!b.sha256().equals(sha256)) {
            throw new CareledgerException("BAD_RESPONSE", "the node served another blob than " + sha256);
        }
        return checked(b);
    }

    private static byte[] checked(HealthBlob b) {
        byte[] data = Base64.getDecoder().decode(b.data());
        if (!Hash.sha256(data).hex().equals(b.sha256())) {
            throw new CareledgerException("BAD_RESPONSE", "the node served a blob that is not " + b.sha256());
        }
        return data;
    }

    private static <T> T decode(JsonNode n, Class<T> type) {
        return CanonicalJson.decode(CanonicalJson.encode(n), type);
    }

    private SubmitResponse submit(TxSigner signer, String method, Object args, List<byte[]> blobs) {
        var tx = signer.sign(PublicHealthContract.NAME, method, args);
        return Submissions.requireValid(blobs.isEmpty() ? as(signer).submit(tx, Wait.COMMIT)
                : as(signer).submitWithBlobs(tx, blobs, Wait.COMMIT), "publichealth." + method);
    }
}
