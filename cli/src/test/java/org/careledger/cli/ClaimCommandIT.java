package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.careledger.client.claims.ClaimsClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.SyntheaBundles;
import org.careledger.fhir.claims.SyntheaClaims;
import org.careledger.ledger.Genesis;
import org.careledger.node.NodeAssembly;
import org.careledger.node.network.NetworkLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code careledger claim …} against a real node (RocksDB, TLS on loopback), as a user runs the commands: key shares,
 * rules, coverage, the Claims of a Synthea Bundle imported, adjudicated and paid, a prior authorization used, a
 * correction, an appeal re-adjudicated, and the refusals printed with their catalogue codes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClaimCommandIT {
    @TempDir
    static Path dir;
    static OneNodeNetwork network;
    static NetworkLayout layout;
    static Genesis genesis;
    static NodeAssembly node;

    @BeforeAll
    static void network() {
        network = OneNodeNetwork.start(dir, "careledger-claim-cli", List.of("hospital-a", "hospital-b", "insurer-d"));
        layout = network.layout;
        genesis = network.genesis;
        node = network.node;
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
    }

    private static String group(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }

    @Test
    @Order(1)
    void everyFlowFromTheCommandLine() throws IOException {
        Path net = layout.root();
        String url = node.apiUrl();
        assertThat(CliRunner.run("member", "add", net, "hospital-a", "dr-c", "--role", "practitioner", "--node", url)
                .exitCode()).isZero();
        assertThat(CliRunner.run("member", "add", net, "hospital-b", "dr-b", "--role", "practitioner", "--node", url)
                .exitCode()).isZero();
        assertThat(CliRunner.run("member", "add", net, "insurer-d", "claims-adj", "--role", "claims", "--node", url)
                .exitCode()).isZero();
        Path w = dir.resolve("wallet");
        network.ok("patient", "create", w, "--by", "hospital-a/dr-c");
        String patient = PatientWallet.open(w).patientId();

        network.refused("CLAIM_KEY_NOT_SHARED", "claim", "preauth", "request", "--as", "hospital-a/dr-c", "--wallet", w,
                "--coverage", "cov-1", "--insurer", "insurer-d", "--service", "http://snomed.info/sct|1=1");
        network.ok("claim", "share-key", "--wallet", w, "--with", "hospital-a,hospital-b,insurer-d");
        assertThat(Files.getPosixFilePermissions(w.resolve(ClaimCommand.KEY_FILE)).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");

        // rules: every code of the Bundle's claims at 150.00, one code needs prior authorization
        byte[] bundle = SyntheaBundles.read("synthea-patient-2.json");
        var sources = new SyntheaClaims(FhirR4.shared()).read(bundle);
        String preauthCode = "http://snomed.info/sct|73761001";
        StringBuilder fees = new StringBuilder("\"" + preauthCode + "\": 90000");
        sources.stream().flatMap(c -> c.lines().stream()).map(l -> l.service().key()).distinct()
                .forEach(k -> fees.append(", \"").append(k).append("\": 15000"));
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, """
                {"planId": "plan-cli", "version": 1, "effectiveFrom": "2000-01-01", "currency": "USD",
                 "feeSchedule": {%s}, "deductibleCents": 20000, "copayCents": 1000, "coinsuranceBps": 2000,
                 "preauthCodes": ["%s"], "limitsPerYear": {}}""".formatted(fees, preauthCode));
        network.refused("FILE_UNREADABLE", "claim", "rules", "publish", dir.resolve("missing.json"), "--as", "insurer-d/claims-adj");
        network.refused("CLAIMS_NOT_INSURER", "claim", "rules", "publish", rules, "--as", "hospital-a/dr-c");
        network.ok("claim", "rules", "publish", rules, "--as", "insurer-d/claims-adj");
        assertThat(network.ok("claim", "rules", "show", "plan-cli", "--as", "hospital-b/dr-b").out()).contains("\"feeSchedule\"");
        network.refused("COVERAGE_INVALID", "claim", "coverage", "record", "--as", "insurer-d/claims-adj", "--patient", patient,
                "--coverage", "cov-1", "--plan", "plan-cli", "--from", "2030-01-01", "--to", "2000-01-01");
        network.ok("claim", "coverage", "record", "--as", "insurer-d/claims-adj", "--patient", patient, "--coverage", "cov-1",
                "--plan", "plan-cli", "--from", "2000-01-01", "--to", "2099-12-31");

        // every Claim of the Bundle: imported, adjudicated in the coverage's chain, paid
        String imported = network.ok("claim", "import", SyntheaBundles.directory().resolve("synthea-patient-2.json"), "--as",
                "hospital-a/dr-c", "--wallet", w, "--insurer", "insurer-d", "--coverage", "cov-1", "--prefix", "syn")
                .out();
        long total = sources.stream().mapToLong(c -> c.totalCents()).sum();
        assertThat(imported).contains(sources.size() + " claim(s) of ", ClaimCommand.money(total) + " USD in all");
        network.refused("CLAIM_STATUS_INVALID", "claim", "pay", "syn-1", "--as", "insurer-d/claims-adj", "--paid-on",
                "2020-01-01", "--remittance", "ERA-1");
        for (int i = 1; i <= sources.size(); i++) {
            assertThat(network.ok("claim", "adjudicate", "syn-" + i, "--as", "insurer-d/claims-adj", "--wallet", w).out())
                    .contains("claim syn-" + i + " adjudicated adj-");
            network.ok("claim", "pay", "syn-" + i, "--as", "insurer-d/claims-adj", "--paid-on",
                    LocalDate.now(ZoneOffset.UTC).toString(), "--remittance", "ERA-" + i);
        }
        String listed = network.ok("claim", "list", "--wallet", w).out();
        assertThat(listed.lines().filter(l -> l.contains(" PAID ")).count()).isEqualTo(sources.size());
        assertThat(network.ok("claim", "show", "syn-1", "--wallet", w).out()).contains("claim syn-1 PAID", "line 1 ",
                "adjudication adj-", "1 payment(s)");
        // eligibility from the ledger: the rules in force, per service; what is used of the deductible only for a
        // caller who can open the coverage's latest adjudication (the insurer, the patient, the billing provider)
        String other = "http://snomed.info/sct|999999999";
        String eligibleForInsurer = network.ok("claim", "eligibility", "--coverage", "cov-1", "--service", preauthCode, "--service",
                other, "--as", "insurer-d/claims-adj", "--patient", patient).out();
        assertThat(eligibleForInsurer).contains("coverage cov-1 (plan plan-cli) on ", "in force, rules v1",
                preauthCode + ": covered, allowed 900.00 per unit, prior authorization required",
                other + ": not covered", "deductible 200.00 USD a year, left ").doesNotContain("unknown");
        assertThat(network.ok("claim", "eligibility", "--coverage", "cov-1", "--service", preauthCode, "--wallet", w).out())
                .contains("in force", "deductible 200.00 USD a year, left ").doesNotContain("unknown");
        assertThat(network.ok("claim", "eligibility", "--coverage", "cov-1", "--service", preauthCode, "--as",
                "hospital-b/dr-b", "--patient", patient).out()).contains("in force", "left unknown to hospital-b");
        assertThat(network.ok("claim", "eligibility", "--coverage", "cov-1", "--service", preauthCode, "--date", "1999-06-01",
                "--as", "hospital-a/dr-c", "--patient", patient).out()).contains("NOT in force (BEFORE_PERIOD)");
        network.refused("USAGE", "claim", "eligibility", "--coverage", "cov-1", "--service", preauthCode, "--date", "June",
                "--as", "hospital-a/dr-c", "--patient", patient);
        network.refused("FORBIDDEN", "claim", "eligibility", "--coverage", "no-such-coverage", "--service", preauthCode,
                "--as", "hospital-a/dr-c", "--patient", patient);
        var response = FhirR4.shared().parseResource(org.hl7.fhir.r4.model.CoverageEligibilityResponse.class,
                network.ok("claim", "eligibility", "--coverage", "cov-1", "--service", preauthCode, "--fhir", "--as",
                        "insurer-d/claims-adj", "--patient", patient).out().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.getInsuranceFirstRep().getInforce()).isTrue();
        assertThat(response.getInsuranceFirstRep().getItemFirstRep().getAuthorizationRequired()).isTrue();

        // the same Bundle again: the records are reused, its first claim is a duplicate
        network.refused("DUPLICATE_CLAIM", "claim", "import", SyntheaBundles.directory().resolve("synthea-patient-2.json"),
                "--as", "hospital-a/dr-c", "--wallet", w, "--insurer", "insurer-d", "--coverage", "cov-1", "--prefix",
                "again");
        // another provider has written none of the billed records: phantom billing
        network.refused("CLAIM_PHANTOM", "claim", "import", SyntheaBundles.directory().resolve("synthea-patient-2.json"),
                "--as", "hospital-b/dr-b", "--wallet", w, "--insurer", "insurer-d", "--coverage", "cov-1", "--prefix",
                "b");
        network.refused("FORBIDDEN", "claim", "show", "syn-1", "--as", "hospital-b/dr-b", "--patient", patient);

        // a prior authorization: asked, approved, used by a claim that bills a new Encounter
        Path encounter = dir.resolve("encounter.json");
        Files.writeString(encounter, """
                {"resourceType": "Encounter", "status": "finished", "class": {"code": "AMB"}}""");
        String recordId = group("^(\\S+) Encounter written", network.ok("record", "write", encounter, "--wallet", w, "--as",
                "hospital-a/dr-c").out());
        String preauthId = group("preauth (pa-\\S+) asked", network.ok("claim", "preauth", "request", "--as",
                "hospital-a/dr-c", "--wallet", w, "--coverage", "cov-1", "--insurer", "insurer-d", "--service",
                preauthCode + "=2").out());
        network.refused("USAGE", "claim", "preauth", "decide", preauthId, "--as", "insurer-d/claims-adj", "--patient", patient,
                "--decision", "MAYBE");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        network.ok("claim", "preauth", "decide", preauthId, "--as", "insurer-d/claims-adj", "--patient", patient, "--decision",
                "APPROVED", "--approve", preauthCode + "=2", "--expires", "2099-12-31");
        Path claim = dir.resolve("claim.json");
        Files.writeString(claim, claimJson("pa-claim", patient, today, preauthCode, recordId, preauthId, 120000));
        network.ok("claim", "submit", claim, "--as", "hospital-a/dr-c", "--wallet", w, "--insurer", "insurer-d");
        // corrected before payment: the original's fingerprints are released for the correction
        Path corrected = dir.resolve("corrected.json");
        Files.writeString(corrected, claimJson("pa-claim-2", patient, today, preauthCode, recordId, preauthId, 100000));
        assertThat(network.ok("claim", "correct", "pa-claim", corrected, "--as", "hospital-a/dr-c", "--wallet", w,
                "--insurer", "insurer-d").out()).contains("claim pa-claim-2 corrects pa-claim");
        network.refused("CLAIM_STATUS_INVALID", "claim", "adjudicate", "pa-claim", "--as", "insurer-d/claims-adj", "--wallet", w);
        // without the approval the Adjudicator denies the line; appealed, it is adjudicated again with it
        assertThat(network.ok("claim", "adjudicate", "pa-claim-2", "--as", "insurer-d/claims-adj", "--wallet", w).out())
                .contains("DENIED");
        network.ok("claim", "appeal", "pa-claim-2", "--as", "hospital-a/dr-c", "--reason", "approved under " + preauthId,
                "--patient-wallet", w);
        assertThat(network.ok("claim", "adjudicate", "pa-claim-2", "--as", "insurer-d/claims-adj", "--wallet", w, "--approval",
                preauthId + "=2@2099-12-31").out()).contains("COMPLETE", "allowed 900.00");
        network.ok("claim", "pay", "pa-claim-2", "--as", "insurer-d/claims-adj", "--paid-on", today, "--remittance", "ERA-PA");
        assertThat(network.ok("claim", "show", "pa-claim-2", "--as", "insurer-d/claims-adj", "--patient", patient).out())
                .contains("PREAUTH_REQUIRED", "APPROVED", "1 appeal(s)");
        network.refused("CLAIM_UNKNOWN", "claim", "appeal", "no-such-claim", "--wallet", w);

        network.ok("claim", "coverage", "end", "cov-1", "--as", "insurer-d/claims-adj", "--on", today);
        network.refused("COVERAGE_ENDED", "claim", "coverage", "end", "cov-1", "--as", "insurer-d/claims-adj", "--on", today);
        assertThat(network.ok("claim", "eligibility", "--coverage", "cov-1", "--service", preauthCode, "--date", "2099-01-01",
                "--as", "insurer-d/claims-adj", "--patient", patient).out()).contains("NOT in force (ENDED)");

        // verify: every adjudication's chain on the ledger; with a key, each one re-run. The insurer's denial of the
        // preauth line above, while the ledger holds the approval, is a wrong adjudication only a reader can see
        Path nodeDir = layout.org("hospital-a");
        int adjudications = sources.size() + 2;
        CliRunner.Result ledgerOnly = CliRunner.run("verify", nodeDir);
        assertThat(ledgerOnly.exitCode()).as(ledgerOnly.all()).isZero();
        assertThat(ledgerOnly.out()).contains("claims: " + adjudications + " adjudications in 1 coverage chain(s)"
                + " checked on the ledger");
        String wrongDenial = ClaimsClient.adjudications(sdk().claim(adjuster(), "pa-claim-2")).getFirst()
                .adjudicationId();
        CliRunner.Result asInsurer = CliRunner.run("verify", nodeDir, "--claims-key",
                layout.orgEncryptionKey("insurer-d"), "--claims-reader", "insurer-d");
        assertThat(asInsurer.exitCode()).as(asInsurer.all()).isEqualTo(1);
        assertThat(asInsurer.out()).contains((adjudications - 1) + " decrypted and re-run as insurer-d",
                "FAILED ADJUDICATION_MISMATCH: adjudication " + wrongDenial + ": claim pa-claim-2 adjudicates"
                        + " differently");
        assertThat(asInsurer.out().lines().filter(l -> l.contains(": FAILED ")).count()).isEqualTo(1);

        // a dishonest insurer: an appealed claim re-adjudicated under a fee schedule it never published, sealed and
        // committed consistently, so the contract (which sees no amount) accepts it; verify re-runs it
        network.ok("claim", "appeal", "syn-1", "--wallet", w);
        CliIdentity adj = CliIdentity.load(net, "insurer-d/claims-adj");
        ClaimsClient sdk = sdk();
        var view = sdk.claim(adj.signer(), "syn-1");
        var stored = ClaimsClient.claimState(view);
        String head = view.coverage().path("lastAdjudicationId").asText();
        var content = sdk.openClaim(adj.signer(), stored, "insurer-d", adj.requireOrgKey()).value();
        var published = sdk.rules(adj.signer(), "plan-cli").getFirst();
        java.util.TreeMap<String, Long> doubled = new java.util.TreeMap<>();
        published.feeSchedule().forEach((k, v) -> doubled.put(k, v * 2));
        var forgedRules = new org.careledger.core.claims.BenefitRules(published.planId(), published.version(),
                published.effectiveFrom(), published.currency(), doubled, published.deductibleCents(),
                published.copayCents(), published.coinsuranceBps(), published.preauthCodes(),
                published.limitsPerYear());
        PatientWallet pw = PatientWallet.open(w);
        java.util.Map<String, byte[]> readers = java.util.Map.of("hospital-a",
                org.careledger.crypto.x509.KeyFiles.readEncryptionKey(layout.orgEncryptionKey("hospital-a")).publicKey(), "insurer-d", adj.requireOrgKey().publicKey(),
                pw.identityId(), pw.encryptionKey().publicKey());
        java.util.List<byte[]> blobs = new java.util.ArrayList<>();
        var forged = ClaimsClient.prepareAdjudication("adj-forged", content,
                sdk.claimsKey(adj.signer(), patient, "insurer-d", adj.requireOrgKey()),
                stored.lines().stream().map(l -> l.fingerprint()).toList(), forgedRules,
                sdk.findAdjudication(adj.signer(), patient, head, "insurer-d", adj.requireOrgKey()).value()
                        .accumulatorsAfter(), java.util.Map.of(), head, readers, blobs);
        sdk.submitAdjudication(adj.signer(), forged.args(), blobs);
        CliRunner.Result asPatient = CliRunner.run("verify", nodeDir, "--claims-key", w.resolve("encryption.key"));
        assertThat(asPatient.exitCode()).as(asPatient.all()).isEqualTo(1);
        assertThat(asPatient.out()).contains((adjudications - 1) + " decrypted and re-run as " + pw.identityId(),
                "FAILED ADJUDICATION_MISMATCH: adjudication adj-forged: claim syn-1 adjudicates differently",
                "FAILED ADJUDICATION_MISMATCH: adjudication " + wrongDenial);
        assertThat(asPatient.out().lines().filter(l -> l.contains(": FAILED ")).count()).isEqualTo(2);
        assertThat(CliRunner.run("verify", nodeDir).exitCode()).as("the ledger alone cannot see amounts").isZero();
        network.refused("USAGE", "claim", "list");

        assertThat(network.command("claim", "--help").out()).contains("share-key", "coverage", "rules", "preauth", "submit",
                "correct", "import", "adjudicate", "pay", "appeal", "list", "show");
    }

    @Test
    @Order(2) // after the flow above, whose verify counts the adjudication chains on the node
    void theClaimsDemoTellsItsStory() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        long t = System.nanoTime();
        var admin = new org.careledger.client.CareledgerClient(node.apiUrl(), null,
                org.careledger.client.auth.NodeTrust.fromGenesis(layout.genesis()),
                new org.careledger.client.auth.RequestSigner("hospital-a/admin",
                        org.careledger.crypto.x509.KeyFiles.readSigner(layout.adminKey("hospital-a"))));
        new ClaimsDemo(layout, genesis, admin, new java.io.PrintStream(bytes, true,
                java.nio.charset.StandardCharsets.UTF_8), "9").run();
        String transcript = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        System.out.println(transcript);
        System.out.printf("claims demo took %d ms%n", (System.nanoTime() - t) / 1_000_000);
        assertThat(transcript).contains("9.1 Members", "9.4 insurer-d publishes", "APPROVED until",
                "adjudicated and paid", "9.7 An MRI today", "COMPLETE", "DUPLICATE_CLAIM, refused", "CLAIM_PHANTOM",
                " PAID; the patient owes ", "disclosures of billed records for payment (HPAYMT)", "Claims demo done");
        assertThat(transcript.indexOf("9.1 ")).isLessThan(transcript.indexOf("9.2 "));
        assertThat(transcript.indexOf("9.7 ")).isLessThan(transcript.indexOf("9.8 "));
    }

    private static ClaimsClient sdk() {
        return new ClaimsClient(new org.careledger.client.CareledgerClient(node.apiUrl(), null,
                org.careledger.client.auth.NodeTrust.fromGenesis(layout.genesis()), null));
    }

    private static org.careledger.client.TxSigner adjuster() {
        return CliIdentity.load(layout.root(), "insurer-d/claims-adj").signer();
    }

    private static String claimJson(String id, String patient, String day, String code, String recordId,
                                    String preauthId, long cents) {
        String[] c = code.split("\\|");
        return """
                {"claimId": "%s", "patientId": "%s", "coverageId": "cov-1", "providerOrg": "hospital-a",
                 "serviceDate": "%s", "currency": "USD",
                 "lines": [{"sequence": 1, "service": {"system": "%s", "code": "%s"}, "quantity": 1,
                            "submittedCents": %d, "recordId": "%s", "preauthId": "%s"}],
                 "diagnoses": [], "totalCents": %d}""".formatted(id, patient, day, c[0], c[1], cents, recordId,
                preauthId, cents);
    }
}
