package org.careledger.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.node.fhir.FhirHttp.assertOutcome;
import static org.careledger.node.fhir.FhirHttp.parse;
import static org.careledger.node.fhir.FhirHttp.parseXml;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.client.CareledgerClient;
import org.careledger.api.Wait;
import org.careledger.client.TxSigner;
import org.careledger.api.SubmitResponse;
import org.careledger.client.records.PatientWallet;
import org.careledger.api.records.RecordSealer;
import org.careledger.api.records.SealedRecord;
import org.careledger.contracts.audit.ReadRecord;
import org.careledger.contracts.consent.GrantConsent;
import org.careledger.contracts.records.RegisterPatient;
import org.careledger.contracts.records.WriteRecord;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.fhir.FhirR4;
import org.careledger.node.FourOrgNetwork;
import org.careledger.node.NodeAssembly;
import org.careledger.node.TestNetwork;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FHIR facade on a 4-node Raft network (four orgs, real RocksDB, TLS on loopback): writes, reads and a grant go
 * through different nodes, and then every node answers the patient's AuditEvent and Consent searches with the same
 * ledger history (read at the height the writer saw, never older), each with its own read log's API reads, in JSON and
 * XML, and every node refuses an outsider with the same OperationOutcome.
 */
class FhirMultiNodeIT {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;
    @AutoClose // after all tests
    private static FourOrgNetwork four;
    private static TestNetwork net;
    private static Map<String, NodeAssembly> nodes;
    private static FhirHttp http;
    private static TxSigner physician;
    private static TxSigner otherPhysician;
    private static PatientWallet patient;
    private static String grantId;

    @BeforeAll
    static void fourNodesAndAPatientsHistoryWrittenThroughThem() {
        four = FourOrgNetwork.start(dir);
        net = four.net;
        nodes = four.nodes();
        four.awaitLeader();
        http = new FhirHttp(net.trust(), four.session);
        physician = member("hospital-a", "dr-ames", "physician");
        otherPhysician = member("hospital-b", "dr-lee", "physician");
        patient = PatientWallet.create(dir.resolve("wallet"), net.genesis.chainId(), RANDOM);
        Base64.Encoder b64 = Base64.getEncoder();
        ok(client("hospital-a", physician).submit(physician.sign("patients", "registerPatient", new RegisterPatient(
                patient.patientId(), b64.encodeToString(patient.signingKey().publicKey()),
                b64.encodeToString(patient.encryptionKey().publicKey()), null)), Wait.COMMIT));
        String observation = write("Observation");
        // an own-org read through hospital-a's node, a denied one through hospital-b's, a grant through insurer-d's
        assertThat(client("hospital-a", physician).exchange("POST", "/v1/access", "application/x-protobuf",
                physician.sign("access", "read", new ReadRecord(newId("a-"), observation, "TREAT", null))
                        .toByteArray()).statusCode()).isEqualTo(200);
        assertThat(client("hospital-b", otherPhysician).exchange("POST", "/v1/access", "application/x-protobuf",
                otherPhysician.sign("access", "read", new ReadRecord(newId("a-"), observation, "TREAT", null))
                        .toByteArray()).statusCode()).isEqualTo(403);
        grantId = newId("g-");
        byte[] keys = ("{\"salt\":\"" + grantId + "\"}").getBytes(StandardCharsets.UTF_8);
        ok(client("insurer-d", patient.signer()).submitWithBlobs(patient.signer().sign("consent", "grant",
                new GrantConsent(grantId, patient.patientId(), "insurer-d", List.of("Observation"), null, "HPAYMT",
                        null, org.careledger.core.Hash.sha256(keys).hex())), List.of(keys), Wait.COMMIT));
    }

    @Test
    void everyNodeAnswersTheSameLedgerHistoryWithItsOwnApiReads() throws Exception {
        Bundle first = null;
        for (var e : nodes.entrySet()) {
            String org = e.getKey();
            HttpResponse<byte[]> r = http.send(e.getValue().apiUrl(), patient.signer(), "GET",
                    "/fhir/AuditEvent?patient=" + patient.patientId(), null, Map.of("Accept", "application/fhir+json"));
            Bundle b = parse(r, Bundle.class);
            List<AuditEvent> ledger = ledgerEvents(b);
            assertThat(ledger).as(org + ": the own-org read and the denied one").hasSize(2);
            assertThat(FhirHttp.body(r)).contains("OWN_ORG", "NO_CONSENT", otherPhysician.signerId());
            if (first == null) {
                first = b;
            } else {
                List<AuditEvent> expected = ledgerEvents(first);
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(ledger.get(i).equalsDeep(expected.get(i))).as(org + " AuditEvent " + i
                            + " is the same as the first node's").isTrue();
                }
            }
            // the API reads listed are this node's own (its read log), the patient's consent and disclosure reads
            for (AuditEvent api : apiEvents(b)) {
                assertThat(api.getSource().getSite()).as(org).isEqualTo(org + "/node");
            }
            // the same answer in XML
            Bundle xml = parseXml(http.send(e.getValue().apiUrl(), patient.signer(), "GET", "/fhir/AuditEvent?patient="
                    + patient.patientId() + "&_format=xml", null, Map.of()), Bundle.class);
            List<AuditEvent> fromXml = ledgerEvents(xml);
            for (int i = 0; i < ledger.size(); i++) {
                assertThat(fromXml.get(i).equalsDeep(ledger.get(i))).as(org + " XML AuditEvent " + i).isTrue();
            }
        }
    }

    @Test
    void everyNodeAnswersTheGrantAndRefusesAnOutsider() throws Exception {
        TxSigner pharmacist = member("pharmacy-c", "clerk", "pharmacist");
        for (var e : nodes.entrySet()) {
            Bundle b = parse(http.send(e.getValue().apiUrl(), patient.signer(), "GET", "/fhir/Consent?patient="
                    + patient.patientId(), null, Map.of()), Bundle.class);
            assertThat(b.getTotal()).as(e.getKey()).isEqualTo(1);
            Consent c = (Consent) b.getEntryFirstRep().getResource();
            assertThat(c.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
            assertThat(FhirR4.shared().newJsonParser().encodeResourceToString(c)).contains(grantId, "HPAYMT");
            assertOutcome(http.send(e.getValue().apiUrl(), pharmacist, "GET", "/fhir/AuditEvent?patient="
                    + patient.patientId(), null, Map.of()), 403, "FORBIDDEN");
            assertOutcome(http.send(e.getValue().apiUrl(), null, "GET", "/fhir/Consent?patient="
                    + patient.patientId(), null, Map.of()), 401, "AUTH_REQUIRED");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The AuditEvents of ledger accesses (they name the access transaction), in the Bundle's (block) order. */
    private static List<AuditEvent> ledgerEvents(Bundle b) {
        return b.getEntry().stream().map(x -> (AuditEvent) x.getResource()).filter(FhirMultiNodeIT::isLedgerAccess)
                .toList();
    }

    private static List<AuditEvent> apiEvents(Bundle b) {
        return b.getEntry().stream().map(x -> (AuditEvent) x.getResource()).filter(a -> !isLedgerAccess(a)).toList();
    }

    private static boolean isLedgerAccess(AuditEvent a) {
        return a.getEntity().stream().anyMatch(en -> en.getWhat().getIdentifier().getSystem() != null
                && en.getWhat().getIdentifier().getSystem().endsWith("/ledger-tx"));
    }

    private static String write(String type) {
        String recordId = newId("r-");
        Map<String, byte[]> recipients = new TreeMap<>();
        recipients.put(patient.identityId(), patient.encryptionKey().publicKey());
        recipients.put("hospital-a", KeyFiles.readEncryptionKey(net.layout.orgEncryptionKey("hospital-a")).publicKey());
        SealedRecord sealed = RecordSealer.seal(recordId, ("{\"resourceType\":\"" + type + "\"}")
                .getBytes(StandardCharsets.UTF_8), recipients);
        ok(client("hospital-a", physician).submitWithBlobs(physician.sign("records", "writeRecord", new WriteRecord(
                recordId, patient.patientId(), type, sealed.ciphertextSha256().hex(), (long) sealed.ciphertext().length,
                sealed.keysSha256().hex(), null, null)), List.of(sealed.ciphertext(), sealed.keysBlob()), Wait.COMMIT));
        return recordId;
    }

    private static TxSigner member(String org, String name, String role) {
        return four.member(org, name, role);
    }

    /** A client of {@code org}'s node sharing the test's read session, so each call sees the writes before it. */
    private static CareledgerClient client(String org, TxSigner as) {
        return four.client(org, as);
    }

    private static String newId(String prefix) {
        return prefix + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    private static SubmitResponse ok(SubmitResponse r) {
        assertThat(r.valid()).as(r.code() + " " + r.errorCode() + " " + r.message()).isTrue();
        return r;
    }
}
