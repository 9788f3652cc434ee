package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careledger.client.CareledgerClient;
import org.careledger.client.ReadSession;
import org.careledger.client.Submissions;
import org.careledger.client.auth.NodeTrust;
import org.careledger.client.auth.RequestSigner;
import org.careledger.client.consent.ConsentClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.R4ProfileValidation;
import org.careledger.fhir.SyntheaBundles;
import org.careledger.gateway.FhirGateway;
import org.careledger.gateway.GatewayHeaders;
import org.careledger.gateway.GatewayToken;
import org.careledger.ledger.Genesis;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FHIR gateway (issue 11) on four Raft nodes, called only with HAPI's stock {@link IGenericClient}: every Synthea
 * test Bundle imported as a transaction through hospital-a's gateway (started as {@code careledger fhir-gateway}
 * does), imported again (nothing new), read back with {@code Patient/$everything} through hospital-b's gateway under
 * the patient's grant (the same resources, by record, with the same content), refused without a grant (403
 * OperationOutcome) and with a wrong token (401); every resource and Bundle a gateway answered passes HAPI's R4
 * validator. Read-your-writes across the two gateways goes through {@code X-Careledger-Min-Height}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FhirGatewayIT {
    private static final String A = "hospital-a";
    private static final String B = "hospital-b";
    private static final List<String> ORGS = List.of(A, B, "lab-c", "insurer-d");

    @TempDir
    static Path tmp;
    static NetworkLayout layout;
    static Genesis genesis;
    static final Map<String, NodeAssembly> nodes = new LinkedHashMap<>();
    static final Map<String, RecordsClient> care = new LinkedHashMap<>();
    /** One session for the SDK clients and both gateways' callers: what one wrote, the other reads. */
    static final ReadSession session = new ReadSession();
    static FhirGateway gatewayA;
    static FhirGateway gatewayB;
    static String token;
    static CliIdentity drAmes;
    static final FhirContext fhir = FhirR4.shared().context();
    /** Per Bundle name: the patient's wallet, the request Bundle, the location each entry was imported to. */
    static final Map<String, PatientWallet> wallets = new LinkedHashMap<>();
    static final Map<String, Bundle> requests = new LinkedHashMap<>();
    static final Map<String, List<String>> locations = new LinkedHashMap<>();
    static long t0;

    @BeforeAll
    static void start() throws Exception {
        t0 = System.nanoTime();
        layout = new NetworkLayout(tmp.resolve("net"));
        genesis = new NetworkInitializer().init(layout.root(), new NetworkInitializer.Options("careledger-fhir-gw-it",
                ORGS.stream().map(OrgSpec::parse).toList(), "127.0.0.1", CliRunner.freeBasePort(ORGS.size()), false,
                NodeConfig.RAFT));
        for (String org : ORGS) {
            NodeAssembly n = NodeAssembly.start(layout.org(org));
            nodes.put(org, n);
            care.put(org, new RecordsClient(new CareledgerClient(n.apiUrl(), session,
                    NodeTrust.fromGenesis(layout.genesis()), new RequestSigner(org + "/admin",
                            KeyFiles.readSigner(layout.adminKey(org))))));
        }
        awaitLeader();
        MemberCommand.add(layout, genesis, care.get(A).http(), A, "dr-ames", List.of("practitioner"));
        MemberCommand.add(layout, genesis, care.get(B).http(), B, "dr-lee", List.of("practitioner"));
        drAmes = CliIdentity.load(layout.root(), A + "/dr-ames");

        token = Submissions.newId("tok-");
        Path tokenFile = tmp.resolve("gateway.token");
        Files.writeString(tokenFile, token + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        gatewayA = FhirGatewayCommand.start(layout.root(), A, "dr-ames", "127.0.0.1", 0, false,
                GatewayToken.read(tokenFile), null);
        gatewayB = FhirGatewayCommand.start(layout.root(), B, "dr-lee", "127.0.0.1", 0, false,
                GatewayToken.read(tokenFile), null);
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhir.getRestfulClientFactory().setSocketTimeout(180_000);
        System.out.printf("4 Raft nodes and 2 gateways up after %.1f s%n", secs());
    }

    @AfterAll
    static void stop() {
        for (FhirGateway g : new FhirGateway[] {gatewayA, gatewayB}) {
            if (g != null) {
                g.close();
            }
        }
        nodes.values().forEach(NodeAssembly::close);
        System.out.printf("FhirGatewayIT total %.1f s%n", secs());
    }

    @Test
    @Order(1)
    void everySyntheaBundleImportsAsATransactionAndAgainCreatesNothing() {
        IGenericClient a = client(gatewayA, token);
        for (String name : SyntheaBundles.NAMES) {
            PatientWallet w = PatientWallet.create(tmp.resolve("wallet-" + name), genesis.chainId(), new SecureRandom());
            care.get(A).registerPatient(drAmes.signer(), w);
            wallets.put(name, w);
            String raw = new String(SyntheaBundles.read(name), StandardCharsets.UTF_8);
            Bundle request = parser().parseResource(Bundle.class, raw);
            requests.put(name, request);

            Bundle first = transaction(a, raw, w.patientId());
            assertThat(first.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
            assertThat(first.getEntry()).hasSameSizeAs(request.getEntry());
            assertThat(first.getEntry()).as(name).allSatisfy(e ->
                    assertThat(e.getResponse().getStatus()).isEqualTo("201 Created"));
            List<String> where = first.getEntry().stream().map(e -> e.getResponse().getLocation()).toList();
            for (int i = 0; i < where.size(); i++) {
                assertThat(where.get(i)).startsWith(request.getEntry().get(i).getResource().fhirType() + "/r-");
            }
            locations.put(name, where);
            assertValid(first);

            Bundle again = transaction(a, raw, w.patientId());
            assertThat(again.getEntry()).as(name + " again").allSatisfy(e ->
                    assertThat(e.getResponse().getStatus()).isEqualTo("200 OK"));
            assertThat(again.getEntry().stream().map(e -> e.getResponse().getLocation()).toList()).isEqualTo(where);
            assertValid(again);
            // nothing new on the ledger either: one record per resource
            assertThat(care.get(A).records(drAmes.signer(), w.patientId())).hasSize(request.getEntry().size());
        }
        System.out.printf("imported and re-imported %d Bundles after %.1f s%n", SyntheaBundles.NAMES.size(), secs());
    }

    @Test
    @Order(2)
    void anotherOrgWithAGrantReadsEverythingBackThroughItsOwnGateway() {
        IGenericClient b = client(gatewayB, token);
        for (String name : SyntheaBundles.NAMES.subList(0, 2)) {
            PatientWallet w = wallets.get(name);
            Bundle request = requests.get(name);
            List<String> types = request.getEntry().stream().map(e -> e.getResource().fhirType()).distinct().sorted()
                    .toList();
            new ConsentClient(care.get(A).http()).grant(w, B, types, null, "TREAT", null);

            Bundle everything = everything(b, w.patientId());
            assertThat(everything.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
            assertThat(everything.getEntry()).allSatisfy(e ->
                    assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH));
            assertValid(everything);
            assertSameResources(name, everything);
        }
        // a grant of one type: exactly that type comes back
        String third = SyntheaBundles.NAMES.get(2);
        new ConsentClient(care.get(A).http()).grant(wallets.get(third), B, List.of("Observation"), null, "TREAT", null);
        Bundle observations = everything(b, wallets.get(third).patientId());
        long expected = requests.get(third).getEntry().stream()
                .filter(e -> e.getResource().fhirType().equals("Observation")).count();
        assertThat(observations.getEntry()).hasSize((int) expected)
                .allSatisfy(e -> assertThat(e.getResource().fhirType()).isEqualTo("Observation"));
        assertValid(observations);
        // and the same as a type search, and one record read on its own (one audited read)
        Bundle search = b.search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId(wallets.get(third).patientId())).returnBundle(Bundle.class).execute();
        assertThat(search.getEntry()).hasSize((int) expected);
        assertValid(search);
        String obsId = observations.getEntry().getFirst().getResource().getIdElement().getIdPart();
        Observation one = b.read().resource(Observation.class).withId(obsId).execute();
        assertThat(one.getIdElement().getIdPart()).isEqualTo(obsId);
        // Synthea claims a US Core profile whose definition is not loaded here: R4ProfileValidation means that to be a
        // warning (setErrorForUnknownProfiles(false)), and it is one inside a Bundle, but HAPI 8.4 still reports it
        // as an error on a resource validated on its own; every other message counts
        assertThat(R4ProfileValidation.errors(one)).filteredOn(m -> !m.contains(
                "Failed to retrieve profile with url=http://hl7.org/fhir/us/core/")).as("R4 validation").isEmpty();
        System.out.printf("read back through hospital-b's gateway after %.1f s%n", secs());
    }

    @Test
    @Order(3)
    void theAuditTrailAndConsentsAreSearchableThroughTheGateways() {
        PatientWallet w = wallets.get(SyntheaBundles.NAMES.get(0));
        Bundle audit = client(gatewayA, token).search().forResource(AuditEvent.class)
                .where(AuditEvent.PATIENT.hasId(w.patientId())).returnBundle(Bundle.class).execute();
        // hospital-a holds the records: it sees hospital-b's set read, one disclosure per record
        long byB = audit.getEntry().stream().map(e -> (AuditEvent) e.getResource())
                .filter(e -> e.getAgent().stream().anyMatch(ag -> ag.getWho().hasIdentifier()
                        && ag.getWho().getIdentifier().getValue() != null
                        && ag.getWho().getIdentifier().getValue().contains("dr-lee")))
                .count();
        assertThat(byB).isGreaterThanOrEqualTo(requests.get(SyntheaBundles.NAMES.get(0)).getEntry().size());
        assertValid(audit);
        Bundle consents = client(gatewayB, token).search().forResource(Consent.class)
                .where(Consent.PATIENT.hasId(w.patientId())).returnBundle(Bundle.class).execute();
        assertThat(consents.getEntry()).isNotEmpty();
        assertValid(consents);
    }

    @Test
    @Order(4)
    void withoutAGrantTheReadIsRefusedAndAWrongTokenIs401() {
        // hospital-a's own record, read by hospital-b without any grant of that patient: the ledger refuses
        PatientWallet w = PatientWallet.create(tmp.resolve("wallet-nogrant"), genesis.chainId(), new SecureRandom());
        care.get(A).registerPatient(drAmes.signer(), w);
        Bundle one = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Observation obs = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        obs.getCode().setText("gateway test");
        obs.setId("obs-1");
        one.addEntry().setFullUrl("urn:uuid:obs-1").setResource(obs).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        org.hl7.fhir.r4.model.Patient p = new org.hl7.fhir.r4.model.Patient();
        p.setId("pat-1");
        p.addIdentifier().setSystem(GatewayHeaders.PATIENT_ID_SYSTEM).setValue(w.patientId());
        one.addEntry().setFullUrl("urn:uuid:pat-1").setResource(p).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        // the target patient named by the Patient's identifier this time, not a header
        Bundle created = client(gatewayA, token).transaction().withBundle(one).execute();
        String obsLocation = created.getEntry().getFirst().getResponse().getLocation();
        assertThat(created.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo("201 Created"));

        IGenericClient b = client(gatewayB, token);
        assertThatThrownBy(() -> everything(b, w.patientId())).isInstanceOfSatisfying(
                ForbiddenOperationException.class, e -> assertOutcome(e, 403, "FORBIDDEN"));
        assertThatThrownBy(() -> b.read().resource(Observation.class).withId(new IdType(obsLocation).getIdPart())
                .execute()).isInstanceOfSatisfying(ForbiddenOperationException.class,
                        e -> assertOutcome(e, 403, "ACCESS_DENIED"));
        // a Bundle for nobody in particular is refused before anything is written
        Bundle nobody = new Bundle().setType(Bundle.BundleType.BATCH);
        nobody.addEntry().setFullUrl("urn:uuid:o2").setResource(new Observation()).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        assertThatThrownBy(() -> client(gatewayA, token).transaction().withBundle(nobody).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class,
                        e -> assertOutcome(e, 400, "GATEWAY_PATIENT_REQUIRED"));

        for (FhirGateway g : new FhirGateway[] {gatewayA, gatewayB}) {
            assertThatThrownBy(() -> everything(client(g, token + "x"), w.patientId()))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> assertOutcome(e, 401, "AUTH_INVALID"));
        }
    }

    /**
     * The $everything answer holds exactly the imported resources, each under the record id its import reported,
     * with the content as imported: after mapping the served references back (a served record's {@code Type/id} to
     * its entry's fullUrl, a logical reference by identifier to the conditional reference it was) and leaving out
     * id and meta, each resource encodes to the same JSON as its request entry.
     */
    private static void assertSameResources(String name, Bundle everything) {
        Bundle request = requests.get(name);
        List<String> where = locations.get(name);
        Map<String, Integer> entryOf = new HashMap<>();
        Map<String, String> fullUrlOf = new HashMap<>();
        for (int i = 0; i < where.size(); i++) {
            entryOf.put(where.get(i), i);
            fullUrlOf.put(where.get(i), request.getEntry().get(i).getFullUrl());
        }
        List<Integer> seen = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : everything.getEntry()) {
            Resource served = e.getResource();
            String location = served.fhirType() + "/" + served.getIdElement().getIdPart();
            Integer i = entryOf.get(location);
            assertThat(i).as(name + ": served " + location + " is an imported entry").isNotNull();
            assertThat(e.getFullUrl()).endsWith("/" + location);
            seen.add(i);
            Resource back = served.copy();
            for (Reference r : fhir.newTerser().getAllPopulatedChildElementsOfType(back, Reference.class)) {
                if (r.hasReference() && fullUrlOf.containsKey(r.getReference())) {
                    r.setReference(fullUrlOf.get(r.getReference()));
                } else if (!r.hasReference() && r.hasType() && r.hasIdentifier()) {
                    r.setReference(r.getType() + "?identifier=" + (r.getIdentifier().hasSystem()
                            ? r.getIdentifier().getSystem() : "") + "|" + r.getIdentifier().getValue());
                    r.setType(null);
                    r.setIdentifier(null);
                }
            }
            assertThat(normalized(back)).as(name + " entry " + i + " (" + location + ")")
                    .isEqualTo(normalized(request.getEntry().get(i).getResource()));
        }
        assertThat(seen).as(name + ": every entry exactly once").containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, where.size()).boxed().toList());
    }

    private static String normalized(Resource r) {
        Resource c = r.copy();
        c.setId((String) null);
        c.setMeta(null);
        return parser().encodeResourceToString(c);
    }

    private static Bundle transaction(IGenericClient c, String raw, String patientId) {
        String answer = c.transaction().withBundle(raw).withAdditionalHeader(GatewayHeaders.PATIENT, patientId)
                .execute();
        return parser().parseResource(Bundle.class, answer);
    }

    private static Bundle everything(IGenericClient c, String patientId) {
        return c.operation().onInstance(new IdType("Patient", patientId)).named("$everything")
                .withNoParameters(Parameters.class).useHttpGet().returnResourceType(Bundle.class).execute();
    }

    private static void assertOutcome(BaseServerResponseException e, int status, String code) {
        assertThat(e.getStatusCode()).isEqualTo(status);
        OperationOutcome oo = e.getOperationOutcome() instanceof OperationOutcome o ? o
                : parser().parseResource(OperationOutcome.class, e.getResponseBody());
        assertThat(oo.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo(code);
        assertValid(oo);
    }

    private static void assertValid(IBaseResource r) {
        assertThat(R4ProfileValidation.errors(r)).as("R4 validation of " + r.fhirType()).isEmpty();
    }

    private static IParser parser() {
        return fhir.newJsonParser();
    }

    /** A stock client of a gateway with a bearer token, keeping the shared read session in step. */
    private static IGenericClient client(FhirGateway g, String bearer) {
        IGenericClient c = fhir.newRestfulGenericClient(g.baseUrl());
        c.setEncoding(EncodingEnum.JSON);
        c.registerInterceptor(new BearerTokenAuthInterceptor(bearer));
        c.registerInterceptor(new IClientInterceptor() {
            @Override
            public void interceptRequest(IHttpRequest request) {
                if (session.height() > 0) {
                    request.addHeader(GatewayHeaders.MIN_HEIGHT, Long.toString(session.height()));
                }
            }

            @Override
            public void interceptResponse(IHttpResponse response) {
                List<String> h = response.getHeaders(GatewayHeaders.HEIGHT);
                if (h != null && !h.isEmpty()) {
                    session.observe(Long.parseLong(h.getFirst()));
                }
            }
        });
        return c;
    }

    private static void awaitLeader() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> leaders = new ArrayList<>();
            for (String org : ORGS) {
                try {
                    String l = care.get(org).http().health().leader();
                    if (l != null && !l.isEmpty()) {
                        leaders.add(l);
                    }
                } catch (CareledgerException e) {
                    // not up yet
                }
            }
            if (leaders.size() == ORGS.size() && leaders.stream().distinct().count() == 1) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        throw new AssertionError("no Raft leader known to all 4 nodes within 60 s");
    }

    private static double secs() {
        return (System.nanoTime() - t0) / 1e9;
    }
}
