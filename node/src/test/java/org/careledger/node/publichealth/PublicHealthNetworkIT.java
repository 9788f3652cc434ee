package org.careledger.node.publichealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.client.publichealth.PublicHealthClient;
import org.careledger.client.records.Author;
import org.careledger.client.records.PatientWallet;
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
import org.careledger.core.publichealth.PublishedTable;
import org.careledger.core.publichealth.Suppression;
import org.careledger.core.publichealth.Trigger;
import org.careledger.core.publichealth.TriggerList;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.IdentifierScan;
import org.careledger.fhir.publichealth.AggregateMeasureReport;
import org.careledger.node.FourOrgNetwork;
import org.careledger.node.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 on a 4-node Raft network (real RocksDB, TLS on loopback), through the SDK: the authority publishes a trigger
 * list and distributes the linkage key; a Synthea patient's history is imported at hospital-a and again at hospital-b
 * (two pseudonyms, one person), eleven small patients at hospital-a; every matching Condition/Observation is reported
 * automatically, one report per matching resource per condition; the authority links the one person once, publishes an
 * aggregate with a suppressed small cell that a member org reads and checks, and that an auditor org given the report
 * keys recomputes (catching a forged split of the same cases); the patient's disclosure report shows the
 * PUBHLTH disclosures; no name, birth date, address or MRN of the input is in any node file or in the nodes' log.
 */
class PublicHealthNetworkIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BUNDLE = "/org/careledger/fhir/synthea/synthea-patient-1.json";
    private static final String AUTHORITY = "health-dept";
    private static final List<String> ORGS = List.of("hospital-a", "hospital-b", "pharmacy-c", AUTHORITY + "=authority");
    private static final TriggerList LIST = new TriggerList(1, 0, List.of(
            new Trigger(TriggerList.LOINC, "8310-5", "febrile-illness"),
            new Trigger(TriggerList.SNOMED, "66383009", "gingivitis"),
            new Trigger(TriggerList.SNOMED, "840539006", "covid-19")));
    private static final int SMALL_PATIENTS = 11;

    @TempDir
    static Path dir;
    private static TestNetwork net;
    private static FourOrgNetwork network;
    private static final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private static PrintStream out;
    private static PrintStream err;

    @BeforeAll
    static void fourNodes() {
        // everything the nodes print (logback's console appender writes to System.out/err at call time) is scanned too
        out = System.out;
        err = System.err;
        System.setOut(new PrintStream(new Tee(out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err), true, StandardCharsets.UTF_8));
        network = FourOrgNetwork.start(dir, ORGS);
        net = network.net;
        network.awaitLeader();
        phase("network start");
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
        System.setOut(out);
        System.setErr(err);
    }

    @Test
    void casesAreReportedOncePerFindingLinkedAcrossProvidersAndAggregatedWithoutSmallCells() throws IOException {
        TxSigner drA = member("hospital-a", "dr-ames", "physician");
        TxSigner drB = member("hospital-b", "dr-bell", "physician");
        TxSigner epi = member(AUTHORITY, "epi", "epidemiologist");
        TxSigner clerk = member("pharmacy-c", "clerk", "pharmacist");
        Author hospitalA = new Author(drA, "hospital-a", orgKey("hospital-a"));
        Author hospitalB = new Author(drB, "hospital-b", orgKey("hospital-b"));
        Author authority = new Author(epi, AUTHORITY, orgKey(AUTHORITY));

        // the authority: trigger list v1 and the linkage key of epoch 1 for both hospitals
        PublicHealthClient health = new PublicHealthClient(client(AUTHORITY));
        health.publishTriggers(epi, LIST);
        byte[] linkageKey = PublicHealthClient.newLinkageKey();
        health.distributeKey(epi, 1, linkageKey, "hospital-a");
        health.distributeKey(epi, 1, linkageKey, "hospital-b");
        assertThatThrownBy(() -> health.distributeKey(epi, 1, linkageKey, "pharmacy-c"))
                .isInstanceOfSatisfying(CareledgerException.class, x -> assertThat(x.code())
                        .isEqualTo("HEALTH_ORG_INVALID"));

        phase("setup");
        // each hospital's SDK reports automatically while it imports
        RecordsClient recordsA = new RecordsClient(client("hospital-a"));
        RecordsClient recordsB = new RecordsClient(client("hospital-b"));
        PublicHealthClient reporterA = new PublicHealthClient(client("hospital-a"));
        PublicHealthClient reporterB = new PublicHealthClient(client("hospital-b"));
        recordsA.withHook(reporterA.hook(hospitalA));
        recordsB.withHook(reporterB.hook(hospitalB));

        byte[] synthea;
        try (InputStream in = PublicHealthNetworkIT.class.getResourceAsStream(BUNDLE)) {
            synthea = in.readAllBytes();
        }
        Map<String, Integer> expected = new TreeMap<>();
        PatientWallet atA = PatientWallet.create(dir.resolve("wallet-a"), net.genesis.chainId(), RANDOM);
        recordsA.registerPatient(drA, atA);
        recordsA.importBundle(hospitalA, atA, synthea);
        add(expected, matching(synthea));
        phase("import at hospital-a");
        PatientWallet atB = PatientWallet.create(dir.resolve("wallet-b"), net.genesis.chainId(), RANDOM);
        recordsB.registerPatient(drB, atB);
        recordsB.importBundle(hospitalB, atB, synthea);
        add(expected, matching(synthea));
        phase("import at hospital-b");
        List<byte[]> small = new ArrayList<>();
        List<java.util.concurrent.Future<?>> imports = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < SMALL_PATIENTS; i++) {
                byte[] bundle = smallPatient(i);
                small.add(bundle);
                add(expected, matching(bundle));
                Path walletDir = dir.resolve("wallet-s" + i);
                imports.add(pool.submit(() -> {
                    PatientWallet w = PatientWallet.create(walletDir, net.genesis.chainId(), RANDOM);
                    recordsA.registerPatient(drA, w);
                    recordsA.importBundle(hospitalA, w, bundle);
                    return null;
                }));
            }
            for (var f : imports) {
                f.get();
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("a small patient's import failed", e);
        }
        phase("small patients");
        assertThat(reporterA.failures()).isEmpty();
        assertThat(reporterB.failures()).isEmpty();
        assertThat(expected).containsEntry("febrile-illness", 2 + 2 + SMALL_PATIENTS).containsEntry("gingivitis", 4)
                .doesNotContainKey("covid-19");

        // the number of case reports per condition is the number of matching resources in the input
        List<PublicHealthClient.Opened> opened = health.open(authority, null);
        Map<String, Integer> reported = new TreeMap<>();
        opened.forEach(o -> reported.merge(o.content().cell().condition(), 1, Integer::sum));
        assertThat(reported).isEqualTo(expected);
        Map<String, Integer> bySdk = new TreeMap<>();
        for (PublicHealthClient.Reported r : concat(reporterA.reported(), reporterB.reported())) {
            bySdk.merge(r.condition(), 1, Integer::sum);
        }
        assertThat(bySdk).isEqualTo(expected);
        assertThat(opened).allSatisfy(o -> assertThat(o.content().document()).contains("\"55751-2\""));

        phase("open reports");
        // the same person at two providers: two pseudonyms, one token; every other person another token
        Set<String> tokensOfOne = new HashSet<>();
        Set<String> others = new HashSet<>();
        for (PublicHealthClient.Opened o : opened) {
            String p = o.state().patientId();
            (p.equals(atA.patientId()) || p.equals(atB.patientId()) ? tokensOfOne : others)
                    .add(o.content().linkageToken());
        }
        assertThat(tokensOfOne).hasSize(1);
        assertThat(others).hasSize(SMALL_PATIENTS).doesNotContainAnyElementsOf(tokensOfOne);
        assertThat(opened.stream().filter(o -> o.state().patientId().equals(atB.patientId()))
                .map(o -> o.state().reporterOrg()).distinct().toList()).containsExactly("hospital-b");

        // the patient sees each case report in its disclosure report, purpose PUBHLTH, no consent asked
        var disclosures = recordsA.disclosures(atA.signer(), atA.patientId());
        int pubhlth = 0;
        for (var d : disclosures.disclosures()) {
            if (d.disclosure().purpose().equals("PUBHLTH")) {
                assertThat(d.disclosure().decision()).isEqualTo("PUBLIC_HEALTH");
                assertThat(d.disclosure().accessorOrg()).isEqualTo(AUTHORITY);
                pubhlth++;
            }
        }
        assertThat(pubhlth).isEqualTo(opened.stream().filter(o -> o.state().patientId().equals(atA.patientId()))
                .count()).isEqualTo(4);

        // the authority answers every report; the outbreak view counts the linked person once
        health.respond(epi, opened.stream().map(o -> o.state().reportId()).toList(), ReportStatus.REPORTABLE);
        var outbreak = health.outbreak(authority);
        assertThat(sum(outbreak.get("febrile-illness"))).isEqualTo(1 + SMALL_PATIENTS);
        assertThat(sum(outbreak.get("gingivitis"))).isEqualTo(1);

        phase("respond + outbreak");
        // the aggregate: every REPORTABLE report of the period, a published cell of 11 and suppressed small cells
        long end = opened.stream().mapToLong(o -> o.state().reportedAtMillis()).max().orElseThrow() + 1;
        PublicHealthClient.Published published = health.publishAggregate(authority, "agg-it", 0, end);
        HealthStates.Aggregate aggregate = published.aggregate();
        assertThat(aggregate.reportIds()).hasSize(opened.size());
        assertThat(aggregate.cases()).isEqualTo(1 + SMALL_PATIENTS + 1);
        PublishedTable febrile = aggregate.tables().stream().filter(t -> t.condition().equals("febrile-illness"))
                .findFirst().orElseThrow();
        assertThat(febrile.cells().stream().flatMap(List::stream).toList()).contains(SMALL_PATIENTS).containsNull();
        assertThat(febrile.suppressedCount()).isGreaterThanOrEqualTo(3);
        for (PublishedTable t : aggregate.tables()) {
            assertThat(Suppression.check(t)).isNull();
            assertThat(t.cells().stream().flatMap(List::stream).filter(n -> n != null && n >= 1 && n <= 10)).isEmpty();
        }

        phase("aggregate");
        // a member org without any key reads the same aggregate and MeasureReport on its own node, not the reports
        PublicHealthClient member = new PublicHealthClient(client("pharmacy-c"));
        assertThat(member.aggregate(clerk, "agg-it")).isEqualTo(aggregate);
        assertThat(member.measureReport(clerk, "agg-it")).isEqualTo(published.measureReport());
        assertThat(new String(published.measureReport(), StandardCharsets.UTF_8)).contains("\"summary\"", "masked");
        String someReport = opened.get(0).state().reportId();
        for (Runnable read : List.<Runnable>of(() -> member.report(clerk, someReport),
                () -> member.blob(clerk, someReport, opened.get(0).state().ciphertextSha256()))) {
            assertThatThrownBy(read::run).isInstanceOfSatisfying(CareledgerException.class, x -> assertThat(x.code())
                    .isEqualTo("FORBIDDEN"));
        }
        assertThat(member.reports(clerk, null)).isEmpty();

        phase("member reads");
        // an auditor org: the authority wraps the counted reports' keys for pharmacy-c, which recomputes the aggregate
        health.shareAudit(authority, "agg-it", "pharmacy-c");
        Author auditor = new Author(clerk, "pharmacy-c", orgKey("pharmacy-c"));
        PublicHealthClient.Audit audit = member.audit(auditor, "agg-it");
        assertThat(audit.reportsOpened()).isEqualTo(opened.size());
        assertThat(audit.recomputed().cases()).isEqualTo(aggregate.cases());
        assertThat(audit.recomputed().tables()).isEqualTo(aggregate.tables());
        // a dishonest authority moves the linked person's fever into the published cell of 11 (12 there, the same
        // number of cases, tables that pass every node's suppression check): the auditor's recount catches it
        String smallReport = opened.stream().filter(o -> !tokensOfOne.contains(o.content().linkageToken()))
                .filter(o -> o.content().cell().condition().equals("febrile-illness")).findFirst().orElseThrow()
                .state().reportId();
        List<CaseEntry> entries = PublicHealthClient.entries(health.open(authority, ReportStatus.REPORTABLE));
        Cell crowded = entries.stream().filter(e -> e.reportId().equals(smallReport)).findFirst().orElseThrow().cell();
        List<CaseEntry> moved = entries.stream().map(e -> tokensOfOne.contains(e.linkageToken())
                && e.cell().condition().equals(crowded.condition())
                ? new CaseEntry(e.reportId(), e.linkageToken(), crowded, e.reportedAtMillis()) : e).toList();
        Aggregation.Aggregate forged = Aggregation.aggregate(moved);
        assertThat(forged.cases()).isEqualTo(aggregate.cases());
        assertThat(forged.tables().stream().filter(t -> t.condition().equals(crowded.condition())).findFirst()
                .orElseThrow().cells().stream().flatMap(List::stream).toList()).contains(SMALL_PATIENTS + 1);
        byte[] forgedReport = AggregateMeasureReport.json(FhirR4.shared(), "agg-forged", AUTHORITY,
                java.time.Instant.ofEpochMilli(end), java.time.Instant.EPOCH, java.time.Instant.ofEpochMilli(end),
                forged.tables());
        var forgedTx = epi.sign(PublicHealthContract.NAME, "publishAggregate", new HealthArgs.PublishAggregate(
                "agg-forged", 0, end, aggregate.reportIds(), forged.cases(), forged.tables(),
                Hash.sha256(forgedReport).hex()));
        var accepted = client(AUTHORITY).as(epi.requestSigner()).submitWithBlobs(forgedTx, List.of(forgedReport),
                Wait.COMMIT);
        assertThat(accepted.valid()).as("the ledger alone cannot see the split: " + accepted.message()).isTrue();
        health.shareAudit(authority, "agg-forged", "pharmacy-c");
        assertThatThrownBy(() -> member.audit(auditor, "agg-forged")).isInstanceOfSatisfying(CareledgerException.class,
                x -> assertThat(x.code() + ": " + x.getMessage()).startsWith("HEALTH_AUDIT_MISMATCH: aggregate"
                        + " agg-forged of " + AUTHORITY + " does not recompute from its reports: febrile-illness "));
        phase("audit");
        // no name, birth date, address or MRN of the input in any node file or in the nodes' log
        Set<String> secrets = new TreeSet<>();
        for (byte[] bundle : concat(List.of(synthea), small)) {
            secrets.addAll(IdentifierScan.identifying(bundle));
        }
        assertThat(secrets).hasSizeGreaterThan(5 * (SMALL_PATIENTS + 1));
        List<String> found = new ArrayList<>(IdentifierScan.inFiles(dir.resolve("net"), secrets));
        found.addAll(IdentifierScan.inText(log.toString(StandardCharsets.UTF_8), "the nodes' log", secrets));
        phase("scan");
        assertThat(found).as("identifying input in node files or logs").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static long phaseStart = System.nanoTime();

    /** Phase durations on the console: where this IT spends its time on a loaded machine. */
    private static void phase(String done) {
        long now = System.nanoTime();
        System.out.printf(java.util.Locale.ROOT, "PublicHealthNetworkIT: %s took %.1f s%n", done,
                (now - phaseStart) / 1e9);
        phaseStart = now;
    }

    /** Per condition, the Conditions and Observations of the Bundle with a code on the list. */
    private static Map<String, Integer> matching(byte[] bundle) {
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode e : CanonicalJson.tree(bundle).get("entry")) {
            JsonNode r = e.get("resource");
            String type = r.get("resourceType").asText();
            if (!type.equals("Condition") && !type.equals("Observation")) {
                continue;
            }
            List<TriggerList.Coding> codes = new ArrayList<>();
            r.path("code").path("coding").forEach(c -> codes.add(new TriggerList.Coding(c.get("system").asText(),
                    c.get("code").asText())));
            LIST.matchAny(codes).ifPresent(c -> out.merge(c, 1, Integer::sum));
        }
        return out;
    }

    private static void add(Map<String, Integer> into, Map<String, Integer> more) {
        more.forEach((k, v) -> into.merge(k, v, Integer::sum));
    }

    private static int sum(Map<String, ? extends Map<String, Integer>> weeks) {
        return weeks.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> out = new ArrayList<>();
        for (List<T> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    /** A small patient: Patient, Encounter and a body temperature in ISO week 2026-W45, ZIP 019xx. */
    private static byte[] smallPatient(int i) {
        var json = CanonicalJson.mapper();
        String letter = String.valueOf((char) ('a' + i));
        String pid = "00000000-0000-4000-8000-0000000000" + String.format("%02d", i);
        String eid = "00000000-0000-4000-9000-0000000000" + String.format("%02d", i);
        String oid = "00000000-0000-4000-a000-0000000000" + String.format("%02d", i);
        ObjectNode bundle = json.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
        ArrayNode entry = bundle.putArray("entry");
        ObjectNode patient = json.createObjectNode().put("resourceType", "Patient").put("id", pid)
                .put("gender", i % 2 == 0 ? "female" : "male").put("birthDate", "19" + (50 + i) + "-0" + (1 + i % 9)
                        + "-1" + (i % 10));
        ObjectNode mrn = patient.putArray("identifier").addObject();
        mrn.putObject("type").putArray("coding").addObject().put("system", "http://terminology.hl7.org/CodeSystem/v2-0203")
                .put("code", "MR");
        mrn.put("system", "http://hospital.example.org").put("value", "MRN-HARBOR-" + letter + "-4471");
        ObjectNode name = patient.putArray("name").addObject().put("use", "official").put("family", "Quillfeather"
                + letter);
        name.putArray("given").add("Ottoline" + letter);
        ObjectNode address = patient.putArray("address").addObject().put("city", "Marblehead" + letter)
                .put("state", "MA").put("postalCode", "01945");
        address.putArray("line").add((100 + i) + " Lighthouse Wharf Road");
        ObjectNode encounter = json.createObjectNode().put("resourceType", "Encounter").put("id", eid)
                .put("status", "finished");
        encounter.putObject("class").put("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode").put("code", "AMB");
        encounter.putObject("subject").put("reference", "urn:uuid:" + pid);
        encounter.putObject("period").put("start", "2026-11-03T09:00:00Z").put("end", "2026-11-03T10:00:00Z");
        ObjectNode obs = json.createObjectNode().put("resourceType", "Observation").put("id", oid).put("status", "final");
        obs.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", "8310-5");
        obs.putObject("subject").put("reference", "urn:uuid:" + pid);
        obs.putObject("encounter").put("reference", "urn:uuid:" + eid);
        obs.put("effectiveDateTime", "2026-11-03T09:30:00Z");
        obs.putObject("valueQuantity").put("value", 38.9).put("unit", "Cel").put("system", "http://unitsofmeasure.org")
                .put("code", "Cel");
        for (var r : List.of(patient, encounter, obs)) {
            entry.addObject().put("fullUrl", "urn:uuid:" + r.get("id").asText()).set("resource", r);
        }
        return CanonicalJson.encode(bundle);
    }

    private static EncryptionKeyPair orgKey(String org) {
        return KeyFiles.readEncryptionKey(net.layout.orgEncryptionKey(org));
    }

    private static TxSigner member(String org, String name, String role) {
        return network.member(org, name, role);
    }

    /** A client of {@code org}'s node sharing the test's read session, so each call sees the writes before it. */
    private static CareledgerClient client(String org) {
        return network.client(org, null);
    }

    /** Writes through to the real stream and keeps a copy to scan. */
    private static final class Tee extends OutputStream {
        private final OutputStream through;

        Tee(OutputStream through) {
            this.through = through;
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (log) {
                log.write(b);
            }
            through.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (log) {
                log.write(b, off, len);
            }
            through.write(b, off, len);
        }
    }
}
