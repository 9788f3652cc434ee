package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.api.records.RecordSealer;
import org.careledger.api.records.SealedRecord;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.client.auth.RequestSigner;
import org.careledger.client.records.PatientWallet;
import org.careledger.contracts.audit.ReadRecord;
import org.careledger.contracts.consent.GrantConsent;
import org.careledger.contracts.records.GuardianChange;
import org.careledger.contracts.records.RegisterPatient;
import org.careledger.contracts.records.WriteRecord;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.node.reads.ReadLog;
import org.careledger.node.reads.ReadLogReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's API as attackers and careless clients meet it, on one real node over real TLS sockets: who is
 * authenticated, who may read which patient's data, and that every refusal has its code, leaves the node up and changes
 * nothing committed. The actors: anonymous callers, forgers and replayers, a member of another org, an insurer, a
 * pharmacy, a patient, a guardian, the custodian's auditor. docs/SECURITY.md's threat model points here.
 */
class ApiSecurityIT {
    private static final String HOSPITAL = "hospital-a";
    private static final String OTHER_HOSPITAL = "hospital-b";
    private static final String PHARMACY = "pharmacy-c";
    private static final String INSURER = "insurer-d";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;
    private static TestNetwork net;
    private static NodeAssembly node;
    private static HttpClient tls;
    private static TxSigner hospitalAdmin;
    private static TxSigner physician;
    private static TxSigner auditor;
    private static TxSigner otherPhysician;
    private static TxSigner otherAuditor;
    private static TxSigner insurerClerk;
    private static TxSigner pharmacist;
    private static PatientWallet patient;
    private static PatientWallet otherPatient;
    private static PatientWallet guardian;
    /** A patient who grants the insurer payment access (kept apart so the other tests see no grant). */
    private static PatientWallet insured;
    private static String insuredCondition;
    private static String observation;
    private static String condition;

    @BeforeAll
    static void networkWithPatients() {
        net = new TestNetwork(dir.resolve("net"));
        node = net.start(HOSPITAL);
        tls = HttpClient.newBuilder().sslContext(net.trust().sslContext()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        hospitalAdmin = net.admin(HOSPITAL);
        physician = member(HOSPITAL, "dr-ames", "physician");
        auditor = member(HOSPITAL, "audit-1", "auditor");
        otherPhysician = member(OTHER_HOSPITAL, "dr-lee", "physician");
        otherAuditor = member(OTHER_HOSPITAL, "audit-b", "auditor");
        insurerClerk = member(INSURER, "adjuster", "claims");
        pharmacist = member(PHARMACY, "clerk", "pharmacist");

        patient = registerPatient("patient");
        otherPatient = registerPatient("other-patient");
        guardian = registerPatient("guardian");
        ok(client(patient.signer()).submit(patient.signer().sign("patients", "addGuardian",
                new GuardianChange(patient.patientId(), guardian.identityId())), Wait.COMMIT));
        observation = write(patient, "Observation");
        condition = write(patient, "Condition");
        write(otherPatient, "Observation");
        insured = registerPatient("insured");
        write(insured, "Observation");
        insuredCondition = write(insured, "Condition");
    }

    @AfterAll
    static void stopAndVerifyTheReadLog() {
        if (node != null) {
            node.close();
            ReadLogReport r = ReadLog.verify(ReadLog.dirOf(net.layout.org(HOSPITAL)));
            assertThat(r.entries()).as("the reads these tests made were logged").isPositive();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // authentication

    @Test
    void anonymousCallersGetHealthOpenApiAndMetricsOnly() throws Exception {
        String head = headHash();
        for (String open : List.of("/v1/health", "/v1/health/ready", "/openapi.json", "/metrics", "/fhir/metadata")) {
            assertThat(raw("GET", open, null, Map.of()).statusCode()).as(open).isEqualTo(200);
        }
        for (String path : List.of("/v1/head", "/v1/blocks/1", "/v1/blocks/latest", "/v1/txs/" + "ab".repeat(32),
                "/v1/proofs/consistency?first=1", "/v1/identities/hospital-a/dr-ames", "/v1/orgs/hospital-a",
                "/v1/patients/" + patient.patientId() + "/records", "/v1/patients/" + patient.patientId() + "/disclosures",
                "/v1/patients/" + patient.patientId() + "/consents",
                "/v1/patients/" + patient.patientId() + "/records/" + observation + "/keys",
                "/v1/reviews/hospital-a", "/v1/access/a-0123/keys", "/v1/drugs/suspects", "/v1/drugs/verify?sgtin=x")) {
            HttpResponse<byte[]> r = raw("GET", path, null, Map.of());
            assertProblem(r, 401, "AUTH_REQUIRED");
            assertThat(r.headers().firstValue("Accept-Signature")).as(path).isPresent();
        }
        byte[] tx = physician.sign("notary", "anchor", Map.of()).toByteArray();
        for (String path : List.of("/v1/txs", "/v1/txs/batch", "/v1/txs/with-blobs", "/v1/access", "/v1/drugs/epcis")) {
            assertProblem(raw("POST", path, tx, Map.of("Content-Type", "application/x-protobuf")), 401, "AUTH_REQUIRED");
        }
        assertUnchanged(head);
    }

    @Test
    void plainHttpFindsNoApi() {
        String url = "http://127.0.0.1:" + node.apiPort() + "/v1/health";
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("plain HTTP on the TLS port").isEqualTo(400);
            assertThat(r.body()).doesNotContain("chainId");
        } catch (IOException e) {
            // the TLS port closing on a plaintext request is as good a refusal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void forgedStaleReplayedAndTamperedRequestsAreRefused() throws Exception {
        String head = headHash();
        String path = "/v1/patients/" + patient.patientId() + "/records";
        URI uri = uri(path);

        // a key that is not the identity's
        RequestSigner forger = new RequestSigner(physician.signerId(), Ed25519Signer.generate(RANDOM));
        assertProblem(raw("GET", path, null, forger.headers("GET", uri, null)), 401, "AUTH_INVALID");
        // an identity the ledger does not know
        RequestSigner ghost = new RequestSigner("hospital-a/ghost", Ed25519Signer.generate(RANDOM));
        assertProblem(raw("GET", path, null, ghost.headers("GET", uri, null)), 401, "AUTH_UNKNOWN_IDENTITY");
        // made ten minutes ago
        long stale = System.currentTimeMillis() / 1000 - 600;
        assertProblem(raw("GET", path, null, physician.requestSigner().headers("GET", uri, null, stale)), 401,
                "AUTH_EXPIRED");
        // signed for another path
        Map<String, String> other = physician.requestSigner().headers("GET", uri("/v1/orgs/hospital-a"), null);
        assertProblem(raw("GET", path, null, other), 401, "AUTH_INVALID");
        // a signature header that is not one
        Map<String, String> garbage = new TreeMap<>(physician.requestSigner().headers("GET", uri, null));
        garbage.put("Signature-Input", "cl=(\"@method\");created=x");
        assertProblem(raw("GET", path, null, garbage), 401, "AUTH_INVALID");
        // the same signed request twice: the second is a replay
        Map<String, String> once = physician.requestSigner().headers("GET", uri, null);
        assertThat(raw("GET", path, null, once).statusCode()).isEqualTo(200);
        assertProblem(raw("GET", path, null, once), 401, "AUTH_REPLAY");

        // a body other than the one signed: refused, nothing committed
        byte[] signedBody = physician.sign("notary", "anchor", Map.of("documentId", "d-1")).toByteArray();
        byte[] otherBody = physician.sign("notary", "anchor", Map.of("documentId", "d-2")).toByteArray();
        Map<String, String> headers = new TreeMap<>(physician.requestSigner().headers("POST", uri("/v1/txs"), signedBody));
        headers.put("Content-Type", "application/x-protobuf");
        assertProblem(raw("POST", "/v1/txs", otherBody, headers), 401, "AUTH_INVALID");
        // a body without the Content-Digest the signature must cover
        Map<String, String> noDigest = new TreeMap<>(physician.requestSigner().headers("GET", uri("/v1/txs"), null));
        noDigest.put("Content-Type", "application/x-protobuf");
        assertProblem(raw("POST", "/v1/txs", otherBody, noDigest), 401, "AUTH_INVALID");
        assertUnchanged(head);
        assertThat(client(physician).health().status()).isEqualTo("UP");
    }

    @Test
    void aRevokedMemberIsNoLongerACaller() {
        TxSigner leaving = member(HOSPITAL, "dr-leaving", "nurse");
        assertThat(client(leaving).head().height()).isPositive();
        ok(client(hospitalAdmin).submit(hospitalAdmin.sign("membership", "revokeMember",
                Map.of("name", "dr-leaving", "reason", "left")), Wait.COMMIT));
        assertProblem(client(leaving).exchange("GET", "/v1/head", null, null), 401, "AUTH_UNKNOWN_IDENTITY");
    }

    // ---------------------------------------------------------------------------------------------------------
    // authorization of patient-scoped data

    @Test
    void thePatientAndTheGuardianSeeEverythingOfThePatient() {
        for (TxSigner side : List.of(patient.signer(), guardian.signer())) {
            JsonNode records = client(side).getJson("v1/patients/" + patient.patientId() + "/records");
            assertThat(records.get("count").asInt()).as(side.signerId()).isEqualTo(2);
            assertThat(client(side).getJson("v1/patients/" + patient.patientId() + "/consents").get("count").asInt())
                    .isGreaterThanOrEqualTo(0);
            assertThat(client(side).exchange("GET", "/v1/patients/" + patient.patientId() + "/records/" + observation
                    + "/keys", null, null).statusCode()).isEqualTo(200);
        }
        // ...but not another patient's, nor the ledger's blocks
        assertProblem(client(patient.signer()).exchange("GET", "/v1/patients/" + otherPatient.patientId() + "/records",
                null, null), 403, "FORBIDDEN");
        assertProblem(client(guardian.signer()).exchange("GET", "/v1/patients/" + otherPatient.patientId()
                + "/disclosures", null, null), 403, "FORBIDDEN");
        assertProblem(client(patient.signer()).exchange("GET", "/v1/blocks/1", null, null), 403, "FORBIDDEN");
        assertProblem(client(patient.signer()).exchange("GET", "/v1/drugs/suspects", null, null), 403, "FORBIDDEN");
    }

    @Test
    void aPatientReadsTheTransactionsItSignedButNoOneElses() {
        SubmitResponse own = ok(client(otherPatient.signer()).submit(otherPatient.signer().sign("patients",
                "addGuardian", new GuardianChange(otherPatient.patientId(), "hospital-a/audit-1")), Wait.COMMIT));
        assertThat(client(otherPatient.signer()).tx(own.txId()).tx().signer()).isEqualTo(otherPatient.identityId());
        assertProblem(client(patient.signer()).exchange("GET", "/v1/txs/" + own.txId(), null, null), 403, "FORBIDDEN");
        assertThat(client(insurerClerk).tx(own.txId()).tx().txId()).as("consortium members see metadata")
                .isEqualTo(own.txId());
    }

    @Test
    void anInsurerAPharmacyAndAnotherHospitalSeeNothingWithoutCustodyOrGrant() {
        String head = headHash();
        for (TxSigner outsider : List.of(insurerClerk, pharmacist, otherPhysician, net.admin(INSURER))) {
            for (String path : List.of("/records", "/disclosures", "/disclosures?format=fhir", "/consents",
                    "/records/" + observation + "/keys")) {
                assertProblem(client(outsider).exchange("GET", "/v1/patients/" + patient.patientId() + path, null, null),
                        403, "FORBIDDEN");
            }
        }
        assertUnchanged(head);
    }

    @Test
    void aGrantShowsItsHolderOnlyWhatItCovers() {
        // the patient lets the insurer see Condition records for payment
        String grantId = "g-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        byte[] keys = ("{\"salt\":\"" + grantId + "\"}").getBytes(StandardCharsets.UTF_8);
        ok(client(insured.signer()).submitWithBlobs(insured.signer().sign("consent", "grant", new GrantConsent(grantId,
                insured.patientId(), INSURER, List.of("Condition"), null, "HPAYMT", null,
                org.careledger.core.Hash.sha256(keys).hex())), List.of(keys), Wait.COMMIT));

        JsonNode seen = client(insurerClerk).getJson("v1/patients/" + insured.patientId() + "/records");
        assertThat(seen.get("count").asInt()).isEqualTo(1);
        assertThat(seen.get("records").get(0).get("recordId").asText()).isEqualTo(insuredCondition);
        JsonNode grants = client(insurerClerk).getJson("v1/patients/" + insured.patientId() + "/consents");
        assertThat(grants.get("grants")).allSatisfy(g -> assertThat(g.get("grantee").asText()).isEqualTo(INSURER));
        assertThat(client(insurerClerk).exchange("GET", "/v1/patients/" + insured.patientId() + "/consents/" + grantId
                + "/keys", null, null).statusCode()).isEqualTo(200);
        // the record's own key bundle stays the custodian's and the patient's
        assertProblem(client(insurerClerk).exchange("GET", "/v1/patients/" + insured.patientId() + "/records/"
                + insuredCondition + "/keys", null, null), 403, "FORBIDDEN");
        // the pharmacy, holding no grant, still sees nothing
        assertProblem(client(pharmacist).exchange("GET", "/v1/patients/" + insured.patientId() + "/records", null, null),
                403, "FORBIDDEN");

        // every one of these reads is in the patient's accounting, with who read what
        JsonNode report = client(insured.signer()).getJson("v1/patients/" + insured.patientId() + "/disclosures");
        List<String> apiReads = new ArrayList<>();
        report.get("apiReads").forEach(e -> apiReads.add(e.get("caller").asText() + " " + e.get("kind").asText()));
        assertThat(apiReads).contains(insurerClerk.signerId() + " RECORD_LIST", insurerClerk.signerId() + " CONSENTS",
                insurerClerk.signerId() + " GRANT_KEYS");
        assertThat(apiReads).noneMatch(r -> r.startsWith(pharmacist.signerId())).as("refused reads read nothing");
        // ...and in its FHIR form, as AuditEvents that name the node's read log entry
        String fhir = new String(client(insured.signer()).exchange("GET", "/v1/patients/" + insured.patientId()
                + "/disclosures?format=fhir", null, null).body(), StandardCharsets.UTF_8);
        assertThat(fhir).contains("\"AuditEvent\"", "readLogSeq", insurerClerk.signerId(), "GRANT_KEYS " + grantId);
    }

    @Test
    void theCustodianSeesWhatItHoldsAndTheReadsOfIt() {
        JsonNode records = client(physician).getJson("v1/patients/" + patient.patientId() + "/records");
        assertThat(records.get("count").asInt()).isEqualTo(2);
        assertThat(client(auditor).exchange("GET", "/v1/patients/" + patient.patientId() + "/records/" + observation
                + "/keys", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void reviewQueuesAreForTheCustodiansAuditorsOnly() {
        assertThat(client(auditor).getJson("v1/reviews/" + HOSPITAL).get("org").asText()).isEqualTo(HOSPITAL);
        for (TxSigner not : List.of(physician, hospitalAdmin, otherAuditor, insurerClerk, patient.signer())) {
            assertProblem(client(not).exchange("GET", "/v1/reviews/" + HOSPITAL, null, null), 403, "FORBIDDEN");
        }
    }

    @Test
    void aReaderSubmitsOnlyItsOwnAccessReads() {
        String head = headHash();
        byte[] someoneElses = physician.sign("access", "read", new ReadRecord("a-" + Long.toHexString(RANDOM.nextLong()
                & Long.MAX_VALUE), observation, "TREAT", null)).toByteArray();
        assertProblem(client(otherPhysician).exchange("POST", "/v1/access", "application/x-protobuf", someoneElses), 403,
                "FORBIDDEN");
        assertUnchanged(head);
        // the reader itself is served
        assertThat(client(physician).exchange("POST", "/v1/access", "application/x-protobuf", someoneElses).statusCode())
                .isEqualTo(200);
    }

    @Test
    void onlyClinicalMembersOfProviderOrgsBreakTheGlass() {
        // an insurer or a pharmacy cannot give anyone the emergency role, clinical or not
        for (String org : List.of(INSURER, PHARMACY)) {
            TestNetwork.Member m = net.member(org, "er-" + org, List.of("physician", "emergency"));
            SubmitResponse r = client(net.admin(org)).submit(net.register(net.admin(org), m), Wait.COMMIT);
            assertThat(r.valid()).as(org).isFalse();
            assertThat(r.errorCode()).isEqualTo("MEMBER_ROLE_NOT_PERMITTED");
            assertProblem(client(net.admin(org)).exchange("GET", "/v1/identities/" + m.id(), null, null), 404,
                    "NOT_FOUND");
        }
        // the pharmacy clerk asking to break the glass: refused, recorded for the patient, no ciphertext served
        String accessId = "a-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        HttpResponse<byte[]> refused = client(pharmacist).exchange("POST", "/v1/access", "application/x-protobuf",
                pharmacist.sign("access", "read", new ReadRecord(accessId, observation, "ETREAT",
                        "unconscious patient")).toByteArray());
        assertProblem(refused, 403, "ACCESS_DENIED");
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("BREAK_GLASS_NOT_PERMITTED")
                .doesNotContain("ciphertext");
        JsonNode report = client(patient.signer()).getJson("v1/patients/" + patient.patientId() + "/disclosures");
        List<String> denied = new ArrayList<>();
        report.get("disclosures").forEach(d -> denied.add(d.get("disclosure").get("accessId").asText() + " "
                + d.get("disclosure").get("decision").asText()));
        assertThat(denied).contains(accessId + " DENIED");
        // a hospital-b physician with the emergency role does break it, flagged for hospital-a's auditors
        TestNetwork.Member er = net.member(OTHER_HOSPITAL, "er-doc", List.of("physician", "emergency"));
        ok(client(net.admin(OTHER_HOSPITAL)).submit(net.register(net.admin(OTHER_HOSPITAL), er), Wait.COMMIT));
        TxSigner erDoc = new TxSigner(net.genesis.chainId(), er.id(), er.signer());
        String bgId = "a-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        JsonNode bg = CanonicalJson.tree(client(erDoc).exchange("POST", "/v1/access", "application/x-protobuf",
                erDoc.sign("access", "read", new ReadRecord(bgId, observation, "ETREAT", "unconscious patient"))
                        .toByteArray()).body());
        assertThat(bg.get("decision").asText()).isEqualTo("BREAK_GLASS");
        assertThat(client(auditor).getJson("v1/reviews/" + HOSPITAL).get("count").asInt()).isPositive();
        // the custodian's re-wrapped key of that access goes to the reader's org, and to no one else
        assertThat(client(erDoc).exchange("GET", "/v1/access/" + bgId + "/keys", null, null).statusCode())
                .isEqualTo(200);
        for (TxSigner other : List.of(insurerClerk, pharmacist, patient.signer())) {
            assertProblem(client(other).exchange("GET", "/v1/access/" + bgId + "/keys", null, null), 403, "FORBIDDEN");
        }
    }

    @Test
    void theBreakGlassKeyOfAnAccessIsForTheReadersOrgOnly() {
        assertProblem(client(insurerClerk).exchange("GET", "/v1/access/a-nosuch/keys", null, null), 404,
                "ACCESS_NOT_FOUND");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static TxSigner member(String org, String name, String role) {
        TestNetwork.Member m = net.member(org, name, role);
        ok(client(net.admin(org)).submit(net.register(net.admin(org), m), Wait.COMMIT));
        return new TxSigner(net.genesis.chainId(), m.id(), m.signer());
    }

    private static PatientWallet registerPatient(String name) {
        PatientWallet w = PatientWallet.create(dir.resolve("wallets").resolve(name), net.genesis.chainId(), RANDOM);
        Base64.Encoder b64 = Base64.getEncoder();
        ok(client(physician).submit(physician.sign("patients", "registerPatient", new RegisterPatient(w.patientId(),
                b64.encodeToString(w.signingKey().publicKey()), b64.encodeToString(w.encryptionKey().publicKey()), null)),
                Wait.COMMIT));
        return w;
    }

    /** hospital-a's physician writes a sealed record of the patient; returns its id. */
    private static String write(PatientWallet w, String type) {
        String recordId = "r-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        Map<String, byte[]> recipients = new TreeMap<>();
        recipients.put(w.identityId(), w.encryptionKey().publicKey());
        recipients.put(HOSPITAL, KeyFiles.readEncryptionKey(net.layout.orgEncryptionKey(HOSPITAL)).publicKey());
        SealedRecord sealed = RecordSealer.seal(recordId, ("{\"resourceType\":\"" + type + "\"}")
                .getBytes(StandardCharsets.UTF_8), recipients);
        ok(client(physician).submitWithBlobs(physician.sign("records", "writeRecord", new WriteRecord(recordId,
                w.patientId(), type, sealed.ciphertextSha256().hex(), (long) sealed.ciphertext().length,
                sealed.keysSha256().hex(), null, null)), List.of(sealed.ciphertext(), sealed.keysBlob()), Wait.COMMIT));
        return recordId;
    }

    private static CareledgerClient client(TxSigner as) {
        return net.client(node, as);
    }

    private static SubmitResponse ok(SubmitResponse r) {
        assertThat(r.valid()).as(r.code() + " " + r.errorCode() + " " + r.message()).isTrue();
        return r;
    }

    private static URI uri(String path) {
        return URI.create(node.apiUrl() + path);
    }

    /** A request exactly as given: method, path, body and headers, over TLS pinned to genesis. */
    private static HttpResponse<byte[]> raw(String method, String path, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return tls.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String headHash() {
        return node.ledger().head().hash().hex();
    }

    private static void assertUnchanged(String head) {
        assertThat(headHash()).as("nothing committed").isEqualTo(head);
    }

    private static void assertProblem(HttpResponse<byte[]> r, int status, String code) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(r.request().method() + " " + r.request().uri() + " -> " + body).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = CanonicalJson.tree(r.body());
        assertThat(p.get("code").asText()).as(body).isEqualTo(code);
        assertThat(p.get("detail").asText()).isNotBlank().doesNotContain("Exception");
    }
}
