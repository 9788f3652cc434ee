package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.careledger.api.HeaderView;
import org.careledger.api.HealthView;
import org.careledger.api.InclusionProofView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.TxView;
import org.careledger.api.Wait;
import org.careledger.api.records.AccessResult;
import org.careledger.api.records.DisclosureList;
import org.careledger.api.records.KeyBundle;
import org.careledger.api.records.ProvenDisclosure;
import org.careledger.client.CareledgerClient;
import org.careledger.client.ProofChecker;
import org.careledger.client.ReadSession;
import org.careledger.client.Submissions;
import org.careledger.client.TxSigner;
import org.careledger.client.auth.NodeTrust;
import org.careledger.client.auth.RequestSigner;
import org.careledger.client.consent.ConsentClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.audit.ReadRecord;
import org.careledger.contracts.audit.ReviewBreakGlass;
import org.careledger.contracts.consent.RevokeConsent;
import org.careledger.contracts.records.GuardianChange;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.merkle.InclusionProof;
import org.careledger.core.merkle.Rfc6962;
import org.careledger.core.proto.BlockHeader;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.fhir.AuditEventExporter;
import org.careledger.fhir.FhirJsonEquivalence;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.SyntheaBundles;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.LedgerVerifier;
import org.careledger.ledger.VerificationReport;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The patient-records case study on a four-org network ordered by Apache Ratis (one RocksDB node per org, HTTP and
 * Raft on loopback): writes go to one node and reads to another, so record ciphertext and key blobs must reach every
 * node through the Raft log; consent, audit, break-glass and erasure must behave the same on every node, and every
 * node must end with the same verifiable, quorum-certified chain.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CareRecordsMultiNodeIT {
    private static final String A = "hospital-a";
    /** hospital-a's auditor that reads its review queue (review queues are for the custodian's auditors only). */
    private static final String AUDITOR_OF_A = "queue-auditor";
    private static final String B = "hospital-b";
    private static final String LAB = "lab-c";
    private static final String INSURER = "insurer-d";
    private static final List<String> ORGS = List.of(A, B, LAB, INSURER);
    private static final String MARKER = "MNMARKER-" + Submissions.newId("x");
    private static final HexFormat HEX = HexFormat.of();
    /** How long the expiring grant lasts: long enough to be read once on a loaded machine. */
    private static final long EXPIRING_GRANT_MILLIS = 6_000;

    @TempDir
    static Path tmp;
    static NetworkLayout layout;
    static Genesis genesis;
    static final Map<String, NodeAssembly> nodes = new LinkedHashMap<>();
    static final Map<String, RecordsClient> care = new LinkedHashMap<>();
    static long t0;
    /** Every log event of the four nodes (one JVM), to show no plaintext marker reaches a log. */
    static ListAppender<ILoggingEvent> logs;

    static CliIdentity drAmes;
    static CliIdentity drLee;
    static CliIdentity erKim;
    static CliIdentity labTech;
    static PatientWallet wallet;
    static String observationId;
    static String conditionId;
    static byte[] observationCiphertext;
    static byte[] conditionCiphertext;
    static AccessResult grantedRead;
    static String allergyV1;
    static String erasedGrantKey;
    /** One read session for the clients of all four nodes: what one client wrote, every other one reads. */
    static final ReadSession session = new ReadSession();
    /** Family names of the imported Synthea patients: plaintext that must reach no file and no log line. */
    static final List<String> syntheaNames = new java.util.concurrent.CopyOnWriteArrayList<>();
    static String keptGrantKey;

    @BeforeAll
    static void start() {
        t0 = System.nanoTime();
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        // an in-process demo run earlier in this JVM quiets these loggers; the log scan needs what nodes log
        ((Logger) LoggerFactory.getLogger("org.careledger")).setLevel(ch.qos.logback.classic.Level.INFO);
        ((Logger) LoggerFactory.getLogger("org.apache.ratis")).setLevel(ch.qos.logback.classic.Level.INFO);
        layout = new NetworkLayout(tmp.resolve("net"));
        genesis = new NetworkInitializer().init(layout.root(), new NetworkInitializer.Options("careledger-care-multi-it",
                ORGS.stream().map(OrgSpec::parse).toList(), "127.0.0.1", CliRunner.freeBasePort(ORGS.size()), false,
                NodeConfig.RAFT));
        for (String org : ORGS) {
            NodeAssembly n = NodeAssembly.start(layout.org(org));
            nodes.put(org, n);
            // each org's client signs as that org's admin; patient data is read as the patient, keys as the reader
            care.put(org, new RecordsClient(new CareledgerClient(n.apiUrl(), session,
                    NodeTrust.fromGenesis(layout.genesis()), new RequestSigner(org + "/admin",
                            KeyFiles.readSigner(layout.adminKey(org))))));
        }
        String leader = awaitLeader();
        System.out.printf("4 Raft nodes up, leader %s, after %.1f s%n", leader, secs());
    }

    @AfterAll
    static void stop() {
        for (NodeAssembly n : nodes.values()) {
            n.close();
        }
        nodes.clear();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        System.out.printf("CareRecordsMultiNodeIT total %.1f s%n", secs());
    }

    @Test
    @Order(1)
    void membersViaTheirOwnNodesAndPatientRegisteredViaHospitalA() {
        // each org's admin registers its members through its own node: followers forward to the Raft leader
        drAmes = member(A, "dr-ames", "practitioner");
        drLee = member(B, "dr-lee", "practitioner");
        erKim = member(B, "er-kim", "practitioner", "emergency");
        member(A, AUDITOR_OF_A, "auditor");
        labTech = member(LAB, "tech-1", "lab-tech");

        wallet = PatientWallet.create(tmp.resolve("wallet"), genesis.chainId(), new SecureRandom());
        care.get(A).registerPatient(drAmes.signer(), wallet);
        awaitConverged();
        for (String org : ORGS) { // the patient is known on every node
            assertThat(patient(org, wallet).getJson("v1/patients/" + wallet.patientId() + "/records").get("records").size())
                    .as(org).isZero();
        }
    }

    @Test
    @Order(2)
    void recordWrittenAtAIsDeniedThenReadableThroughBAfterConsentThenRevoked() {
        observationId = care.get(A).writeRecord(drAmes.author(), wallet.patientId(), wallet.encryptionKey().publicKey(),
                "Observation", ("{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\",\"code\":"
                        + "{\"text\":\"" + MARKER + " obs\"}}").getBytes(StandardCharsets.UTF_8), null, null).recordId();
        conditionId = care.get(A).writeRecord(drAmes.author(), wallet.patientId(), wallet.encryptionKey().publicKey(),
                "Condition", ("{\"resourceType\":\"Condition\",\"id\":\"c1\",\"code\":{\"text\":\"" + MARKER
                        + " cond\"}}").getBytes(StandardCharsets.UTF_8), null, null).recordId();
        AccessResult own = care.get(A).read(drAmes.signer(), observationId, "TREAT", null);
        assertThat(own.decision()).isEqualTo("OWN_ORG");
        observationCiphertext = Base64.getDecoder().decode(own.ciphertext());
        conditionCiphertext = Base64.getDecoder().decode(care.get(A).read(drAmes.signer(), conditionId, "TREAT", null)
                .ciphertext());

        // denied at hospital-b's node, with an access id we choose so the audit entry can be found elsewhere
        String deniedAccessId = Submissions.newId("a-");
        assertThatThrownBy(() -> care.get(B).postAccess(drLee.signer(), drLee.signer().sign("access", "read",
                new ReadRecord(deniedAccessId, observationId, "TREAT", null))))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("ACCESS_DENIED");
                    assertThat(e.getMessage()).contains("NO_CONSENT");
                });

        // the denial is in the disclosures a third node (the insurer's, not involved) lists
        awaitConverged();
        JsonNode denied = disclosure(INSURER, deniedAccessId);
        assertThat(denied).as("denied read in insurer-d's disclosures").isNotNull();
        assertThat(denied.get("granted").asBoolean()).isFalse();
        assertThat(denied.get("decision").asText()).isEqualTo("DENIED");
        assertThat(denied.get("denialReason").asText()).isEqualTo("NO_CONSENT");
        assertThat(denied.get("accessor").asText()).contains("dr-lee");
        assertThat(denied.get("recordId").asText()).isEqualTo(observationId);

        // consent (patient via hospital-a's node); hospital-b's node serves the ciphertext that came by Raft
        String grantId = new ConsentClient(care.get(A).http()).grant(wallet, B, List.of("Observation"), null, "TREAT", null);
        AccessResult granted = care.get(B).read(drLee.signer(), observationId, "TREAT", null);
        assertThat(granted.decision()).isEqualTo("GRANT");
        assertThat(granted.ciphertextSha256()).isEqualTo(own.ciphertextSha256());
        assertThat(Base64.getDecoder().decode(granted.ciphertext())).isEqualTo(observationCiphertext);
        assertThat(new String(RecordsClient.open(granted, B, drLee.requireOrgKey()), StandardCharsets.UTF_8))
                .contains(MARKER + " obs");
        // the grant does not cover the Condition
        assertThatThrownBy(() -> care.get(B).read(drLee.signer(), conditionId, "TREAT", null))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("ACCESS_DENIED"));

        // revoke, submitted through the lab's node this time; hospital-b is denied again
        new ConsentClient(care.get(LAB).http()).revoke(wallet, grantId);
        assertThatThrownBy(() -> care.get(B).read(drLee.signer(), observationId, "TREAT", null))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("ACCESS_DENIED");
                    assertThat(e.getMessage()).contains("NO_CONSENT");
                });
        awaitConverged();
        for (String org : ORGS) {
            JsonNode consents = patient(org, wallet).getJson("v1/patients/" + wallet.patientId() + "/consents");
            assertThat(consents.toString()).as(org).contains(grantId);
        }
    }

    @Test
    @Order(3)
    void labResultWrittenAtTheLabIsReadByHospitalAAfterConsent() {
        String labId = care.get(LAB).writeRecord(labTech.author(), wallet.patientId(), wallet.encryptionKey().publicKey(),
                "Observation", CareDemo.LAB_RESULT.getBytes(StandardCharsets.UTF_8), null, null).recordId();
        assertThatThrownBy(() -> care.get(A).read(drAmes.signer(), labId, "TREAT", null))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("ACCESS_DENIED"));
        new ConsentClient(care.get(INSURER).http()).grant(wallet, A, null, List.of(labId), "TREAT", null);
        AccessResult la = care.get(A).read(drAmes.signer(), labId, "TREAT", null);
        assertThat(la.decision()).isEqualTo("GRANT");
        assertThat(la.authorOrg()).isEqualTo(LAB);
        assertThat(new String(RecordsClient.open(la, A, drAmes.requireOrgKey()), StandardCharsets.UTF_8))
                .contains("HbA1c");
    }

    @Test
    @Order(4)
    void breakGlassIsFlaggedAndQueuedForTheCustodiansReview() {
        // through hospital-b's node: flagged and audited, but only the custodian's node (hospital-a) can re-wrap
        AccessResult viaB = care.get(B).read(erKim.signer(), conditionId, "ETREAT", "unconscious patient in the ED");
        assertThat(viaB.decision()).isEqualTo("BREAK_GLASS");
        assertThat(viaB.breakGlass()).isTrue();
        assertThat(viaB.keysRewrappedBy()).isNull();
        assertThatThrownBy(() -> RecordsClient.open(viaB, B, erKim.requireOrgKey()))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("KEY_NOT_WRAPPED_FOR_READER"));
        // ...so the reader's client asks the custodian's node for the key of that same committed access
        AccessResult keyed = RecordsClient.withCustodianKeys(viaB, B, () -> as(A, erKim));
        assertThat(keyed.keysRewrappedBy()).isEqualTo(A);
        assertThat(keyed.accessId()).isEqualTo(viaB.accessId());
        assertThat(new String(RecordsClient.open(keyed, B, erKim.requireOrgKey()), StandardCharsets.UTF_8))
                .contains(MARKER + " cond");
        assertThat(KeyBundle.fromBytes(Base64.getDecoder().decode(keyed.keys())).keys().get(conditionId))
                .as("wrapped for the reader's org alone").containsOnlyKeys(B);
        // only the custodian's node serves it, only for granted break-glass accesses that exist
        assertThatThrownBy(() -> as(LAB, erKim).getJson("v1/access/" + viaB.accessId() + "/keys"))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("NOT_CUSTODIAN"));
        assertThatThrownBy(() -> as(A, erKim).getJson("v1/access/a-no-such-access/keys"))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("ACCESS_NOT_FOUND"));
        String ownRead = care.get(A).read(drAmes.signer(), conditionId, "TREAT", null).accessId();
        assertThatThrownBy(() -> as(A, drAmes).getJson("v1/access/" + ownRead + "/keys"))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("NOT_BREAK_GLASS"));

        // through the custodian's node: re-wrapped for hospital-b, decrypts
        AccessResult viaA = care.get(A).read(erKim.signer(), conditionId, "ETREAT", "unconscious patient in the ED");
        assertThat(viaA.decision()).isEqualTo("BREAK_GLASS");
        assertThat(viaA.breakGlass()).isTrue();
        assertThat(viaA.keysRewrappedBy()).isEqualTo(A);
        assertThat(new String(RecordsClient.open(viaA, B, erKim.requireOrgKey()), StandardCharsets.UTF_8))
                .contains(MARKER + " cond");

        awaitConverged();
        for (String org : ORGS) {
            assertThat(auditorOfA(org).getJson("v1/reviews/" + A).get("count").asInt()).as(org + "'s view of the queue")
                    .isEqualTo(2);
            JsonNode bg = disclosure(org, viaB.accessId());
            assertThat(bg).as(org).isNotNull();
            assertThat(bg.get("breakGlass").asBoolean()).isTrue();
            assertThat(bg.get("reviewOrg").asText()).isEqualTo(A);
            assertThat(bg.get("breakGlassReason").asText()).isEqualTo("unconscious patient in the ED");
        }
    }

    @Test
    @Order(5)
    void wrongKeyTamperedCiphertextReplayedAccessAndExpiredGrantAcrossNodes() throws Exception {
        // an expiring grant to the lab, made first so its expiry passes while the other checks run
        long expiresAt = System.currentTimeMillis() + EXPIRING_GRANT_MILLIS;
        String expiring = new ConsentClient(care.get(A).http()).grant(wallet, LAB, null, List.of(conditionId), "TREAT", expiresAt);
        AccessResult inTime = care.get(INSURER).read(labTech.signer(), conditionId, "TREAT", null);
        assertThat(inTime.decision()).isEqualTo("GRANT");
        assertThat(new String(RecordsClient.open(inTime, LAB, labTech.requireOrgKey()), StandardCharsets.UTF_8))
                .contains(MARKER + " cond");

        // a grant to hospital-b, read through the lab's node
        new ConsentClient(care.get(INSURER).http()).grant(wallet, B, null, List.of(conditionId), "TREAT", null);
        TxEnvelope readTx = drLee.signer().sign("access", "read", new ReadRecord(Submissions.newId("a-"), conditionId,
                "TREAT", null));
        AccessResult granted = care.get(LAB).postAccess(drLee.signer(), readTx);
        assertThat(granted.decision()).isEqualTo("GRANT");
        grantedRead = granted;
        assertThat(new String(RecordsClient.open(granted, B, drLee.requireOrgKey()), StandardCharsets.UTF_8))
                .contains(MARKER + " cond");

        // wrong key: the lab's key cannot open what the patient wrapped for hospital-b
        assertThatThrownBy(() -> RecordsClient.open(granted, B, labTech.requireOrgKey()))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("KEY_UNWRAP_FAILED"));
        assertThatThrownBy(() -> RecordsClient.open(granted, LAB, labTech.requireOrgKey()))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("KEY_NOT_WRAPPED_FOR_READER"));

        // tampered ciphertext: caught against the committed hash; and a node that also lies about the hash is
        // caught by the AES-GCM tag, reported as RECORD_DECRYPT_FAILED with a sentence saying so
        byte[] ct = Base64.getDecoder().decode(granted.ciphertext());
        ct[ct.length / 3] ^= 0x40;
        assertThatThrownBy(() -> RecordsClient.open(withCiphertext(granted, ct, granted.ciphertextSha256()), B,
                drLee.requireOrgKey())).isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("RECORD_DECRYPT_FAILED");
                    assertThat(e.getMessage()).contains("does not match the SHA-256 committed on the ledger");
                });
        assertThatThrownBy(() -> RecordsClient.open(withCiphertext(granted, ct, Hash.sha256(ct).hex()), B,
                drLee.requireOrgKey())).isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("RECORD_DECRYPT_FAILED");
                    assertThat(e.getMessage()).contains("ciphertext was altered");
                });
        // another record's ciphertext under this record's key bundle: the GCM tag (and the AAD) refuse it
        byte[] other = observationCiphertext;
        assertThatThrownBy(() -> RecordsClient.open(withCiphertext(granted, other, Hash.sha256(other).hex()), B,
                drLee.requireOrgKey())).isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("RECORD_DECRYPT_FAILED"));

        // the same signed access tx replayed to every other node: TX_REPLAY, and still one disclosure
        for (String org : List.of(A, B, INSURER, LAB)) {
            assertThatThrownBy(() -> care.get(org).postAccess(drLee.signer(), readTx)).as("replay via " + org)
                    .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("TX_REPLAY"));
        }
        // the same fresh access tx sent to two nodes at once: it is recorded once
        TxEnvelope twice = drLee.signer().sign("access", "read", new ReadRecord(Submissions.newId("a-"), conditionId,
                "TREAT", null));
        List<Object> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Object>> both = new ArrayList<>();
            for (String org : List.of(B, INSURER)) {
                both.add(pool.submit(() -> {
                    try {
                        return care.get(org).postAccess(drLee.signer(), twice);
                    } catch (CareledgerException e) {
                        return e.code();
                    }
                }));
            }
            for (Future<Object> f : both) {
                outcomes.add(f.get());
            }
        }
        System.out.println("the same access tx sent to two nodes at once: " + outcomes.stream()
                .map(o -> o instanceof AccessResult r ? r.decision() : o).toList());
        assertThat(outcomes).as("answers to the same tx sent twice " + outcomes)
                .anySatisfy(o -> assertThat(o).isInstanceOf(AccessResult.class));
        assertThat(outcomes).allSatisfy(o -> {
            if (o instanceof AccessResult r) {
                assertThat(r.decision()).isEqualTo("GRANT");
            } else {
                assertThat(o).isEqualTo("TX_REPLAY");
            }
        });
        awaitConverged();
        String readTxId = granted.txId();
        String twiceTxId = Hash.sha256(twice.getPayload().toByteArray()).hex();
        for (String org : ORGS) {
            assertThat(disclosuresOfTx(org, readTxId)).as("disclosures of the replayed tx on " + org).isEqualTo(1);
            assertThat(disclosuresOfTx(org, twiceTxId)).as("disclosures of the tx sent twice on " + org).isEqualTo(1);
            for (String txId : List.of(readTxId, twiceTxId)) {
                TxView committed = http(org).tx(txId).tx();
                assertThat(committed.code()).as("the ledger's record of " + txId + " on " + org).isEqualTo("VALID");
            }
            assertThat(http(org).tx(readTxId).tx().height()).isEqualTo(granted.height());
        }

        // the expiring grant has lapsed by now (block time); the lab is denied, and the denial is recorded
        long wait = expiresAt + 500 - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        String lateAccess = Submissions.newId("a-");
        assertThatThrownBy(() -> care.get(B).postAccess(labTech.signer(), labTech.signer().sign("access", "read",
                new ReadRecord(lateAccess, conditionId, "TREAT", null))))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("ACCESS_DENIED");
                    assertThat(e.getMessage()).contains("NO_CONSENT");
                });
        awaitConverged();
        for (String org : ORGS) {
            JsonNode late = disclosure(org, lateAccess);
            assertThat(late).as(org).isNotNull();
            assertThat(late.get("decision").asText()).isEqualTo("DENIED");
            assertThat(late.get("atMillis").asLong()).isGreaterThanOrEqualTo(expiresAt);
            JsonNode grants = patient(org, wallet).getJson("v1/patients/" + wallet.patientId() + "/consents").get("grants");
            JsonNode g = null;
            for (JsonNode n : grants) {
                if (n.get("grantId").asText().equals(expiring)) {
                    g = n;
                }
            }
            assertThat(g).as(org).isNotNull();
            assertThat(g.get("expiresAtMillis").asLong()).isEqualTo(expiresAt);
        }
    }

    @Test
    @Order(6)
    void aGuardianGrantsAndRevokesForThePatientAndNobodyElseCan() {
        PatientWallet parent = PatientWallet.create(tmp.resolve("wallet-parent"), genesis.chainId(), new SecureRandom());
        PatientWallet stranger = PatientWallet.create(tmp.resolve("wallet-stranger"), genesis.chainId(),
                new SecureRandom());
        care.get(A).registerPatient(drAmes.signer(), parent);
        care.get(A).registerPatient(drAmes.signer(), stranger);
        String obs2 = care.get(A).writeRecord(drAmes.author(), wallet.patientId(), wallet.encryptionKey().publicKey(),
                "Observation", ("{\"resourceType\":\"Observation\",\"id\":\"o2\",\"status\":\"final\",\"code\":"
                        + "{\"text\":\"" + MARKER + " obs2\"}}").getBytes(StandardCharsets.UTF_8), null, null).recordId();

        // a stranger and hospital-b's own physician cannot consent for the patient, even holding its wallet keys
        for (TxSigner notGuardian : List.of(stranger.signer(), drLee.signer())) {
            // the node shows a stranger none of the patient's records to re-wrap (hospital-b's physician sees what
            // its org holds grants for, and gets as far as the contract); the contract refuses the grant either way
            assertThatThrownBy(() -> new ConsentClient(care.get(B).http()).grant(wallet, notGuardian, B, null, List.of(obs2), "TREAT", null))
                    .as(notGuardian.signerId()).isInstanceOfSatisfying(CareledgerException.class,
                            e -> assertThat(e.code()).isIn(notGuardian.signerId().equals(drLee.id())
                                    ? List.of("NOT_PATIENT", "FORBIDDEN") : List.of("FORBIDDEN")));
            byte[] keys = ("{\"salt\":\"" + Submissions.newId("s-") + "\"}").getBytes(StandardCharsets.UTF_8);
            SubmitResponse direct = http(B).submitWithBlobs(notGuardian.sign("consent", "grant",
                    new org.careledger.contracts.consent.GrantConsent(Submissions.newId("g-"), wallet.patientId(), B,
                            null, List.of(obs2), "TREAT", null, org.careledger.core.Hash.sha256(keys).hex())),
                    List.of(keys), Wait.COMMIT);
            assertThat(direct.errorCode()).as(notGuardian.signerId()).isEqualTo("NOT_PATIENT");
        }
        // and cannot make themselves guardians
        SubmitResponse selfAppointed = http(B).submit(stranger.signer().sign("patients", "addGuardian",
                new GuardianChange(wallet.patientId(), stranger.identityId())), Wait.COMMIT);
        assertThat(selfAppointed.errorCode()).isEqualTo("NOT_PATIENT");

        // the patient names the parent as guardian (through the lab's node)
        SubmitResponse added = http(LAB).submit(wallet.signer().sign("patients", "addGuardian",
                new GuardianChange(wallet.patientId(), parent.identityId())), Wait.COMMIT);
        assertThat(added.valid()).as(added.errorCode() + " " + added.message()).isTrue();

        // the guardian grants hospital-b this one Observation (via the insurer's node); hospital-b reads it via its own
        String grantId = new ConsentClient(care.get(INSURER).http()).grant(wallet, parent.signer(), B, null, List.of(obs2), "TREAT", null);
        AccessResult read = care.get(B).read(drLee.signer(), obs2, "TREAT", null);
        assertThat(read.decision()).isEqualTo("GRANT");
        assertThat(new String(RecordsClient.open(read, B, drLee.requireOrgKey()), StandardCharsets.UTF_8))
                .contains(MARKER + " obs2");
        awaitConverged();
        for (String org : ORGS) {
            JsonNode g = grant(org, grantId);
            assertThat(g).as(org).isNotNull();
            assertThat(g.get("grantedBy").asText()).isEqualTo(parent.identityId());
        }

        // the stranger cannot revoke it; the guardian can, and hospital-b is denied again
        SubmitResponse strangerRevoke = http(A).submit(stranger.signer().sign("consent", "revoke",
                new RevokeConsent(grantId)), Wait.COMMIT);
        assertThat(strangerRevoke.errorCode()).isEqualTo("NOT_PATIENT");
        new ConsentClient(care.get(A).http()).revoke(parent.signer(), grantId);
        assertThatThrownBy(() -> care.get(B).read(drLee.signer(), obs2, "TREAT", null))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("ACCESS_DENIED"));
        awaitConverged();
        for (String org : ORGS) {
            JsonNode g = grant(org, grantId);
            assertThat(g.get("revokedBy").asText()).as(org).isEqualTo(parent.identityId());
        }

        // once the patient removes the guardian, its grants are refused: the node no longer shows it the patient's
        // records to re-wrap, and the contract would refuse the grant itself (above)
        SubmitResponse removed = http(INSURER).submit(wallet.signer().sign("patients", "removeGuardian",
                new GuardianChange(wallet.patientId(), parent.identityId())), Wait.COMMIT);
        assertThat(removed.valid()).as(removed.errorCode() + " " + removed.message()).isTrue();
        assertThatThrownBy(() -> new ConsentClient(care.get(A).http()).grant(wallet, parent.signer(), B, null, List.of(obs2), "TREAT", null))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
    }

    @Test
    @Order(7)
    void anAmendmentIsANewVersionAndTheOldOneStaysReadable() {
        String v1 = care.get(A).writeRecord(drAmes.author(), wallet.patientId(), wallet.encryptionKey().publicKey(),
                "AllergyIntolerance", ("{\"resourceType\":\"AllergyIntolerance\",\"id\":\"al\",\"code\":{\"text\":"
                        + "\"" + MARKER + " v1 penicillin\"}}").getBytes(StandardCharsets.UTF_8), null, null).recordId();
        // the amendment is written through the lab's node
        String v2 = care.get(LAB).writeRecord(drAmes.author(), wallet.patientId(), wallet.encryptionKey().publicKey(),
                "AllergyIntolerance", ("{\"resourceType\":\"AllergyIntolerance\",\"id\":\"al\",\"code\":{\"text\":"
                        + "\"" + MARKER + " v2 amoxicillin\"}}").getBytes(StandardCharsets.UTF_8), null, v1).recordId();

        // only the latest version is amended, only by the author org
        assertThatThrownBy(() -> care.get(A).writeRecord(drAmes.author(), wallet.patientId(), wallet.encryptionKey().publicKey(),
                "AllergyIntolerance", "{\"resourceType\":\"AllergyIntolerance\"}".getBytes(StandardCharsets.UTF_8),
                null, v1)).isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("RECORD_AMEND_INVALID"));
        assertThatThrownBy(() -> care.get(B).writeRecord(drLee.author(), wallet.patientId(), wallet.encryptionKey().publicKey(),
                "AllergyIntolerance", "{\"resourceType\":\"AllergyIntolerance\"}".getBytes(StandardCharsets.UTF_8),
                null, v2)).isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("RECORD_AMEND_INVALID"));

        awaitConverged();
        for (String org : ORGS) {
            JsonNode first = recordMeta(org, v1);
            JsonNode second = recordMeta(org, v2);
            assertThat(first.get("version").asLong()).as(org).isEqualTo(1);
            assertThat(first.get("latest").asBoolean()).isFalse();
            assertThat(first.get("supersededBy").asText()).isEqualTo(v2);
            assertThat(second.get("version").asLong()).isEqualTo(2);
            assertThat(second.get("latest").asBoolean()).isTrue();
            assertThat(second.get("previousRecordId").asText()).isEqualTo(v1);
            assertThat(second.get("ciphertextSha256").asText()).isNotEqualTo(first.get("ciphertextSha256").asText());
        }
        allergyV1 = v1;
        // history stays: both versions are still served and decrypt to what was written
        AccessResult old = care.get(INSURER).read(drAmes.signer(), v1, "TREAT", null);
        AccessResult now = care.get(B).read(drAmes.signer(), v2, "TREAT", null);
        assertThat(new String(RecordsClient.open(old, A, drAmes.requireOrgKey()), StandardCharsets.UTF_8))
                .contains("v1 penicillin");
        assertThat(new String(RecordsClient.open(now, A, drAmes.requireOrgKey()), StandardCharsets.UTF_8))
                .contains("v2 amoxicillin");
    }

    @Test
    @Order(8)
    void theCustodiansAuditorReviewsBreakGlassAccessesOnce() {
        CliIdentity auditor = member(A, "auditor-1", "auditor");
        List<String> pending = new ArrayList<>();
        auditorOfA(LAB).getJson("v1/reviews/" + A).get("pending").forEach(p -> pending.add(p.get("accessId").asText()));
        assertThat(pending).hasSize(2);

        // not an auditor, or an auditor of another org: refused, the queue unchanged
        CliIdentity auditorB = member(B, "auditor-b", "auditor");
        for (CliIdentity notReviewer : List.of(drAmes, auditorB)) {
            SubmitResponse r = http(B).submit(notReviewer.signer().sign("access", "reviewBreakGlass",
                    new ReviewBreakGlass(pending.getFirst(), "JUSTIFIED", null)), Wait.COMMIT);
            assertThat(r.errorCode()).as(notReviewer.id()).isEqualTo("NOT_AUDITOR");
        }
        SubmitResponse reviewed = http(INSURER).submit(auditor.signer().sign("access", "reviewBreakGlass",
                new ReviewBreakGlass(pending.getFirst(), "JUSTIFIED", "ED admission confirmed")),
                Wait.COMMIT);
        assertThat(reviewed.valid()).as(reviewed.errorCode() + " " + reviewed.message()).isTrue();
        SubmitResponse again = http(A).submit(auditor.signer().sign("access", "reviewBreakGlass",
                new ReviewBreakGlass(pending.getFirst(), "UNJUSTIFIED", null)), Wait.COMMIT);
        assertThat(again.errorCode()).isEqualTo("REVIEW_NOT_PENDING");
        awaitConverged();
        for (String org : ORGS) {
            JsonNode queue = auditorOfA(org).getJson("v1/reviews/" + A);
            assertThat(queue.get("count").asInt()).as(org).isEqualTo(1);
            assertThat(queue.get("pending").get(0).get("accessId").asText()).isEqualTo(pending.get(1));
            // the break-glass disclosure itself stays in the patient's list, still flagged
            assertThat(disclosure(org, pending.getFirst()).get("breakGlass").asBoolean()).isTrue();
        }
        // the custodian keeps serving the key of a justified emergency access
        assertThat(as(A, erKim).getJson("v1/access/" + pending.getFirst() + "/keys").get("readerOrg").asText()).isEqualTo(B);
        // ...and stops once its auditor finds one unjustified (through another node: the read session orders it)
        SubmitResponse unjustified = http(B).submit(auditor.signer().sign("access", "reviewBreakGlass",
                new ReviewBreakGlass(pending.get(1), "UNJUSTIFIED", "no emergency on record")),
                Wait.COMMIT);
        assertThat(unjustified.valid()).as(unjustified.errorCode() + " " + unjustified.message()).isTrue();
        assertThatThrownBy(() -> as(A, erKim).getJson("v1/access/" + pending.get(1) + "/keys"))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("ACCESS_DENIED");
                    assertThat(e.getMessage()).contains("unjustified");
                });
    }

    @Test
    @Order(9)
    void everyNodeListsTheSameDisclosuresWithProofsThatCheckAndFhirThatHapiParses() {
        assertProven(grantedRead.txId(), grantedRead.tx().proof(), grantedRead.header());
        String reference = null;
        for (String org : ORGS) {
            DisclosureList list = patient(org, wallet).get("v1/patients/" + wallet.patientId() + "/disclosures",
                    DisclosureList.class);
            assertThat(list.count()).isEqualTo(list.disclosures().size());
            // denied, granted, own-org and break-glass reads are all listed
            assertThat(list.disclosures()).extracting(p -> p.disclosure().decision())
                    .contains("DENIED", "GRANT", "OWN_ORG", "BREAK_GLASS");
            for (ProvenDisclosure p : list.disclosures()) {
                assertThat(p.tx().txId()).isEqualTo(p.disclosure().txId());
                assertThat(p.tx().height()).isEqualTo(p.disclosure().blockHeight());
                assertProven(p.tx().txId(), p.tx().proof(), list.header());
            }
            String ids = list.disclosures().stream().map(p -> p.disclosure().accessId()).toList().toString();
            if (reference == null) {
                reference = ids;
                // a proof that was tampered with does not check
                ProvenDisclosure any = list.disclosures().getFirst();
                List<String> path = new ArrayList<>(any.tx().proof().path());
                path.set(0, "00".repeat(32));
                InclusionProofView bad = new InclusionProofView(any.tx().proof().leafIndex(),
                        any.tx().proof().treeSize(), any.tx().proof().leafHash(), path, any.tx().proof().root());
                assertThatThrownBy(() -> assertProven(any.tx().txId(), bad, list.header()))
                        .isInstanceOf(AssertionError.class);
            }
            assertThat(ids).as(org).isEqualTo(reference);

            // FHIR: AuditEvents and Consents as HAPI parses them
            String auditJson = patient(org, wallet).getJson("v1/patients/" + wallet.patientId() + "/disclosures?format=fhir")
                    .toString();
            assertThat(auditJson).doesNotContain(MARKER);
            Bundle audit = FhirR4.shared().parseResource(Bundle.class, auditJson.getBytes(StandardCharsets.UTF_8));
            List<AuditEvent> all = audit.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
            // the ledger's disclosures, then this node's logged API reads (the JSON report just read is one more)
            List<AuditEvent> events = all.stream().filter(e -> e.getEntity().stream().noneMatch(x -> x.getDetail()
                    .stream().anyMatch(d -> d.getType().equals(AuditEventExporter.READ_LOG_SEQ_DETAIL)))).toList();
            assertThat(events).as(org).hasSize(list.count());
            assertThat(all.size() - events.size()).as(org + "'s API reads").isEqualTo(list.apiReads().size() + 1);
            long denied = list.disclosures().stream().filter(p -> !p.disclosure().granted()).count();
            assertThat(events.stream().filter(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._4)).hasSize(
                    (int) denied);
            long breakGlass = list.disclosures().stream().filter(p -> p.disclosure().breakGlass()).count();
            assertThat(events.stream().filter(e -> e.getPurposeOfEvent().stream().anyMatch(c -> c.getCoding()
                    .stream().anyMatch(cd -> cd.getCode().equals("BTG"))))).hasSize((int) breakGlass);

            JsonNode grants = patient(org, wallet).getJson("v1/patients/" + wallet.patientId() + "/consents");
            Bundle consents = FhirR4.shared().parseResource(Bundle.class, patient(org, wallet).getJson("v1/patients/"
                    + wallet.patientId() + "/consents?format=fhir").toString().getBytes(StandardCharsets.UTF_8));
            List<Consent> cs = consents.getEntry().stream().map(e -> (Consent) e.getResource()).toList();
            assertThat(cs).as(org).hasSize(grants.get("count").asInt());
            int revoked = 0;
            for (JsonNode g : grants.get("grants")) {
                revoked += g.hasNonNull("revokedAtMillis") ? 1 : 0;
            }
            assertThat(cs.stream().filter(c -> c.getStatus() == Consent.ConsentState.INACTIVE).count())
                    .as("revoked or expired grants are inactive").isGreaterThanOrEqualTo(revoked);
            assertThat(cs.stream().filter(c -> c.getStatus() == Consent.ConsentState.ACTIVE)).isNotEmpty();
        }
    }

    @Test
    @Order(10)
    void aSharedReadSessionReadsEachWriteThroughEveryOtherNodeAtOnce() {
        // no waiting for convergence here: the session carries each write's height to the next read, wherever it goes
        PatientWallet w = PatientWallet.create(tmp.resolve("wallet-session"), genesis.chainId(), new SecureRandom());
        care.get(B).registerPatient(drAmes.signer(), w);
        for (int i = 0; i < 8; i++) {
            String writer = ORGS.get(i % ORGS.size());
            String reader = ORGS.get((i + 1 + i % 3) % ORGS.size());
            String id = care.get(writer).writeRecord(drAmes.author(), w.patientId(), w.encryptionKey().publicKey(), "Observation",
                    ("{\"resourceType\":\"Observation\",\"id\":\"s" + i + "\",\"status\":\"final\",\"code\":"
                            + "{\"text\":\"" + MARKER + " session\"}}").getBytes(StandardCharsets.UTF_8), null, null)
                    .recordId();
            List<String> listed = new ArrayList<>();
            patient(reader, w).getJson("v1/patients/" + w.patientId() + "/records").get("records")
                    .forEach(r -> listed.add(r.get("recordId").asText()));
            assertThat(listed).as("records of the patient read through " + reader + " right after a write through "
                    + writer).contains(id).hasSize(i + 1);
        }
    }

    @Test
    @Order(12)
    void everyFhirBundleImportedAtOneNodeRoundTripsThroughTheOthers() throws Exception {
        // every Synthea Bundle of the test data, in full, each imported through a different node
        ObjectMapper exact = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        List<Path> bundles;
        try (Stream<Path> s = Files.list(fhirTestdata())) {
            bundles = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(bundles).hasSizeGreaterThanOrEqualTo(3);
        FhirJsonEquivalence eq = new FhirJsonEquivalence(FhirR4.shared());
        int total = 0;
        long millis = 0;
        for (int b = 0; b < bundles.size(); b++) {
            String importer = ORGS.get(b % ORGS.size());
            byte[] raw = Files.readAllBytes(bundles.get(b));
            JsonNode full = exact.readTree(raw);
            Map<String, JsonNode> inputs = new LinkedHashMap<>();
            String family = null;
            for (JsonNode e : full.get("entry")) {
                JsonNode r = e.get("resource");
                String url = e.hasNonNull("fullUrl") ? e.get("fullUrl").asText()
                        : r.get("resourceType").asText() + "/" + r.get("id").asText();
                inputs.put(url, r);
                if (r.get("resourceType").asText().equals("Patient")) {
                    family = r.get("name").get(0).get("family").asText();
                }
            }
            assertThat(family).as("a Patient in " + bundles.get(b)).isNotBlank();
            syntheaNames.add(family);
            PatientWallet w = PatientWallet.create(tmp.resolve("wallet-fhir-" + b), genesis.chainId(),
                    new SecureRandom());
            care.get(importer).registerPatient(drAmes.signer(), w);
            RecordsClient.Imported imp = care.get(importer).importBundle(drAmes.author(), w, raw);
            total += imp.resources();
            millis += imp.millis();
            System.out.printf("FHIR import of %s via %s on 4 Raft nodes: %d resources, %d references, "
                    + "%.1f resources/s%n", bundles.get(b).getFileName(), importer, imp.resources(), imp.references(),
                    imp.perSecond());
            assertThat(imp.resources()).isEqualTo(inputs.size());
            assertThat(imp.references()).isPositive();
            awaitConverged();
            for (String org : ORGS) {
                JsonNode records = patient(org, w).getJson("v1/patients/" + w.patientId() + "/records");
                assertThat(records.get("count").asInt()).as(org).isEqualTo(inputs.size());
                int refs = 0;
                for (JsonNode r : records.get("records")) {
                    refs += r.get("references").size();
                }
                assertThat(refs).as("record references on " + org).isEqualTo(imp.references());
                assertThat(records.toString()).doesNotContain(family);
            }
            // every record, read through a node other than the importer's, decrypts to its input resource
            List<Future<String>> checks = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                java.util.concurrent.Semaphore inflight = new java.util.concurrent.Semaphore(16);
                int i = 0;
                for (Map.Entry<String, String> r : imp.recordIds().entrySet()) {
                    String via = ORGS.get((b + 1 + i++ % 3) % ORGS.size());
                    checks.add(pool.submit(() -> {
                        inflight.acquireUninterruptibly();
                        try {
                            AccessResult a = care.get(via).read(drAmes.signer(), r.getValue(), "TREAT", null);
                            byte[] plain = RecordsClient.open(a, A, drAmes.requireOrgKey());
                            return eq.semanticallyEqual(plain, exact.writeValueAsBytes(inputs.get(r.getKey())))
                                    ? null : r.getKey() + " read via " + via + " differs from its input";
                        } finally {
                            inflight.release();
                        }
                    }));
                }
                for (Future<String> f : checks) {
                    assertThat(f.get()).isNull();
                }
            }
        }
        System.out.printf("FHIR import on 4 Raft nodes: %d resources in %.1f s = %.1f resources/s%n", total,
                millis / 1000.0, total * 1000.0 / millis);
    }

    @Test
    @Order(15)
    void erasedRecordIsGoneOnEveryNode() {
        // a grant in force that covers the Observation among others carries its key re-wrapped for the lab
        String labGrant = new ConsentClient(care.get(LAB).http()).grant(wallet, LAB, List.of("Observation"), null, "HRESCH", null);
        awaitConverged(); // the grant was committed through the lab's node; the insurer's may not have applied it yet
        KeyBundle before = grantKeys(INSURER, labGrant);
        assertThat(before.keys()).containsKey(observationId).hasSizeGreaterThan(1);
        erasedGrantKey = before.keys().get(observationId).get(LAB);
        String kept = before.keys().keySet().stream().filter(r -> !r.equals(observationId)).findFirst().orElseThrow();
        keptGrantKey = before.keys().get(kept).get(LAB);

        // the patient's client erases, then takes the key out of that grant (a new bundle, the old one purged)
        assertThat(new ConsentClient(care.get(A).http()).eraseWithGrantKeys(wallet.signer(), wallet.patientId(), observationId,
                "patient request")).containsExactly(labGrant);
        awaitConverged();
        for (String org : ORGS) {
            KeyBundle after = grantKeys(org, labGrant);
            assertThat(after.keys()).as(org).doesNotContainKey(observationId).containsKey(kept);
            assertThat(after.sha256().hex()).isEqualTo(grant(org, labGrant).get("wrappedKeysSha256").asText());
        }
        AccessResult stillGranted = care.get(B).read(labTech.signer(), kept, "HRESCH", null);
        assertThat(stillGranted.decision()).isEqualTo("GRANT");
        assertThat(RecordsClient.open(stillGranted, LAB, labTech.requireOrgKey())).isNotEmpty();
        for (String org : ORGS) {
            assertThatThrownBy(() -> care.get(org).read(drAmes.signer(), observationId, "TREAT", null))
                    .as("read via " + org).isInstanceOfSatisfying(CareledgerException.class,
                            e -> assertThat(e.code()).isEqualTo("RECORD_ERASED"));
            JsonNode meta = null;
            for (JsonNode r : patient(org, wallet).getJson("v1/patients/" + wallet.patientId() + "/records").get("records")) {
                if (r.get("recordId").asText().equals(observationId)) {
                    meta = r;
                }
            }
            assertThat(meta).as(org).isNotNull();
            assertThat(meta.get("erased").asBoolean()).as(org).isTrue();
        }
        // the author org's admin erases an old version on the patient's verified request, through another node
        CliIdentity adminA = CliIdentity.load(layout.root(), A + "/admin");
        care.get(INSURER).erase(adminA.signer(), allergyV1, "patient request by letter", "DSR-2025-0042");
        awaitConverged();
        for (String org : ORGS) {
            JsonNode tombstone = recordMeta(org, allergyV1);
            assertThat(tombstone.get("erased").asBoolean()).as(org).isTrue();
            assertThat(tombstone.get("erasedBy").asText()).isEqualTo(A + "/admin");
            assertThat(tombstone.get("erasureRequestRef").asText()).isEqualTo("DSR-2025-0042");
            assertThatThrownBy(() -> care.get(org).read(drAmes.signer(), allergyV1, "TREAT", null))
                    .isInstanceOfSatisfying(CareledgerException.class,
                            e -> assertThat(e.code()).isEqualTo("RECORD_ERASED"));
        }
        // the other records are still served
        assertThat(care.get(INSURER).read(drAmes.signer(), conditionId, "TREAT", null).decision())
                .isEqualTo("OWN_ORG");
    }

    @Test
    @Order(20)
    void sameHeadEverywhereNoErasedCiphertextOnDiskAndEveryStoreVerifies() throws IOException {
        Map<String, String> heads = awaitConverged();
        String head = heads.get(A);
        assertThat(heads.values()).as("head hash per node " + heads).containsOnly(head);

        byte[] probe = probe(observationCiphertext);
        // positive control: the Condition was never erased, so its ciphertext must be found by the same scan on
        // every node (which also shows its blob reached lab-c and insurer-d, which never served it)
        byte[] control = probe(conditionCiphertext);
        byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        // the erased record's data key as the patient had re-wrapped it for a grantee, and (control) another one
        byte[] grantKeyProbe = erasedGrantKey.getBytes(StandardCharsets.US_ASCII);
        byte[] grantKeyControl = keptGrantKey.getBytes(StandardCharsets.US_ASCII);

        // The erasure makes every node compact its blob columns and take a snapshot, then drop the older
        // checkpoints (which still link the erased bytes). Wait for that on the live nodes, scanning every file of
        // every node directory: RocksDB files, Raft log segments, snapshots.
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<Path> holding = holdersOf(probe, grantKeyProbe);
        while (!holding.isEmpty() && System.nanoTime() < deadline) {
            sleep(250);
            holding = holdersOf(probe, grantKeyProbe);
        }
        assertThat(holding).as("files holding the erased ciphertext or its grant-wrapped key while the nodes run")
                .isEmpty();

        // close every node so RocksDB has flushed everything it holds, then scan again
        for (NodeAssembly n : nodes.values()) {
            n.ledger().store().flush();
        }
        for (NodeAssembly n : List.copyOf(nodes.values())) {
            n.close();
        }
        nodes.clear();

        LedgerVerifier verifier = new LedgerVerifier(NodeAssembly.contracts(), NodeAssembly.certificateCheck());
        for (String org : ORGS) {
            Path nodeDir = layout.org(org);
            Path data = nodeDir.resolve(NodeConfig.read(nodeDir).dataDir());
            List<Path> files = filesUnder(nodeDir);
            assertThat(files).as(org).isNotEmpty();
            assertThat(files.stream().filter(f -> f.getFileName().toString().startsWith("log_")))
                    .as(org + "'s Raft log segments").isNotEmpty();
            boolean controlFound = false;
            boolean grantKeyControlFound = false;
            for (Path f : files) {
                byte[] bytes = Files.readAllBytes(f);
                boolean hasControl = indexOf(bytes, control) >= 0;
                controlFound |= hasControl && f.startsWith(data);
                grantKeyControlFound |= indexOf(bytes, grantKeyControl) >= 0 && f.startsWith(data);
                assertThat(indexOf(bytes, probe)).as("erased ciphertext in " + f).isEqualTo(-1);
                assertThat(indexOf(bytes, grantKeyProbe)).as("erased record's grant-wrapped key in " + f).isEqualTo(-1);
                assertThat(indexOf(bytes, marker)).as("plaintext marker in " + f).isEqualTo(-1);
                for (String name : syntheaNames) {
                    assertThat(indexOf(bytes, name.getBytes(StandardCharsets.UTF_8)))
                            .as("imported patient's name " + name + " in " + f).isEqualTo(-1);
                }
                if (f.getFileName().toString().startsWith("log_")) {
                    // blobs travel as Ratis state-machine data: the log keeps their hashes, never their bytes
                    assertThat(hasControl).as("record ciphertext in the Raft log segment " + f).isFalse();
                }
            }
            assertThat(controlFound).as("unerased Condition ciphertext in " + org + "'s data/").isTrue();
            assertThat(grantKeyControlFound).as("a kept grant-wrapped key in " + org + "'s data/").isTrue();

            VerificationReport r = verifier.verify(data);
            System.out.printf("%s: verified %d blocks, %d txs, %d certified, head %s%n", org, r.blocks(),
                    r.transactions(), r.certifiedBlocks(), r.headHash().hex());
            assertThat(r.certifiedBlocks()).as(org).isPositive();
            assertThat(r.headHash().hex()).as(org).isEqualTo(head);
        }
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).as("log line").doesNotContain(MARKER);
            for (String name : syntheaNames) {
                assertThat(e.getFormattedMessage()).as("log line").doesNotContain(name);
            }
        }
    }

    /** Every file of every node directory that contains any of the {@code needles}. */
    private static List<Path> holdersOf(byte[]... needles) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String org : ORGS) {
            for (Path f : filesUnder(layout.org(org))) {
                try {
                    byte[] bytes = Files.readAllBytes(f);
                    if (Arrays.stream(needles).anyMatch(n -> indexOf(bytes, n) >= 0)) {
                        found.add(f);
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // deleted while scanning (a compaction or a dropped checkpoint): it holds nothing now
                }
            }
        }
        return found;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        } catch (java.io.UncheckedIOException e) {
            // a file vanished during the walk; walk again
            try (Stream<Path> s = Files.walk(dir)) {
                return s.filter(Files::isRegularFile).toList();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static CliIdentity member(String org, String name, String... roles) {
        MemberCommand.add(layout, genesis, http(org), org, name, List.of(roles));
        return CliIdentity.load(layout.root(), org + "/" + name);
    }

    /** The org's node, called as the org's admin. */
    private static CareledgerClient http(String org) {
        return care.get(org).http();
    }

    /** The org's node, called as this member. */
    private static CareledgerClient as(String org, CliIdentity who) {
        return care.get(org).as(who.signer());
    }

    /** The org's node, called as the patient of this wallet (who sees all of its own data). */
    private static CareledgerClient patient(String org, PatientWallet w) {
        return care.get(org).as(w.signer());
    }

    /** The org's node, called as an auditor of hospital-a (the custodian whose review queue the tests read). */
    private static CareledgerClient auditorOfA(String org) {
        return care.get(org).as(CliIdentity.load(layout.root(), A + "/" + AUDITOR_OF_A).signer());
    }

    private static Path fhirTestdata() {
        return SyntheaBundles.directory();
    }

    private static AccessResult withCiphertext(AccessResult a, byte[] ciphertext, String claimedSha256) {
        return new AccessResult(a.accessId(), a.txId(), a.height(), a.decision(), a.breakGlass(), a.recordId(),
                a.recordType(), a.patientId(), a.authorOrg(), claimedSha256, Base64.getEncoder().encodeToString(ciphertext),
                a.keysSha256(), a.keys(), a.keysRewrappedBy(), a.tx(), a.header());
    }

    /** What a light client does: the header bytes hash to the header, the path leads from the tx id to its root. */
    private static void assertProven(String txId, InclusionProofView p, HeaderView headerView) {
        assertThat(p).as("proof of " + txId).isNotNull();
        BlockHeader header = ProofChecker.verifyHeaderUncertified(headerView);
        byte[] leaf = Rfc6962.leafHash(HEX.parseHex(txId));
        assertThat(p.leafHash()).isEqualTo(HEX.formatHex(leaf));
        assertThat(p.treeSize()).isEqualTo(header.getLogSize());
        assertThat(p.root()).isEqualTo(HEX.formatHex(header.getLogRoot().toByteArray()));
        assertThat(new InclusionProof(p.leafIndex(), p.treeSize(), p.path().stream().map(HEX::parseHex).toList())
                .verify(leaf, header.getLogRoot().toByteArray())).as("inclusion of " + txId).isTrue();
    }

    private static KeyBundle grantKeys(String org, String grantId) {
        JsonNode k = patient(org, wallet).getJson("v1/patients/" + wallet.patientId() + "/consents/" + grantId + "/keys");
        return KeyBundle.fromBytes(Base64.getDecoder().decode(k.get("keys").asText()));
    }

    private static int disclosuresOfTx(String org, String txId) {
        int n = 0;
        for (JsonNode p : patient(org, wallet).getJson("v1/patients/" + wallet.patientId() + "/disclosures").get("disclosures")) {
            n += p.get("disclosure").get("txId").asText().equals(txId) ? 1 : 0;
        }
        return n;
    }

    private static JsonNode grant(String org, String grantId) {
        for (JsonNode g : patient(org, wallet).getJson("v1/patients/" + wallet.patientId() + "/consents").get("grants")) {
            if (g.get("grantId").asText().equals(grantId)) {
                return g;
            }
        }
        return null;
    }

    private static JsonNode recordMeta(String org, String recordId) {
        for (JsonNode r : patient(org, wallet).getJson("v1/patients/" + wallet.patientId() + "/records").get("records")) {
            if (r.get("recordId").asText().equals(recordId)) {
                return r;
            }
        }
        throw new AssertionError(org + " does not list record " + recordId);
    }

    /** The disclosure with this access id as the org's node lists it, or null. */
    private static JsonNode disclosure(String org, String accessId) {
        JsonNode list = patient(org, wallet).getJson("v1/patients/" + wallet.patientId() + "/disclosures");
        for (JsonNode p : list.get("disclosures")) {
            if (p.get("disclosure").get("accessId").asText().equals(accessId)) {
                return p.get("disclosure");
            }
        }
        return null;
    }

    private static String awaitLeader() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> leaders = new ArrayList<>();
            for (String org : ORGS) {
                try {
                    String l = http(org).health().leader();
                    if (l != null && !l.isEmpty()) {
                        leaders.add(l);
                    }
                } catch (CareledgerException e) {
                    // not up yet
                }
            }
            if (leaders.size() == ORGS.size() && leaders.stream().distinct().count() == 1) {
                return leaders.get(0);
            }
            sleep(200);
        }
        throw new AssertionError("no Raft leader known to all 4 nodes within 60 s");
    }

    /** Waits until every node reports the same height and head hash; returns org → head hash. */
    private static Map<String, String> awaitConverged() {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Map<String, String> heads = new LinkedHashMap<>();
        while (System.nanoTime() < deadline) {
            heads.clear();
            List<Long> heights = new ArrayList<>();
            for (String org : ORGS) {
                HealthView h = http(org).health();
                heads.put(org, h.headHash());
                heights.add(h.height());
            }
            if (heights.stream().distinct().count() == 1 && heads.values().stream().distinct().count() == 1) {
                return heads;
            }
            sleep(100);
        }
        throw new AssertionError("nodes did not converge within 30 s: " + heads);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private static double secs() {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static byte[] probe(byte[] ciphertext) {
        return Arrays.copyOfRange(ciphertext, ciphertext.length / 2 - 16, ciphertext.length / 2 + 16);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        // ISO-8859-1 maps each byte to one char, so String's (vectorized) search finds byte sequences
        return new String(hay, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
