package org.careledger.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.node.fhir.FhirHttp.assertOutcome;
import static org.careledger.node.fhir.FhirHttp.body;
import static org.careledger.node.fhir.FhirHttp.parse;

import java.io.IOException;
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
import org.careledger.node.NodeAssembly;
import org.careledger.node.TestNetwork;
import org.careledger.node.reads.ReadLog;
import org.careledger.node.reads.ReadKind;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's FHIR facade ({@code /fhir}) on a real node over TLS, called as a FHIR client would: plain HTTP with the
 * RFC 9421 signature of the SDK's RequestSigner, answers parsed by HAPI's R4 parser (strict). What a caller sees is
 * what the {@code /v1} forms show it, each search is in the read log, and every refusal is an OperationOutcome with
 * the careledger code and the HTTP status that code has everywhere.
 */
class FhirApiIT {
    private static final String HOSPITAL = "hospital-a";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;
    private static TestNetwork net;
    private static NodeAssembly node;
    private static FhirHttp http;
    private static TxSigner physician;
    private static TxSigner otherPhysician;
    private static TxSigner insurerClerk;
    private static PatientWallet patient;
    private static String observation;
    private static String grantId;

    @BeforeAll
    static void aPatientWithRecordsReadsAndAGrant() {
        net = new TestNetwork(dir.resolve("net"));
        node = net.start(HOSPITAL);
        http = new FhirHttp(net.trust(), null);
        physician = member(HOSPITAL, "dr-ames", "physician");
        otherPhysician = member("hospital-b", "dr-lee", "physician");
        insurerClerk = member("insurer-d", "adjuster", "claims");
        patient = PatientWallet.create(dir.resolve("wallet"), net.genesis.chainId(), RANDOM);
        Base64.Encoder b64 = Base64.getEncoder();
        ok(client(physician).submit(physician.sign("patients", "registerPatient", new RegisterPatient(
                patient.patientId(), b64.encodeToString(patient.signingKey().publicKey()),
                b64.encodeToString(patient.encryptionKey().publicKey()), null)), Wait.COMMIT));
        observation = write("Observation");
        // an own-org read (granted) and another hospital's read without consent (denied): both in the accounting
        assertThat(client(physician).exchange("POST", "/v1/access", "application/x-protobuf", physician.sign("access",
                "read", new ReadRecord(newId("a-"), observation, "TREAT", null)).toByteArray()).statusCode())
                .isEqualTo(200);
        assertThat(client(otherPhysician).exchange("POST", "/v1/access", "application/x-protobuf", otherPhysician.sign(
                "access", "read", new ReadRecord(newId("a-"), observation, "TREAT", null)).toByteArray())
                .statusCode()).isEqualTo(403);
        grantId = newId("g-");
        byte[] keys = ("{\"salt\":\"" + grantId + "\"}").getBytes(StandardCharsets.UTF_8);
        ok(client(patient.signer()).submitWithBlobs(patient.signer().sign("consent", "grant", new GrantConsent(grantId,
                patient.patientId(), "insurer-d", List.of("Observation"), null, "HPAYMT", null,
                org.careledger.core.Hash.sha256(keys).hex())), List.of(keys), Wait.COMMIT));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theCapabilityStatementIsAnonymousAndSaysWhatIsServed() throws Exception {
        HttpResponse<byte[]> json = fhir(null, "GET", "/fhir/metadata", Map.of());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
        CapabilityStatement cs = parse(json, CapabilityStatement.class);
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(cs.getRestFirstRep().getResource()).extracting(r -> r.getType())
                .containsExactly("AuditEvent", "Consent");
        assertThat(cs.getRestFirstRep().getResource()).allSatisfy(r ->
                assertThat(r.getSearchParam()).extracting(p -> p.getName()).containsExactly("patient"));
        // XML by _format and by Accept, and the same statement in both
        for (var asked : List.of(Map.of("q", "?_format=xml"), Map.of("q", "?_format=application/fhir%2Bxml"),
                Map.of("q", "?_format=application/fhir+xml") /* '+' unescaped in a query is a space: taken as meant */,
                Map.of("q", "", "Accept", "application/fhir+xml;q=0.9, */*;q=0.1"))) {
            Map<String, String> headers = new TreeMap<>(asked);
            String q = headers.remove("q");
            HttpResponse<byte[]> xml = fhir(null, "GET", "/fhir/metadata" + q, headers);
            assertThat(xml.headers().firstValue("Content-Type").orElse("")).as(asked.toString())
                    .startsWith("application/fhir+xml");
            CapabilityStatement fromXml = FhirR4.shared().context().newXmlParser()
                    .parseResource(CapabilityStatement.class, new String(xml.body(), StandardCharsets.UTF_8));
            assertThat(fromXml.equalsDeep(cs)).as(asked.toString()).isTrue();
        }
        assertOutcome(fhir(null, "GET", "/fhir/metadata?_format=text/html", Map.of()), 406, "FHIR_FORMAT_UNSUPPORTED");
    }

    @Test
    void thePatientSearchesItsAuditEventsWithTheDecisionsAndTheFhirReadsAreLogged() throws Exception {
        long logged = readLogEntries(ReadKind.DISCLOSURES);
        HttpResponse<byte[]> r = fhir(patient.signer(), "GET", "/fhir/AuditEvent?patient=" + patient.patientId(),
                Map.of("Accept", "application/fhir+json"));
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
        Bundle b = parse(r, Bundle.class);
        assertThat(b.getType()).isEqualTo(BundleType.SEARCHSET);
        assertThat(b.getTotal()).isEqualTo(b.getEntry().size()).isGreaterThanOrEqualTo(2);
        List<String> ids = new ArrayList<>();
        b.getEntry().forEach(e -> ids.add(((AuditEvent) e.getResource()).getIdElement().getIdPart()));
        assertThat(ids).doesNotHaveDuplicates();
        String all = body(r);
        assertThat(all).contains("NO_CONSENT", "OWN_ORG", otherPhysician.signerId(), "read DISCLOSURES");
        // the count before, the FHIR search, then the /v1 report that counts (which shows the reads before it)
        assertThat(readLogEntries(ReadKind.DISCLOSURES)).as("the search is in the read log").isEqualTo(logged + 2);

        // Patient/p-… names the same patient; XML gives the same Bundle
        HttpResponse<byte[]> xml = fhir(patient.signer(), "GET", "/fhir/AuditEvent?patient=Patient/"
                + patient.patientId() + "&_format=xml", Map.of());
        assertThat(xml.statusCode()).as(body(xml)).isEqualTo(200);
        Bundle fromXml = FhirR4.shared().context().newXmlParser().parseResource(Bundle.class, body(xml));
        assertThat(fromXml.getEntry()).hasSizeGreaterThanOrEqualTo(b.getEntry().size());
        assertThat(body(xml)).contains(otherPhysician.signerId(), "NO_CONSENT");
    }

    @Test
    void consentsAreASearchsetAndAGranteeSeesOnlyWhatItHolds() throws Exception {
        HttpResponse<byte[]> r = fhir(patient.signer(), "GET", "/fhir/Consent?patient=" + patient.patientId(), Map.of());
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        Bundle b = parse(r, Bundle.class);
        assertThat(b.getType()).isEqualTo(BundleType.SEARCHSET);
        assertThat(b.getTotal()).isEqualTo(1);
        assertThat(b.getEntryFirstRep().getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
        Consent c = (Consent) b.getEntryFirstRep().getResource();
        assertThat(body(r)).contains(grantId, "HPAYMT");
        assertThat(c.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        // the insurer holds that grant and sees it; it sees the AuditEvents of its own reads only (none yet)
        assertThat(parse(fhir(insurerClerk, "GET", "/fhir/Consent?patient=" + patient.patientId(), Map.of()),
                Bundle.class).getTotal()).isEqualTo(1);
    }

    @Test
    void refusalsAreOperationOutcomesWithTheCareledgerCodeAndChangeNothing() throws Exception {
        String head = node.ledger().head().hash().hex();
        String search = "/fhir/AuditEvent?patient=" + patient.patientId();
        HttpResponse<byte[]> anonymous = fhir(null, "GET", search, Map.of());
        assertOutcome(anonymous, 401, "AUTH_REQUIRED");
        assertThat(anonymous.headers().firstValue("Accept-Signature")).isPresent();
        // a hospital with no record, grant or read of this patient sees nothing of it, in either format
        assertOutcome(fhir(otherPhysician, "GET", search, Map.of()), 403, "FORBIDDEN");
        assertOutcome(fhir(otherPhysician, "GET", "/fhir/Consent?patient=" + patient.patientId(), Map.of()), 403,
                "FORBIDDEN");
        HttpResponse<byte[]> xml = fhir(otherPhysician, "GET", search + "&_format=xml", Map.of());
        assertThat(xml.statusCode()).isEqualTo(403);
        OperationOutcome o = FhirR4.shared().context().newXmlParser().parseResource(OperationOutcome.class, body(xml));
        assertThat(o.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("FORBIDDEN");
        // bad searches
        assertOutcome(fhir(physician, "GET", "/fhir/AuditEvent", Map.of()), 400, "BAD_REQUEST");
        assertOutcome(fhir(physician, "GET", search + "&date=ge2020", Map.of()), 400, "BAD_REQUEST");
        assertOutcome(fhir(physician, "GET", "/fhir/AuditEvent?patient=p-a,p-b", Map.of()), 400, "BAD_REQUEST");
        assertOutcome(fhir(physician, "GET", "/fhir/AuditEvent?patient=Patient/", Map.of()), 400, "BAD_REQUEST");
        assertOutcome(fhir(physician, "GET", "/fhir/Consent?patient=p-a&patient=p-b", Map.of()), 400, "BAD_REQUEST");
        // what the node does not serve says where it is done instead
        HttpResponse<byte[]> post = fhir(physician, "POST", "/fhir", "{\"resourceType\":\"Bundle\",\"type\":\"batch\"}"
                .getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/fhir+json"));
        assertOutcome(post, 501, "FHIR_NOT_SUPPORTED");
        assertThat(body(post)).contains("import-fhir");
        assertOutcome(fhir(physician, "GET", "/fhir/Observation/" + observation, Map.of()), 501, "FHIR_NOT_SUPPORTED");
        assertOutcome(fhir(physician, "GET", "/fhir/Patient/" + patient.patientId() + "/$everything", Map.of()), 501,
                "FHIR_NOT_SUPPORTED");
        assertOutcome(fhir(physician, "GET", "/fhir/a/b/c/d", Map.of()), 404, "NOT_FOUND");
        assertThat(node.ledger().head().hash().hex()).as("nothing committed").isEqualTo(head);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A FHIR request as a plain HTTP client makes it: signed by {@code as} (null: anonymous), pinned TLS. */
    private static HttpResponse<byte[]> fhir(TxSigner as, String method, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        return fhir(as, method, path, null, headers);
    }

    private static HttpResponse<byte[]> fhir(TxSigner as, String method, String path, byte[] body,
                                             Map<String, String> headers) throws IOException, InterruptedException {
        return http.send(node.apiUrl(), as, method, path, body, headers);
    }

    private static long readLogEntries(ReadKind kind) {
        return client(patient.signer()).getJson("v1/patients/" + patient.patientId() + "/disclosures")
                .get("apiReads").findValuesAsText("kind").stream().filter(k -> k.equals(kind.name())).count();
    }

    private static String write(String type) {
        String recordId = newId("r-");
        Map<String, byte[]> recipients = new TreeMap<>();
        recipients.put(patient.identityId(), patient.encryptionKey().publicKey());
        recipients.put(HOSPITAL, KeyFiles.readEncryptionKey(net.layout.orgEncryptionKey(HOSPITAL)).publicKey());
        SealedRecord sealed = RecordSealer.seal(recordId, ("{\"resourceType\":\"" + type + "\"}")
                .getBytes(StandardCharsets.UTF_8), recipients);
        ok(client(physician).submitWithBlobs(physician.sign("records", "writeRecord", new WriteRecord(recordId,
                patient.patientId(), type, sealed.ciphertextSha256().hex(), (long) sealed.ciphertext().length,
                sealed.keysSha256().hex(), null, null)), List.of(sealed.ciphertext(), sealed.keysBlob()), Wait.COMMIT));
        return recordId;
    }

    private static String newId(String prefix) {
        return prefix + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    private static TxSigner member(String org, String name, String role) {
        TestNetwork.Member m = net.member(org, name, role);
        ok(client(net.admin(org)).submit(net.register(net.admin(org), m), Wait.COMMIT));
        return new TxSigner(net.genesis.chainId(), m.id(), m.signer());
    }

    private static CareledgerClient client(TxSigner as) {
        return net.client(node, as);
    }

    private static SubmitResponse ok(SubmitResponse r) {
        assertThat(r.valid()).as(r.code() + " " + r.errorCode() + " " + r.message()).isTrue();
        return r;
    }
}
