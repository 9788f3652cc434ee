package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.auth.NodeTrust;
import org.careledger.client.publichealth.PublicHealthClient;
import org.careledger.contracts.publichealth.HealthArgs;
import org.careledger.contracts.publichealth.PublicHealthContract;
import org.careledger.contracts.publichealth.ReportStatus;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.publichealth.Aggregation;
import org.careledger.core.publichealth.CaseEntry;
import org.careledger.core.publichealth.PublishedTable;
import org.careledger.core.publichealth.Trigger;
import org.careledger.core.publichealth.TriggerList;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.IdentifierScan;
import org.careledger.fhir.SyntheaBundles;
import org.careledger.fhir.publichealth.AggregateMeasureReport;
import org.careledger.node.NodeAssembly;
import org.careledger.node.network.NetworkLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code careledger health …} against a real node (RocksDB, TLS on loopback), as the authority and the hospitals run
 * it: a trigger list published and listed, the linkage key distributed (a pharmacy and a hospital refused), two
 * Synthea Bundles imported with automatic case reports (one person at two hospitals), the reports answered, the outbreak
 * view, an aggregate with its small cells suppressed, an auditor org recomputing it and catching a tampered count and a
 * tampered MeasureReport; every refusal printed as
 * {@code CODE: sentence}; no name, birth date, address or MRN of the input in the node directory or the CLI output.
 */
class HealthCommandIT {
    private static final String AUTHORITY = "health-dept";
    private static final TriggerList LIST = new TriggerList(1, 0, List.of(
            new Trigger(TriggerList.LOINC, "8310-5", "febrile-illness"),
            new Trigger(TriggerList.SNOMED, "66383009", "gingivitis"),
            new Trigger(TriggerList.SNOMED, "840539006", "covid-19")));
    private static final Pattern REPORTED = Pattern.compile("^reported (cr-\\S+) \\((\\S+)\\) of record \\S+$",
            Pattern.MULTILINE);

    @TempDir
    static Path dir;
    static OneNodeNetwork network;
    static NetworkLayout layout;
    static NodeAssembly node;

    @BeforeAll
    static void network() {
        network = OneNodeNetwork.start(dir, "careledger-health-cli", List.of("hospital-a", "hospital-b", "pharmacy-c",
                AUTHORITY + "=authority"));
        layout = network.layout;
        node = network.node;
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
    }

    /**
     * {@code health report}, run again if the node was unreachable (on a loaded machine a connection can time out): the
     * import resumes where it stopped, each resource written and reported once. The output of every run.
     */
    private static String reportResuming(Path bundle, Path wallet, String as) {
        StringBuilder out = new StringBuilder();
        for (int attempt = 1; ; attempt++) {
            CliRunner.Result r = network.command("health", "report", bundle, "--wallet", wallet, "--as", as);
            out.append(r.out());
            if (r.exitCode() == 0) {
                return out.toString();
            }
            assertThat(r.err()).as(r.all()).startsWith("NODE_UNREACHABLE: ");
            assertThat(attempt).as("the node stayed unreachable: " + r.all()).isLessThan(3);
            System.out.println("the node was unreachable; running the import again, as a user would");
        }
    }

    private static String refusedWith(String code, Object... args) {
        network.refused(code, args);
        String printed = network.transcript();
        return printed.substring(printed.lastIndexOf(code + ": "));
    }

    /** publishAggregate signed by the authority with the given counts and the MeasureReport of other tables. */
    private static void publish(PublicHealthClient sdk, CliIdentity authority, String id, long to, List<String> ids,
                                Aggregation.Aggregate counts, Aggregation.Aggregate measured) {
        byte[] measureReport = AggregateMeasureReport.json(FhirR4.shared(), id, AUTHORITY, Instant.ofEpochMilli(to),
                Instant.EPOCH, Instant.ofEpochMilli(to), measured.tables());
        var tx = authority.signer().sign(PublicHealthContract.NAME, "publishAggregate", new HealthArgs.PublishAggregate(
                id, 0, to, ids, counts.cases(), counts.tables(), Hash.sha256(measureReport).hex()));
        var r = sdk.as(authority.signer()).submitWithBlobs(tx, List.of(measureReport), Wait.COMMIT);
        assertThat(r.valid()).as(r.message()).isTrue();
    }

    @Test
    void theAuthorityAndTheHospitalsFromTheCommandLine() throws IOException {
        Path net = layout.root();
        String url = node.apiUrl();
        for (String[] m : new String[][] {{"hospital-a", "dr-a", "physician"}, {"hospital-b", "dr-b", "physician"},
                {AUTHORITY, "epi", "epidemiologist"}, {"pharmacy-c", "clerk", "pharmacist"}}) {
            CliRunner.Result r = CliRunner.run("member", "add", net, m[0], m[1], "--role", m[2], "--node", url);
            assertThat(r.exitCode()).as(r.all()).isZero();
        }
        String epi = AUTHORITY + "/epi";
        String drA = "hospital-a/dr-a";
        String drB = "hospital-b/dr-b";
        String clerk = "pharmacy-c/clerk";

        // 1. the trigger list: refused from a missing or malformed file and from a hospital; published; listed by all
        Path list = Files.write(dir.resolve("triggers.json"), CanonicalJson.encode(LIST));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"version\": ");
        network.refused("FILE_UNREADABLE", "health", "triggers", "--publish", dir.resolve("missing.json"), "--as", epi);
        network.refused("MALFORMED_JSON", "health", "triggers", "--publish", broken, "--as", epi);
        network.refused("HEALTH_NOT_AUTHORITY", "health", "triggers", "--publish", list, "--as", drA);
        assertThat(network.ok("health", "triggers", "--publish", list, "--as", epi).out())
                .contains("trigger list version 1 (3 codes) published at height ");
        network.refused("HEALTH_TRIGGERS_VERSION_INVALID", "health", "triggers", "--publish", list, "--as", epi);
        assertThat(network.ok("health", "triggers", "--as", clerk).out()).contains("version 1 in force from "
                + Instant.EPOCH + " by " + AUTHORITY + ": 3 codes", "http://loinc.org|8310-5 -> febrile-illness",
                "http://snomed.info/sct|66383009 -> gingivitis");

        // 2. the linkage key of epoch 1 to both hospitals; not to a pharmacy, not by a hospital
        Path keyFile = dir.resolve("linkage-1.key");
        network.refused("HEALTH_NOT_AUTHORITY", "health", "key", "--as", drA, "--epoch", "1", "--to", "hospital-a",
                "--key-file", keyFile);
        assertThat(Files.size(keyFile)).isEqualTo(32);
        assertThat(Files.getPosixFilePermissions(keyFile).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        network.refused("HEALTH_ORG_INVALID", "health", "key", "--as", epi, "--epoch", "1", "--to", "pharmacy-c",
                "--key-file", keyFile);
        assertThat(network.ok("health", "key", "--as", epi, "--epoch", "1", "--to", "hospital-a,hospital-b", "--key-file",
                keyFile).out()).contains("linkage key of epoch 1 wrapped for hospital-a at height ",
                "linkage key of epoch 1 wrapped for hospital-b at height ");
        network.refused("HEALTH_EPOCH_INVALID", "health", "key", "--as", epi, "--epoch", "1", "--to", "hospital-a",
                "--key-file", keyFile);
        network.refused("USAGE", "health", "key", "--as", epi, "--epoch", "2", "--to", "hospital-a", "--key-file", broken);

        // 3. imports with automatic reports: patient 1 at both hospitals (one person, two pseudonyms), patient 2 at A
        Path bundles = SyntheaBundles.directory();
        network.refused("FILE_UNREADABLE", "health", "report", dir.resolve("missing-bundle.json"), "--wallet",
                dir.resolve("w-none"), "--as", drA);
        Map<String, Integer> expected = new TreeMap<>();
        Map<String, Set<String>> persons = new TreeMap<>();
        Map<String, Integer> reported = new TreeMap<>();
        List<String> reportIds = new ArrayList<>();
        String[][] imports = {{"synthea-patient-1.json", drA}, {"synthea-patient-1.json", drB},
                {"synthea-patient-2.json", drA}};
        for (int i = 0; i < imports.length; i++) {
            Path wallet = dir.resolve("wallet-" + i);
            String name = imports[i][0];
            network.ok("patient", "create", wallet, "--by", imports[i][1]);
            String out = reportResuming(bundles.resolve(imports[i][0]), wallet, imports[i][1]);
            Map<String, Integer> matching = matching(SyntheaBundles.read(imports[i][0]));
            matching.forEach((c, n) -> {
                expected.merge(c, n, Integer::sum);
                persons.computeIfAbsent(c, k -> new TreeSet<>()).add(name);
            });
            Matcher m = REPORTED.matcher(out);
            int here = 0;
            while (m.find()) {
                reportIds.add(m.group(1));
                reported.merge(m.group(2), 1, Integer::sum);
                here++;
            }
            int total = matching.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(out).contains(" case reports, 0 failed").doesNotContain("NOT REPORTED");
            assertThat(here).isEqualTo(total);
        }
        // the count of reports per condition is the count of matching Conditions/Observations of the input
        assertThat(expected).containsKeys("febrile-illness").doesNotContainKey("covid-19");
        assertThat(reported).isEqualTo(expected);
        assertThat(reportIds).doesNotHaveDuplicates();

        // 4. the responses: not by a hospital, not to an unknown report, each once
        network.refused("HEALTH_NOT_AUTHORITY", "health", "response", reportIds.get(0), "--as", drA, "--status",
                "REPORTABLE");
        network.refused("HEALTH_REPORT_UNKNOWN", "health", "response", "cr-no-such-report", "--as", epi, "--status",
                "REPORTABLE");
        assertThat(network.ok("health", "response", reportIds.getFirst(), "--as", epi, "--status", "REPORTABLE").out())
                .contains("report " + reportIds.getFirst() + " answered REPORTABLE at height ");
        List<Object> rest = new ArrayList<>(List.of("health", "response"));
        rest.addAll(reportIds.subList(1, reportIds.size()));
        rest.addAll(List.of("--as", epi, "--status", "REPORTABLE"));
        String answered = network.ok(rest.toArray()).out();
        for (String id : reportIds.subList(1, reportIds.size())) {
            assertThat(answered).contains("report " + id + " answered REPORTABLE at height ");
        }
        network.refused("HEALTH_RESPONSE_INVALID", "health", "response", reportIds.get(0), "--as", epi, "--status",
                "NOT_REPORTABLE");

        // 5. the outbreak view: each person once per condition (patient 1's two reports linked)
        network.refused("HEALTH_NOT_AUTHORITY", "health", "cases", "--as", drA);
        String cases = network.ok("health", "cases", "--as", epi).out();
        Map<String, Integer> distinct = new TreeMap<>();
        for (String line : cases.lines().filter(l -> l.matches("\\S+ \\d{4}-W\\d{2} \\S+ \\d+")).toList()) {
            String[] f = line.split(" ");
            distinct.merge(f[0], Integer.parseInt(f[3]), Integer::sum);
        }
        Map<String, Integer> people = new TreeMap<>();
        persons.forEach((c, p) -> people.put(c, p.size()));
        assertThat(distinct).isEqualTo(people);
        assertThat(network.ok("health", "cases", "--as", epi, "--condition", "gingivitis").out().lines()
                .filter(l -> l.startsWith("febrile-illness "))).isEmpty();

        // 6. the aggregate: all its counts are small, so every cell and total is shown suppressed
        String end = Instant.now().toString();
        network.refused("USAGE", "health", "aggregate", "agg-1", "--as", epi, "--from", "1970-01-01T00:00:00Z");
        network.refused("HEALTH_NOT_AUTHORITY", "health", "aggregate", "agg-1", "--as", drA, "--from",
                "1970-01-01T00:00:00Z", "--to", end);
        String published = network.ok("health", "aggregate", "agg-1", "--as", epi, "--from", "1970-01-01T00:00:00Z", "--to",
                end).out();
        int casesTotal = people.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(published).contains("aggregate agg-1 by " + AUTHORITY + ": " + casesTotal + " cases from "
                + reportIds.size() + " reports, MeasureReport ", "<suppressed>");
        Matcher shown = Pattern.compile("=(\\d+)|total (\\d+)| \\| (\\d+)").matcher(published);
        while (shown.find()) {
            String n = shown.group(1) != null ? shown.group(1) : shown.group(2) != null ? shown.group(2)
                    : shown.group(3);
            assertThat(Integer.parseInt(n) == 0 || Integer.parseInt(n) > 10).as("a published count " + n + " in "
                    + published).isTrue();
        }
        for (String condition : people.keySet()) {
            assertThat(published).contains(condition + " total <suppressed>");
        }
        // a member org without any key reads the same aggregate on the ledger
        assertThat(network.ok("health", "aggregate", "agg-1", "--as", clerk).out()).isEqualTo(published
                .substring(published.indexOf("aggregate agg-1 by ")));
        network.refused("NOT_FOUND", "health", "aggregate", "agg-none", "--as", clerk);
        network.refused("HEALTH_AGGREGATE_EXISTS", "health", "aggregate", "agg-1", "--as", epi, "--from",
                "1970-01-01T00:00:00Z", "--to", end);

        // 7. audit: the authority recomputes with its own keys, an auditor org once the authority shares them
        network.refused("NOT_FOUND", "health", "audit", "agg-1", "--as", clerk);
        network.refused("HEALTH_NOT_AUTHORITY", "health", "audit", "agg-1", "--as", drA, "--share-with", "pharmacy-c");
        String matches = "from " + reportIds.size() + " reports: " + casesTotal + " cases, " + people.size()
                + " tables and the MeasureReport ";
        assertThat(network.ok("health", "audit", "agg-1", "--as", epi).out()).contains("aggregate agg-1 recomputed by "
                + AUTHORITY + " " + matches);
        assertThat(network.ok("health", "audit", "agg-1", "--as", epi, "--share-with", "pharmacy-c").out())
                .contains("keys of the reports of aggregate agg-1 wrapped for pharmacy-c at height ");
        network.refused("HEALTH_AGGREGATE_EXISTS", "health", "audit", "agg-1", "--as", epi, "--share-with", "pharmacy-c");
        assertThat(network.ok("health", "audit", "agg-1", "--as", clerk).out()).contains("aggregate agg-1 recomputed by"
                + " pharmacy-c " + matches);
        // a dishonest authority: one case more than its reports make, in tables that pass every node's suppression
        // check; then the honest tables with a MeasureReport of other counts. The auditor's recount catches both
        CliIdentity authority = CliIdentity.load(net, epi);
        PublicHealthClient sdk = new PublicHealthClient(new CareledgerClient(url, null,
                NodeTrust.fromGenesis(layout.genesis()), null));
        List<CaseEntry> entries = new ArrayList<>(PublicHealthClient.entries(sdk.open(authority.author(),
                ReportStatus.REPORTABLE)));
        Aggregation.Aggregate honest = Aggregation.aggregate(entries);
        CaseEntry some = entries.getFirst();
        entries.add(new CaseEntry("cr-forged", "forged-token", some.cell(), some.reportedAtMillis()));
        Aggregation.Aggregate forged = Aggregation.aggregate(entries);
        assertThat(forged.cases()).isEqualTo(honest.cases() + 1);
        List<String> ids = reportIds.stream().sorted().toList();
        long to = Instant.parse(end).toEpochMilli();
        publish(sdk, authority, "agg-forged", to, ids, forged, forged);
        // (the forged counts above are all suppressed, so their MeasureReport looks like the honest one: this one
        // shows a total the reports do not make)
        PublishedTable first = honest.tables().getFirst();
        Aggregation.Aggregate otherTotal = new Aggregation.Aggregate(honest.cases(), Stream.concat(Stream.of(
                new PublishedTable(first.condition(), first.weeks(), first.areas(), first.cells(), first.weekTotals(),
                        first.areaTotals(), 25)), honest.tables().stream().skip(1)).toList());
        publish(sdk, authority, "agg-forged-mr", to, ids, honest, otherTotal);
        network.ok("health", "audit", "agg-forged", "--as", epi, "--share-with", "pharmacy-c");
        assertThat(refusedWith("HEALTH_AUDIT_MISMATCH", "health", "audit", "agg-forged", "--as", clerk))
                .contains("aggregate agg-forged of " + AUTHORITY + " does not recompute from its reports: its reports"
                        + " make " + casesTotal + " distinct cases, it publishes " + (casesTotal + 1));
        assertThat(refusedWith("HEALTH_AUDIT_MISMATCH", "health", "audit", "agg-forged-mr", "--as", epi))
                .contains("aggregate agg-forged-mr of " + AUTHORITY + " does not recompute from its reports: its"
                        + " MeasureReport ");

        assertThat(network.command("health", "--help").out()).contains("triggers", "key", "report", "response", "aggregate",
                "cases", "audit");

        // 8. no name, birth date, address or MRN of the input in any file of the network directory or in the output
        Set<String> secrets = new TreeSet<>(IdentifierScan.identifying(SyntheaBundles.read("synthea-patient-1.json")));
        secrets.addAll(IdentifierScan.identifying(SyntheaBundles.read("synthea-patient-2.json")));
        assertThat(secrets).hasSizeGreaterThan(10);
        List<String> found = new ArrayList<>(IdentifierScan.inFiles(net, secrets));
        found.addAll(IdentifierScan.inText(network.transcript(), "the CLI output", secrets));
        assertThat(found).as("identifying input in the node directory or the CLI output").isEmpty();
    }

    /** Per condition, the Conditions and Observations of the Bundle with a code on the list (computed here). */
    private static Map<String, Integer> matching(byte[] bundle) {
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode e : CanonicalJson.tree(bundle).get("entry")) {
            JsonNode r = e.get("resource");
            String type = r.get("resourceType").asText();
            if (!type.equals("Condition") && !type.equals("Observation")) {
                continue;
            }
            Set<String> conditions = new TreeSet<>();
            for (JsonNode c : r.path("code").path("coding")) {
                for (Trigger t : LIST.triggers()) {
                    if (t.system().equals(c.path("system").asText()) && t.code().equals(c.path("code").asText())) {
                        conditions.add(t.condition());
                    }
                }
            }
            // a resource is reported once, for the first matching code's condition
            conditions.stream().findFirst().ifPresent(c -> out.merge(c, 1, Integer::sum));
        }
        return out;
    }
}
