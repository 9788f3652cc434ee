package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.careledger.api.records.AccessResult;
import org.careledger.api.records.KeyBundle;
import org.careledger.client.CareledgerClient;
import org.careledger.client.ProofChecker;
import org.careledger.client.Submissions;
import org.careledger.client.auth.NodeTrust;
import org.careledger.client.auth.RequestSigner;
import org.careledger.client.consent.ConsentClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.audit.ReadRecord;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.fhir.FhirJsonEquivalence;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.SyntheaBundles;
import org.careledger.ledger.Genesis;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Patient records end to end on one real node (RocksDB, HTTP on loopback): the care demo, the CLI commands, the
 * negative paths, FHIR import round trips, and that neither plaintext nor erased ciphertext reaches the node's disk.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CareRecordsIT {
    private static final String MARKER = "MARKER-" + Submissions.newId("x");
    /** Identifying strings of the patients in the imported test Bundles; none may reach disk or logs. */
    private static final java.util.Set<String> IDENTIFYING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @TempDir
    static Path tmp;
    static NetworkLayout layout;
    static Genesis genesis;
    static NodeAssembly node;
    static CareledgerClient client;
    static RecordsClient care;
    static ListAppender<ILoggingEvent> logs;
    static CliIdentity drAmes;
    static CliIdentity drLee;
    static PatientWallet wallet;

    @BeforeAll
    static void start() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        layout = new NetworkLayout(tmp.resolve("net"));
        genesis = new NetworkInitializer().init(layout.root(), new NetworkInitializer.Options("careledger-care-it",
                Stream.of("hospital-a", "hospital-b", "lab-c").map(OrgSpec::parse).toList(), "127.0.0.1",
                CliRunner.freeBasePort(3), false));
        node = NodeAssembly.start(layout.org("hospital-a"));
        client = new CareledgerClient(node.apiUrl(), null, NodeTrust.fromGenesis(layout.genesis()),
                new RequestSigner("hospital-a/admin", KeyFiles.readSigner(layout.adminKey("hospital-a"))));
        care = new RecordsClient(client);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    @Order(1)
    void careDemoRunsTheCaseStudy() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        CareDemo.run(layout, genesis, client, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String transcript = buf.toString(StandardCharsets.UTF_8);
        System.out.println(transcript);
        System.out.printf("care demo took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(transcript).contains("POST [base] with a transaction Bundle of 160 entries: 160 created",
                "posted again: nothing new, 160 already present (exactly once)",
                "$everything through hospital-b's FHIR gateway", "denied and audited: ACCESS_DENIED", "GRANT: decrypted Observation",
                "lab record", "BREAK_GLASS, flagged; decrypted", "review queue holds 1 break-glass",
                "searchset Bundle of", "RECORD_ERASED", "Care demo done");
    }

    @Test
    @Order(2)
    void cliCommandsWriteGrantReadAuditRevoke() throws IOException {
        Path net = layout.root();
        String url = node.apiUrl();
        assertThat(CliRunner.run("member", "add", net, "hospital-a", "dr-cli", "--role", "practitioner", "--node", url)
                .exitCode()).isZero();
        assertThat(Files.getPosixFilePermissions(CliIdentity.memberKey(layout, "hospital-a", "dr-cli")).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
        assertThat(CliRunner.run("member", "add", net, "hospital-b", "dr-bcli", "--role", "practitioner",
                "--node", url).exitCode()).isZero();
        Path w = tmp.resolve("wallet-cli");
        var created = CliRunner.run("patient", "create", w, "--network", net, "--by", "hospital-a/dr-cli", "--node", url);
        assertThat(created.exitCode()).as(created.all()).isZero();
        wallet = PatientWallet.open(w);
        for (String key : List.of("signing.key", "encryption.key")) { // made on the patient's side, owner-only
            assertThat(Files.getPosixFilePermissions(w.resolve(key)).toString()).as(key)
                    .isEqualTo("[OWNER_READ, OWNER_WRITE]");
        }
        Path obs = tmp.resolve("obs.json");
        Files.writeString(obs, "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\",\"code\":{\"text\":\""
                + MARKER + "\"}}");
        var written = CliRunner.run("record", "write", obs, "--wallet", w, "--network", net, "--as", "hospital-a/dr-cli",
                "--node", url);
        assertThat(written.exitCode()).as(written.all()).isZero();
        String recordId = written.out().split(" ")[0];

        var denied = CliRunner.run("access", "read", recordId, "--network", net, "--as", "hospital-b/dr-bcli",
                "--purpose", "TREAT", "--node", url);
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.err()).contains("ACCESS_DENIED", "NO_CONSENT");

        var granted = CliRunner.run("consent", "grant", "--wallet", w, "--to", "hospital-b", "--records", recordId,
                "--purpose", "TREAT", "--node", url);
        assertThat(granted.exitCode()).as(granted.all()).isZero();
        String grantId = granted.out().split(" ")[1];

        Path outFile = tmp.resolve("read.json");
        var read = CliRunner.run("access", "read", recordId, "--network", net, "--as", "hospital-b/dr-bcli",
                "--purpose", "TREAT", "--out", outFile, "--node", url);
        assertThat(read.exitCode()).as(read.all()).isZero();
        assertThat(new FhirJsonEquivalence(FhirR4.shared()).semanticallyEqual(Files.readAllBytes(outFile),
                Files.readAllBytes(obs))).isTrue();

        var audit = CliRunner.run("audit", "disclosures", "--wallet", w, "--node", url);
        assertThat(audit.out()).contains("DENIED/NO_CONSENT", "GRANT", "2 disclosures");
        // the patient's own client read the record list and key bundle to grant: the node logged both
        assertThat(audit.out()).contains(wallet.identityId() + " API-READ RECORD_LIST",
                wallet.identityId() + " API-READ RECORD_KEYS " + recordId, "API reads logged by this node");
        var fhir = CliRunner.run("audit", "disclosures", "--wallet", w, "--fhir", "--node", url);
        assertThat(fhir.out()).contains("\"AuditEvent\"", "\"searchset\"");
        var consents = CliRunner.run("consent", "list", "--wallet", w, "--fhir", "--node", url);
        assertThat(consents.out()).contains("\"Consent\"");

        // --node may list several nodes: the first that answers is used; none answering is a clear error
        String dead = "http://127.0.0.1:" + org.careledger.core.LoopbackPorts.free(); // nothing listens there
        var viaList = CliRunner.run("audit", "disclosures", "--wallet", w, "--node", dead + "," + url);
        assertThat(viaList.exitCode()).as(viaList.all()).isZero();
        // the same ledger disclosures; the node's read log has grown by the first report's own read since
        String ledgerPart = audit.out().substring(0, audit.out().indexOf("2 disclosures"));
        assertThat(viaList.out()).startsWith(ledgerPart).contains(wallet.identityId() + " API-READ DISCLOSURES");
        var noneUp = CliRunner.run("audit", "disclosures", "--wallet", w, "--node", dead + ", " + dead + "/");
        assertThat(noneUp.exitCode()).isNotZero();
        assertThat(noneUp.err()).contains("NODE_UNREACHABLE", "none of the --node URLs answered", dead);

        assertThat(CliRunner.run("consent", "revoke", grantId, "--wallet", w, "--node", url).exitCode()).isZero();
        var afterRevoke = CliRunner.run("access", "read", recordId, "--network", net, "--as", "hospital-b/dr-bcli",
                "--purpose", "TREAT", "--node", url);
        assertThat(afterRevoke.err()).contains("ACCESS_DENIED");
    }

    @Test
    @Order(3)
    void cliImportsAFhirBundleListsAndErasesAndShowsTheReviewQueue() throws IOException {
        Path net = layout.root();
        String url = node.apiUrl();
        Path w = tmp.resolve("wallet-import");
        assertThat(CliRunner.run("patient", "create", w, "--network", net, "--by", "hospital-a/dr-cli", "--node", url)
                .exitCode()).isZero();
        Path bundle = tmp.resolve("bundle.json");
        Files.writeString(bundle, "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + "{\"fullUrl\":\"urn:uuid:11111111-1111-1111-1111-111111111111\",\"resource\":{\"resourceType\":"
                + "\"Patient\",\"id\":\"pt\",\"name\":[{\"family\":\"" + MARKER + "-family\"}]}},"
                + "{\"fullUrl\":\"urn:uuid:22222222-2222-2222-2222-222222222222\",\"resource\":{\"resourceType\":"
                + "\"Observation\",\"id\":\"ob\",\"status\":\"final\",\"code\":{\"text\":\"" + MARKER + " import\"},"
                + "\"subject\":{\"reference\":\"urn:uuid:11111111-1111-1111-1111-111111111111\"}}}]}");
        var imported = CliRunner.run("record", "import-fhir", bundle, "--wallet", w, "--network", net, "--as",
                "hospital-a/dr-cli", "--map", "--node", url);
        assertThat(imported.exitCode()).as(imported.all()).isZero();
        assertThat(imported.out()).contains("imported 2 resources", "2 created, 0 already present, 0 refused",
                "(1 record references", "created/s");
        String observationId = imported.out().lines().filter(l -> l.contains(" Observation ")).findFirst()
                .orElseThrow().split(" ")[1];
        var again = CliRunner.run("record", "import-fhir", bundle, "--wallet", w, "--network", net, "--as",
                "hospital-a/dr-cli", "--node", url);
        assertThat(again.out()).as(again.all()).contains("0 created, 2 already present");

        var listed = CliRunner.run("record", "list", "--wallet", w, "--node", url);
        assertThat(listed.out().lines()).hasSize(2).anySatisfy(l -> assertThat(l).startsWith(observationId
                + " Observation v1 by hospital-a/dr-cli"));
        assertThat(listed.out()).doesNotContain(MARKER);

        var erased = CliRunner.run("record", "erase", observationId, "--wallet", w, "--node", url);
        assertThat(erased.exitCode()).as(erased.all()).isZero();
        assertThat(erased.out()).contains("erased; its wrapped key taken out of 0 grant(s)");
        assertThat(CliRunner.run("record", "list", "--wallet", w, "--node", url).out())
                .contains(observationId + " Observation v1 by hospital-a/dr-cli ERASED");
        var gone = CliRunner.run("access", "read", observationId, "--network", net, "--as", "hospital-a/dr-cli",
                "--purpose", "TREAT", "--node", url);
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("RECORD_ERASED");

        assertThat(CliRunner.run("member", "add", net, "hospital-a", "audit-3", "--role", "auditor", "--node", url)
                .exitCode()).isZero();
        var notAuditor = CliRunner.run("audit", "reviews", "hospital-a", "--as", "hospital-a/dr-cli", "--network", net,
                "--node", url);
        assertThat(notAuditor.exitCode()).isEqualTo(1);
        assertThat(notAuditor.err()).contains("FORBIDDEN");
        var reviews = CliRunner.run("audit", "reviews", "hospital-a", "--as", "hospital-a/audit-3", "--network", net,
                "--node", url);
        assertThat(reviews.exitCode()).as(reviews.all()).isZero();
        assertThat(reviews.out()).contains("\"org\"", "hospital-a", "\"pending\"");
    }

    @Test
    @Order(4)
    void cliGuardianConsentsRevokesErasesAndStepsDownAndTheAuditorReviewsBreakGlass() throws IOException {
        Path net = layout.root();
        String url = node.apiUrl();
        assertThat(CliRunner.run("member", "add", net, "hospital-b", "er-cli", "--role", "practitioner,emergency",
                "--node", url).exitCode()).isZero();
        assertThat(CliRunner.run("member", "add", net, "hospital-a", "audit-cli", "--role", "auditor", "--node", url)
                .exitCode()).isZero();
        Path child = tmp.resolve("wallet-child");
        Path parent = tmp.resolve("wallet-parent");
        for (Path w : List.of(child, parent)) {
            assertThat(CliRunner.run("patient", "create", w, "--network", net, "--by", "hospital-a/dr-cli", "--node",
                    url).exitCode()).isZero();
        }
        String parentId = PatientWallet.open(parent).identityId();
        Path obs = tmp.resolve("child-obs.json");
        Files.writeString(obs, "{\"resourceType\":\"Observation\",\"id\":\"c1\",\"status\":\"final\",\"code\":{"
                + "\"text\":\"" + MARKER + " child\"}}");
        String recordId = CliRunner.run("record", "write", obs, "--wallet", child, "--network", net, "--as",
                "hospital-a/dr-cli", "--node", url).out().split(" ")[0];
        String second = CliRunner.run("record", "write", obs, "--wallet", child, "--network", net, "--as",
                "hospital-a/dr-cli", "--node", url).out().split(" ")[0];

        // not yet a guardian: refused (the node does not even show it the child's records to re-wrap)
        var early = CliRunner.run("consent", "grant", "--wallet", child, "--guardian-wallet", parent, "--to",
                "hospital-b", "--records", recordId, "--node", url);
        assertThat(early.exitCode()).isEqualTo(1);
        assertThat(early.err()).contains("FORBIDDEN", "no tie to patient");

        var added = CliRunner.run("patient", "guardian", "add", parentId, "--wallet", child, "--node", url);
        assertThat(added.exitCode()).as(added.all()).isZero();
        var granted = CliRunner.run("consent", "grant", "--wallet", child, "--guardian-wallet", parent, "--to",
                "hospital-b", "--records", recordId, "--purpose", "TREAT", "--node", url);
        assertThat(granted.exitCode()).as(granted.all()).isZero();
        String grantId = granted.out().split(" ")[1];
        var read = CliRunner.run("access", "read", recordId, "--network", net, "--as", "hospital-b/dr-bcli",
                "--purpose", "TREAT", "--node", url);
        assertThat(read.exitCode()).as(read.all()).isZero();
        assertThat(read.out()).contains(MARKER + " child");
        assertThat(CliRunner.run("consent", "list", "--wallet", child, "--node", url).out())
                .contains(grantId, "\"grantedBy\" : \"" + parentId + "\"");
        var revoked = CliRunner.run("consent", "revoke", grantId, "--wallet", child, "--guardian-wallet", parent,
                "--node", url);
        assertThat(revoked.exitCode()).as(revoked.all()).isZero();
        assertThat(CliRunner.run("access", "read", recordId, "--network", net, "--as", "hospital-b/dr-bcli",
                "--purpose", "TREAT", "--node", url).err()).contains("ACCESS_DENIED");

        // a member may be a guardian too, and erase for the patient
        assertThat(CliRunner.run("patient", "guardian", "add", "hospital-a/dr-cli", "--wallet", child, "--node", url)
                .exitCode()).isZero();
        var erased = CliRunner.run("record", "erase", second, "--wallet", child, "--guardian", "hospital-a/dr-cli",
                "--network", net, "--node", url);
        assertThat(erased.exitCode()).as(erased.all()).isZero();
        // the author org's admin erases on the patient's verified request; another org's admin cannot
        String third = CliRunner.run("record", "write", obs, "--wallet", child, "--network", net, "--as",
                "hospital-a/dr-cli", "--node", url).out().split(" ")[0];
        var otherAdmin = CliRunner.run("record", "erase", third, "--as", "hospital-b/admin", "--request-ref",
                "DSR-2025-0042", "--network", net, "--node", url);
        assertThat(otherAdmin.err()).contains("NOT_AUTHORIZED_TO_ERASE");
        assertThat(CliRunner.run("record", "erase", third, "--as", "hospital-a/admin", "--network", net, "--node", url)
                .err()).contains("USAGE");
        var typeGrant = CliRunner.run("consent", "grant", "--wallet", child, "--to", "hospital-b", "--types",
                "Observation", "--purpose", "HOPERAT", "--node", url);
        assertThat(typeGrant.exitCode()).as(typeGrant.all()).isZero();
        var byAdmin = CliRunner.run("record", "erase", third, "--as", "hospital-a/admin", "--request-ref",
                "DSR-2025-0042", "--network", net, "--node", url);
        assertThat(byAdmin.exitCode()).as(byAdmin.all()).isZero();
        assertThat(byAdmin.out()).contains("consent forget " + third);
        // the org cannot rebuild the patient's grants; the patient's client takes the key out afterwards
        var forget = CliRunner.run("consent", "forget", third, "--wallet", child, "--node", url);
        assertThat(forget.exitCode()).as(forget.all()).isZero();
        assertThat(forget.out()).contains("taken out of 1 grant(s): " + typeGrant.out().split(" ")[1]);
        assertThat(CliRunner.run("consent", "forget", third, "--wallet", child, "--node", url).out())
                .contains("taken out of 0 grant(s)");
        var notErased = CliRunner.run("consent", "forget", recordId, "--wallet", child, "--node", url);
        assertThat(notErased.exitCode()).isEqualTo(1);
        assertThat(notErased.err()).contains("RECORD_NOT_ERASED");
        var stillServed = CliRunner.run("access", "read", recordId, "--network", net, "--as", "hospital-b/dr-bcli",
                "--purpose", "HOPERAT", "--node", url);
        assertThat(stillServed.exitCode()).as(stillServed.all()).isZero();
        assertThat(client.getJson("v1/patients/" + PatientWallet.open(child).patientId() + "/records").toString())
                .contains("\"erasureRequestRef\":\"DSR-2025-0042\"", "\"erasedBy\":\"hospital-a/admin\"");
        // the parent steps down; its grants are refused from then on
        var down = CliRunner.run("patient", "guardian", "remove", parentId, "--wallet", child, "--guardian-wallet",
                parent, "--node", url);
        assertThat(down.exitCode()).as(down.all()).isZero();
        var late = CliRunner.run("consent", "grant", "--wallet", child, "--guardian-wallet", parent, "--to",
                "hospital-b", "--records", recordId, "--node", url);
        assertThat(late.err()).contains("FORBIDDEN", "no tie to patient");

        // break-glass by hospital-b's emergency physician, reviewed once by hospital-a's auditor
        var glass = CliRunner.run("access", "read", recordId, "--network", net, "--as", "hospital-b/er-cli",
                "--purpose", "ETREAT", "--break-glass", "unconscious in the ED", "--node", url);
        assertThat(glass.exitCode()).as(glass.all()).isZero();
        assertThat(glass.err()).contains("BREAK_GLASS", "queued for review by hospital-a");
        String accessId = glass.err().lines().filter(l -> l.startsWith("access ")).findFirst().orElseThrow()
                .split(" ")[1];
        assertThat(CliRunner.run("audit", "reviews", "hospital-a", "--as", "hospital-a/audit-cli", "--network", net,
                "--node", url).out()).contains(accessId);
        var notAuditor = CliRunner.run("audit", "review", accessId, "--network", net, "--as", "hospital-b/er-cli",
                "--outcome", "JUSTIFIED", "--node", url);
        assertThat(notAuditor.exitCode()).isEqualTo(1);
        assertThat(notAuditor.err()).contains("NOT_AUDITOR");
        var reviewed = CliRunner.run("audit", "review", accessId, "--network", net, "--as", "hospital-a/audit-cli",
                "--outcome", "JUSTIFIED", "--note", "confirmed ED admission", "--node", url);
        assertThat(reviewed.exitCode()).as(reviewed.all()).isZero();
        assertThat(CliRunner.run("audit", "reviews", "hospital-a", "--as", "hospital-a/audit-cli", "--network", net,
                "--node", url).out()).doesNotContain(accessId);
        assertThat(CliRunner.run("audit", "disclosures", "--wallet", child, "--node", url).out())
                .contains("BREAK-GLASS \"unconscious in the ED\"", "DENIED/NO_CONSENT");
    }

    @Test
    @Order(5)
    void negatives() throws Exception {
        drAmes = CliIdentity.load(layout.root(), "hospital-a/dr-cli");
        drLee = CliIdentity.load(layout.root(), "hospital-b/dr-bcli");
        String recordId = care.writeRecord(drAmes.author(), wallet.patientId(), wallet.encryptionKey().publicKey(),
                "Condition", ("{\"resourceType\":\"Condition\",\"id\":\"c1\",\"code\":{\"text\":\"" + MARKER + "\"}}")
                        .getBytes(StandardCharsets.UTF_8), null, null).recordId();
        AccessResult own = care.read(drAmes.signer(), recordId, "TREAT", null);
        assertThat(own.decision()).isEqualTo("OWN_ORG");
        assertThat(ProofChecker.class).isNotNull();
        assertThat(own.tx().proof()).isNotNull();
        assertThat(new String(RecordsClient.open(own, "hospital-a", drAmes.requireOrgKey()), StandardCharsets.UTF_8))
                .contains(MARKER);

        // wrong key: hospital-b's key cannot open what is wrapped for hospital-a
        assertThatThrownBy(() -> RecordsClient.open(own, "hospital-a", drLee.requireOrgKey()))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("KEY_UNWRAP_FAILED"));
        assertThatThrownBy(() -> RecordsClient.open(own, "hospital-b", drLee.requireOrgKey()))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("KEY_NOT_WRAPPED_FOR_READER"));

        // tampered ciphertext: caught against the ledger hash, and by the AEAD tag
        byte[] ct = Base64.getDecoder().decode(own.ciphertext());
        ct[ct.length / 2] ^= 1;
        AccessResult tampered = new AccessResult(own.accessId(), own.txId(), own.height(), own.decision(),
                own.breakGlass(), own.recordId(), own.recordType(), own.patientId(), own.authorOrg(),
                own.ciphertextSha256(), Base64.getEncoder().encodeToString(ct), own.keysSha256(), own.keys(), null,
                own.tx(), own.header());
        assertThatThrownBy(() -> RecordsClient.open(tampered, "hospital-a", drAmes.requireOrgKey()))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("RECORD_DECRYPT_FAILED");
                    assertThat(e.getMessage()).contains("does not match the SHA-256 committed on the ledger");
                });
        KeyBundle keys = KeyBundle.fromBytes(Base64.getDecoder().decode(own.keys()));
        assertThatThrownBy(() -> RecordsClient.openBytes(recordId, ct, keys, "hospital-a", drAmes.requireOrgKey()))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("RECORD_DECRYPT_FAILED");
                    assertThat(e.getMessage()).contains("ciphertext was altered");
                });

        // expired grant
        new ConsentClient(care.http()).grant(wallet, "hospital-b", null, List.of(recordId), "TREAT", System.currentTimeMillis() + 1500);
        AccessResult inTime = care.read(drLee.signer(), recordId, "TREAT", null);
        assertThat(inTime.decision()).isEqualTo("GRANT");
        assertThat(new String(RecordsClient.open(inTime, "hospital-b", drLee.requireOrgKey()), StandardCharsets.UTF_8))
                .contains(MARKER);
        Thread.sleep(1800);
        assertThatThrownBy(() -> care.read(drLee.signer(), recordId, "TREAT", null))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("ACCESS_DENIED");
                    assertThat(e.getMessage()).contains("NO_CONSENT", "recorded in tx");
                });

        // replayed access tx: 409 TX_REPLAY, and the problem is a JSON problem document
        TxEnvelope tx = drAmes.signer().sign("access", "read", new ReadRecord(Submissions.newId("a-"), recordId,
                "TREAT", null));
        care.postAccess(drAmes.signer(), tx);
        Answer replay = post("/v1/access", drAmes.signer(), tx.toByteArray());
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("TX_REPLAY");

        // denied: 403 with the access id and reason
        String accessId = Submissions.newId("a-");
        Answer denied = post("/v1/access", drLee.signer(), drLee.signer().sign("access", "read",
                new ReadRecord(accessId, recordId, "HPAYMT", null)).toByteArray());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("ACCESS_DENIED", accessId, "NO_CONSENT");

        // records: metadata only; review queue; org key
        JsonNode records = client.getJson("v1/patients/" + wallet.patientId() + "/records");
        assertThat(records.toString()).doesNotContain(MARKER).contains("ciphertextSha256");
        assertThat(client.getJson("v1/orgs/hospital-b").get("encryptionKey").asText()).isNotBlank();
        JsonNode disclosures = client.getJson("v1/patients/" + wallet.patientId() + "/disclosures");
        for (JsonNode p : disclosures.get("disclosures")) {
            assertThat(p.path("tx").path("proof").path("path").isArray()).isTrue();
        }
    }

    @Test
    @Order(6)
    void everyTestBundleRoundTrips() throws Exception {
        Path dir = testdata();
        List<Path> bundles;
        try (Stream<Path> s = Files.list(dir)) {
            bundles = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(bundles).isNotEmpty();
        FhirJsonEquivalence eq = new FhirJsonEquivalence(FhirR4.shared());
        CliIdentity author = CliIdentity.load(layout.root(), "hospital-a/dr-cli");
        EncryptionKeyPair orgKey = author.requireOrgKey();
        int total = 0;
        long millis = 0;
        for (Path b : bundles) {
            PatientWallet w = PatientWallet.create(tmp.resolve("w-" + b.getFileName()), genesis.chainId(),
                    new SecureRandom());
            care.registerPatient(author.signer(), w);
            byte[] raw = Files.readAllBytes(b);
            RecordsClient.Imported imp = care.importBundle(author.author(), w, raw);
            total += imp.resources();
            millis += imp.millis();
            System.out.printf("%s: %d resources, %d refs, %.1f resources/s%n", b.getFileName(),
                    imp.resources(), imp.references(), imp.perSecond());
            assertThat(imp.count(RecordsClient.Outcome.CREATED)).isEqualTo(imp.resources());
            Map<String, JsonNode> inputs = new java.util.HashMap<>();
            int i = 0;
            com.fasterxml.jackson.databind.ObjectMapper exact = new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
            for (JsonNode e : exact.readTree(raw).get("entry")) {
                if (e.get("resource").get("resourceType").asText().equals("Patient")) {
                    identifying(e.get("resource"));
                }
                String url = e.hasNonNull("fullUrl") ? e.get("fullUrl").asText()
                        : e.get("resource").get("resourceType").asText() + "/" + e.get("resource").get("id").asText();
                inputs.put(url, e.get("resource"));
                i++;
            }
            assertThat(imp.resources()).isEqualTo(i);
            List<Future<Boolean>> checks = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                java.util.concurrent.Semaphore sem = new java.util.concurrent.Semaphore(32);
                for (Map.Entry<String, String> r : imp.recordIds().entrySet()) {
                    checks.add(pool.submit(() -> {
                        sem.acquireUninterruptibly();
                        try {
                            AccessResult a = care.read(author.signer(), r.getValue(), "TREAT", null);
                            byte[] plain = RecordsClient.open(a, "hospital-a", orgKey);
                            byte[] input = exact.writeValueAsBytes(inputs.get(r.getKey()));
                            boolean same = eq.semanticallyEqual(plain, input);
                            if (!same) {
                                System.out.println("MISMATCH " + r.getKey() + "\n" + new String(plain,
                                        StandardCharsets.UTF_8) + "\n" + new String(input, StandardCharsets.UTF_8));
                            }
                            return same;
                        } finally {
                            sem.release();
                        }
                    }));
                }
                for (Future<Boolean> f : checks) {
                    assertThat(f.get()).isTrue();
                }
            }
        }
        System.out.printf("FHIR import: %d resources in %.1f s = %.1f resources/s%n", total, millis / 1000.0,
                total * 1000.0 / millis);
    }

    @Test
    @Order(10)
    void noPlaintextOnDiskOrInLogsAndErasedCiphertextIsGone() throws Exception {
        CliIdentity author = CliIdentity.load(layout.root(), "hospital-a/dr-cli");
        String recordId = care.writeRecord(author.author(), wallet.patientId(), wallet.encryptionKey().publicKey(),
                "Observation", ("{\"resourceType\":\"Observation\",\"id\":\"e1\",\"status\":\"final\",\"code\":"
                        + "{\"text\":\"" + MARKER + " erase-me\"}}").getBytes(StandardCharsets.UTF_8), null, null)
                .recordId();
        AccessResult a = care.read(author.signer(), recordId, "TREAT", null);
        byte[] ct = Base64.getDecoder().decode(a.ciphertext());
        byte[] probe = Arrays.copyOfRange(ct, ct.length / 2 - 16, ct.length / 2 + 16);
        care.erase(wallet.signer(), recordId, "patient request");
        assertThatThrownBy(() -> care.read(author.signer(), recordId, "TREAT", null))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("RECORD_ERASED"));
        Answer gone = post("/v1/access", author.signer(), author.signer().sign("access", "read",
                new ReadRecord(Submissions.newId("a-"), recordId, "TREAT", null)).toByteArray());
        assertThat(gone.statusCode()).isEqualTo(410);

        node.ledger().store().flush();
        node.close();
        node = null;
        Path data = layout.org("hospital-a").resolve(NodeConfig.read(layout.org("hospital-a")).dataDir());
        byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        // the imported Synthea patients' names, identifiers (SSN, licences), addresses and phones are nowhere either
        assertThat(IDENTIFYING).as("identifying strings collected from the test Bundles").hasSizeGreaterThan(10);
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            assertThat(indexOf(bytes, marker)).as("plaintext marker in " + f).isEqualTo(-1);
            assertThat(indexOf(bytes, probe)).as("erased ciphertext in " + f).isEqualTo(-1);
            for (String id : IDENTIFYING) {
                assertThat(indexOf(bytes, id.getBytes(StandardCharsets.UTF_8))).as("'" + id + "' in " + f)
                        .isEqualTo(-1);
            }
        }
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(MARKER);
            for (String id : IDENTIFYING) {
                assertThat(e.getFormattedMessage()).doesNotContain(id);
            }
        }
    }

    /** A collection Bundle: Patient, Encounter, {@code observations} Observations, and a Provenance naming all. */
    static byte[] generated(String patient, int observations, boolean provenance) {
        return org.careledger.fhir.GeneratedBundle.of(patient, observations, provenance);
    }

    @Test
    @Order(7)
    void importsExactlyOnceResumeRefuseAnotherPatientAndKeepEveryReference() throws Exception {
        CliIdentity author = CliIdentity.load(layout.root(), "hospital-a/dr-cli");
        PatientWallet w = PatientWallet.create(tmp.resolve("w-once"), genesis.chainId(), new SecureRandom());
        care.registerPatient(author.signer(), w);
        byte[] bundle = generated("pat-once", 1100, true); // 1,103 resources; the Provenance names 1,100 records

        // a failure part-way: named by entry, the committed part stays
        RecordsClient.Imported broken = care.importBundle(author.author(), w, org.careledger.fhir.BundleSource.of(bundle),
                new RecordsClient.ImportOptions(false, 64, e -> {
                    if (e.index() == 300) {
                        throw new CareledgerException("NODE_UNAVAILABLE", "injected");
                    }
                }));
        assertThat(broken.failure()).isNotNull();
        assertThat(broken.failure().getMessage()).contains("Bundle.entry[300] (Observation urn:uuid:o-pat-once-298)")
                .contains("injected");
        long committed = broken.count(RecordsClient.Outcome.CREATED);
        assertThat(committed).isPositive().isLessThan(1103);
        assertThat(care.records(author.signer(), w.patientId())).hasSize((int) committed);

        // the re-run resumes: no duplicates
        RecordsClient.Imported resumed = care.importBundle(author.author(), w, bundle);
        assertThat(resumed.count(RecordsClient.Outcome.PRESENT)).isEqualTo(committed);
        assertThat(resumed.count(RecordsClient.Outcome.CREATED)).isEqualTo(1103 - committed);
        var records = care.records(author.signer(), w.patientId());
        assertThat(records).hasSize(1103);
        assertThat(records.stream().map(r -> r.sourceKey()).distinct()).hasSize(1103);
        // every reference kept: the Provenance's 1,100 (past one transaction's 1,024) and each Observation's 2
        String provenance = resumed.recordIds().get("urn:uuid:pv-pat-once");
        assertThat(records.stream().filter(r -> r.recordId().equals(provenance)).findFirst().orElseThrow().references())
                .hasSize(1100);
        assertThat(resumed.references()).isEqualTo(1 + 2 * 1100 + 1100);

        // the same Bundle again: everything present, nothing written
        RecordsClient.Imported again = care.importBundle(author.author(), w, bundle);
        assertThat(again.count(RecordsClient.Outcome.PRESENT)).isEqualTo(1103);
        assertThat(again.recordIds()).isEqualTo(resumed.recordIds());
        assertThat(care.records(author.signer(), w.patientId())).hasSize(1103);

        // another patient's Bundle into this wallet: refused before anything is written, naming the entry
        byte[] foreign = generated("pat-other", 3, false);
        RecordsClient.Imported refused = care.importBundle(author.author(), w, org.careledger.fhir.BundleSource.of(foreign),
                RecordsClient.ImportOptions.DEFAULT);
        assertThat(refused.failure().code()).isEqualTo("RECORD_SUBJECT_MISMATCH");
        assertThat(refused.failure().getMessage()).contains("Bundle.entry[").contains("Patient/pat-other")
                .contains("--accept-patient");
        assertThat(care.records(author.signer(), w.patientId())).hasSize(1103);
        RecordsClient.Imported mapped = care.importBundle(author.author(), w, org.careledger.fhir.BundleSource.of(foreign),
                new RecordsClient.ImportOptions(true, 256, null)).orThrow();
        assertThat(mapped.count(RecordsClient.Outcome.CREATED)).isEqualTo(5);

        // the CLI prints the map even when it stops
        Path file = tmp.resolve("foreign-2.json");
        Files.write(file, generated("pat-third", 2, false));
        var cli = CliRunner.run("record", "import-fhir", file.toString(), "--wallet", tmp.resolve("w-once").toString(),
                "--network", layout.root().toString(), "--as", "hospital-a/dr-cli", "--node", node.apiUrl(), "--map");
        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.out()).contains("NOT_REACHED").contains("stopped part-way");
        assertThat(cli.err() + cli.out()).contains("RECORD_SUBJECT_MISMATCH");

        // patient create: a failed registration leaves no wallet behind
        Path lost = tmp.resolve("w-lost");
        var failed = CliRunner.run("patient", "create", lost.toString(), "--network", layout.root().toString(),
                "--by", "hospital-a/dr-cli", "--node", "https://127.0.0.1:1");
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.err()).contains("no wallet was kept");
        assertThat(lost).doesNotExist();

        // a wallet made elsewhere is registered as it is; without --node, a member goes through its org's own node
        PatientWallet made = PatientWallet.create(tmp.resolve("w-made"), genesis.chainId(), new SecureRandom());
        var registered = CliRunner.run("patient", "register", made.dir().toString(), "--network",
                layout.root().toString(), "--by", "hospital-a/dr-cli");
        assertThat(registered.exitCode()).as(registered.all()).isZero();
        assertThat(registered.out()).contains("patient " + made.patientId() + " registered by hospital-a/dr-cli");
        assertThat(made.trust()).as("the wallet now keeps genesis").isNotNull();
        var twice = CliRunner.run("patient", "register", made.dir().toString(), "--network", layout.root().toString(),
                "--by", "hospital-a/dr-cli");
        assertThat(twice.exitCode()).isEqualTo(1);
        assertThat(twice.err()).contains("PATIENT_EXISTS");
        var asMember = CliRunner.run("record", "list", "--as", "hospital-a/dr-cli", "--patient", made.patientId(),
                "--network", layout.root().toString());
        assertThat(asMember.exitCode()).as(asMember.all()).isEqualTo(1);
        // FORBIDDEN, not NODE_UNREACHABLE: the command found hospital-a's node in genesis, which refuses a member
        // whose org holds none of the patient's records
        assertThat(asMember.err()).contains("FORBIDDEN");
    }

    @Test
    @Order(8)
    void aTwentyThousandResourceBundleImportsWithinTheTestHeap() throws Exception {
        CliIdentity author = CliIdentity.load(layout.root(), "hospital-a/dr-cli");
        PatientWallet w = PatientWallet.create(tmp.resolve("w-large"), genesis.chainId(), new SecureRandom());
        care.registerPatient(author.signer(), w);
        Path file = tmp.resolve("large.json");
        Files.write(file, generated("pat-large", 20_000, false));
        RecordsClient.Imported imp = care.importBundle(author.author(), w, org.careledger.fhir.BundleSource.of(file),
                RecordsClient.ImportOptions.DEFAULT).orThrow();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("large import: %d resources (%d bytes) in %.1f s: %.1f records/s; heap max %d MB%n",
                imp.resources(), Files.size(file), imp.millis() / 1000.0, imp.perSecond(), rt.maxMemory() >> 20);
        assertThat(imp.count(RecordsClient.Outcome.CREATED)).isEqualTo(20_002);
        assertThat(imp.references()).isEqualTo(1 + 2 * 20_000);
    }

    @Test
    @Order(9)
    void batchedImportsAnswerEachEntryAndABadRecordRefusesItsBatchByName() throws Exception {
        CliIdentity a = CliIdentity.load(layout.root(), "hospital-a/dr-cli");
        CliIdentity b = CliIdentity.load(layout.root(), "hospital-b/dr-bcli");
        PatientWallet w = PatientWallet.create(tmp.resolve("w-batch"), genesis.chainId(), new SecureRandom());
        care.registerPatient(a.signer(), w);
        // hospital-b imports the first 12 resources; hospital-a, which cannot list them, then imports 40: its first
        // batch of Observations holds 10 that exist, is refused whole, and each entry is answered on its own
        RecordsClient.Imported first = care.importBundle(b.author(), w, generated("pat-batch", 10, false));
        assertThat(first.count(RecordsClient.Outcome.CREATED)).isEqualTo(12);
        RecordsClient.Imported second = care.importBundle(a.author(), w, org.careledger.fhir.BundleSource.of(
                generated("pat-batch", 38, false)), RecordsClient.ImportOptions.DEFAULT).orThrow();
        assertThat(second.count(RecordsClient.Outcome.PRESENT)).isEqualTo(12);
        assertThat(second.count(RecordsClient.Outcome.CREATED)).isEqualTo(28);
        for (RecordsClient.EntryResult e : second.entries()) {
            if (e.index() < 12) {
                assertThat(e.outcome()).isEqualTo(RecordsClient.Outcome.PRESENT);
                assertThat(e.recordId()).isEqualTo(first.entries().get(e.index()).recordId());
                assertThat(e.reason()).isEqualTo("already record " + e.recordId());
            } else {
                assertThat(e.outcome()).isEqualTo(RecordsClient.Outcome.CREATED);
            }
        }
        var all = care.records(w.signer(), w.patientId());
        assertThat(all).hasSize(40);
        assertThat(all.stream().map(r -> r.sourceKey()).distinct()).hasSize(40);

        // the SDK's batch: one bad record refuses all of it, and the error names the record
        byte[] obs = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"hr\"}}"
                .getBytes(StandardCharsets.UTF_8);
        List<RecordsClient.NewRecord> batch = List.of(
                new RecordsClient.NewRecord("Observation", obs, List.of(), null, null, null, null),
                new RecordsClient.NewRecord("Observation", obs, List.of("r-00000000000000000000000000000000"), null,
                        null, null, null),
                new RecordsClient.NewRecord("Observation", obs, List.of(), null, null, null, null));
        assertThatThrownBy(() -> care.writeRecords(a.author(), w.patientId(), w.encryptionKey().publicKey(), batch))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("RECORD_REFERENCE_INVALID");
                    assertThat(e.getMessage()).contains("records[1] (record r-")
                            .contains("r-00000000000000000000000000000000");
                });
        assertThat(care.records(w.signer(), w.patientId())).hasSize(40);
        List<RecordsClient.Written> written = care.writeRecords(a.author(), w.patientId(),
                w.encryptionKey().publicKey(), List.of(batch.get(0), batch.get(2)));
        assertThat(written).hasSize(2);
        assertThat(written.get(0).response().txId()).isEqualTo(written.get(1).response().txId());
        assertThat(care.records(w.signer(), w.patientId())).hasSize(42);
    }

    private static void identifying(JsonNode patient) {
        patient.path("name").forEach(n -> {
            IDENTIFYING.add(n.path("family").asText());
            n.path("given").forEach(g -> IDENTIFYING.add(g.asText()));
        });
        patient.path("identifier").forEach(i -> IDENTIFYING.add(i.path("value").asText()));
        patient.path("address").forEach(a -> a.path("line").forEach(l -> IDENTIFYING.add(l.asText())));
        patient.path("telecom").forEach(t -> IDENTIFYING.add(t.path("value").asText()));
        IDENTIFYING.removeIf(v -> v.length() < 6);
    }

    private static Path testdata() {
        return SyntheaBundles.directory();
    }

    /** A status and body as the node answered them. */
    private record Answer(int statusCode, String body) {}

    /** POSTs protobuf bytes with the request signed as {@code as}. */
    private static Answer post(String path, org.careledger.client.TxSigner as, byte[] body) {
        HttpResponse<byte[]> r = client.as(as.requestSigner()).exchange("POST", path, "application/x-protobuf", body);
        return new Answer(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        // ISO-8859-1 maps each byte to one char, so String's (vectorized) search finds byte sequences
        return new String(hay, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
