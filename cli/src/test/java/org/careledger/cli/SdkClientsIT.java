package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.careledger.api.drugs.DrugVerification;
import org.careledger.api.drugs.EpcisCaptureReport;
import org.careledger.api.consent.ConsentList;
import org.careledger.api.records.AccessResult;
import org.careledger.api.records.DisclosureList;
import org.careledger.api.records.ReadLogEntry;
import org.careledger.client.CareledgerClient;
import org.careledger.client.ReadSession;
import org.careledger.client.ReadmeExample;
import org.careledger.client.TxSigner;
import org.careledger.client.auth.NodeTrust;
import org.careledger.client.auth.RequestSigner;
import org.careledger.client.consent.ConsentClient;
import org.careledger.client.drugs.DrugClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.consent.ConsentGrant;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.x509.KeyFiles;
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

/**
 * The SDK's typed clients end to end on a real four-node Raft network (quorum 3): the README's worked example as it
 * is written ({@link ReadmeExample}), then consent revoked, a break-glass read opened with the custodian's keys and
 * reviewed, the patient's accounting of disclosures, erasure, and the drug calls. Reads on another node than the
 * write follow one {@link ReadSession}; nothing waits by sleeping.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SdkClientsIT {
    private static final String A = "hospital-a";
    private static final String B = "hospital-b";
    private static final String ACME = "acme";
    private static final List<String> ORGS = List.of(A, B, "acme=manufacturer@0614141", "pharmacy-c");
    private static final String PACK = "urn:epc:id:sgtin:0614141.107346.3001";
    private static final byte[] OBSERVATION = "{\"resourceType\":\"Observation\",\"status\":\"final\"}"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path tmp;
    static NetworkLayout layout;
    static Genesis genesis;
    static final Map<String, NodeAssembly> nodes = new LinkedHashMap<>();
    static final ReadSession session = new ReadSession();
    static CliIdentity drAmes;
    static CliIdentity drLee;
    static CliIdentity erKim;
    static CliIdentity auditor;
    static ReadmeExample.Seen seen;

    @BeforeAll
    static void start() {
        layout = new NetworkLayout(tmp.resolve("net"));
        genesis = new NetworkInitializer().init(layout.root(), new NetworkInitializer.Options("careledger-sdk-it",
                ORGS.stream().map(OrgSpec::parse).toList(), "127.0.0.1", CliRunner.freeBasePort(ORGS.size()), false,
                NodeConfig.RAFT));
        for (var org : genesis.orgs()) {
            nodes.put(org.id(), NodeAssembly.start(layout.org(org.id())));
        }
        awaitLeader();
        drAmes = member(A, "dr-ames", "practitioner");
        drLee = member(B, "dr-lee", "practitioner");
        erKim = member(B, "er-kim", "practitioner", "emergency");
        auditor = member(A, "auditor-1", "auditor");
        // the manufacturer commissions the pack the example verifies, through its own node
        TxSigner acme = new TxSigner(genesis.chainId(), ACME + "/admin", KeyFiles.readSigner(layout.adminKey(ACME)));
        EpcisCaptureReport commissioned = new DrugClient(admin(ACME)).captureEpcis(acme, """
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2025-03-01T10:00:00Z",
                 "epcisBody": {"eventList": [
                   {"type": "ObjectEvent", "eventID": "urn:uuid:9d0c5a4e-0000-4000-8000-0000000000a1",
                    "eventTime": "2025-03-01T09:00:00+01:00", "eventTimeZoneOffset": "+01:00", "action": "ADD",
                    "bizStep": "commissioning", "disposition": "active", "epcList": ["%s"],
                    "ilmd": {"cbvmda:lotNumber": "LOT-9", "cbvmda:itemExpirationDate": "2030-06-30"}}]}}"""
                .formatted(PACK), null);
        assertThat(commissioned.accepted()).as(commissioned.toString()).isEqualTo(1);
        session.observe(commissioned.height());
        // hospital B's node has the commissioning before the example asks it (the session waits for that height)
        assertThat(new DrugClient(admin(B)).verify(PACK).verdict()).isEqualTo("GENUINE");
    }

    @AfterAll
    static void stop() {
        nodes.values().forEach(NodeAssembly::close);
        nodes.clear();
    }

    @Test
    @Order(1)
    void theReadmeExampleRunsAsWritten() {
        seen = ReadmeExample.run(layout.root(), nodes.get(A).apiUrl(), nodes.get(B).apiUrl(), tmp.resolve("wallet"),
                PACK);
        assertThat(seen.plaintext()).isEqualTo(OBSERVATION);
        assertThat(seen.read().decision()).isEqualTo("GRANT");
        assertThat(seen.read().recordId()).isEqualTo(seen.recordId());
        assertThat(seen.pack().verdict()).isEqualTo("GENUINE");
        assertThat(seen.custody().total()).isEqualTo(1);
        assertThat(seen.custody().proven()).isEqualTo(1);
        assertThat(seen.proven().certified()).isTrue();
        assertThat(seen.proven().signers()).hasSizeGreaterThanOrEqualTo(3)
                .allMatch(s -> s.endsWith("/node"));
        session.observe(seen.read().height()); // what the example wrote and read, the next reads see
    }

    @Test
    @Order(2)
    void aRevokedGrantDeniesTheNextReadAndTheDisclosuresListBoth() {
        PatientWallet wallet = PatientWallet.open(tmp.resolve("wallet"));
        ConsentClient consent = new ConsentClient(admin(A));
        ConsentList grants = consent.consents(wallet.signer(), wallet.patientId());
        assertThat(grants.patientId()).isEqualTo(wallet.patientId());
        assertThat(grants.count()).isEqualTo(1);
        assertThat(grants.grants()).extracting(ConsentGrant::grantId).containsExactly(seen.grantId());
        assertThat(grants.grants().getFirst().revokedAtMillis()).isNull();
        session.observe(consent.revoke(wallet, seen.grantId()).height());

        RecordsClient atB = new RecordsClient(admin(B));
        assertThatThrownBy(() -> atB.read(drLee.signer(), seen.recordId(), "TREAT", null))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("ACCESS_DENIED"));

        DisclosureList disclosures = atB.disclosures(wallet.signer(), wallet.patientId());
        assertThat(disclosures.disclosures()).extracting(p -> p.disclosure().decision())
                .containsExactly("GRANT", "DENIED");
        assertThat(disclosures.count()).isEqualTo(2);
        // node A's read log, typed: the patient read its consent list there above
        List<ReadLogEntry> readsAtA = new RecordsClient(admin(A)).disclosures(wallet.signer(), wallet.patientId())
                .apiReads();
        assertThat(readsAtA).anySatisfy(r -> {
            assertThat(r.kind()).isEqualTo("CONSENTS");
            assertThat(r.caller()).isEqualTo(wallet.signer().signerId());
            assertThat(r.patientId()).isEqualTo(wallet.patientId());
            assertThat(r.hash()).hasSize(64);
        });
        assertThat(atB.disclosuresFhir(wallet.signer(), wallet.patientId()).get("resourceType").asText())
                .isEqualTo("Bundle");
    }

    @Test
    @Order(3)
    void aBreakGlassReadAtAnotherNodeOpensWithTheCustodiansKeysAndIsReviewed() {
        RecordsClient atB = new RecordsClient(admin(B));
        AccessResult served = atB.read(erKim.signer(), seen.recordId(), "ETREAT", "unconscious patient in the ED");
        assertThat(served.breakGlass()).isTrue();
        session.observe(served.height());
        AccessResult withKeys = RecordsClient.withCustodianKeys(served, B, () -> admin(A).as(erKim.signer().requestSigner()));
        assertThat(RecordsClient.open(withKeys, B, erKim.requireOrgKey())).isEqualTo(OBSERVATION);

        RecordsClient atA = new RecordsClient(admin(A));
        List<String> pending = new ArrayList<>();
        atA.reviewQueue(auditor.signer(), A).get("pending").forEach(p -> pending.add(p.get("accessId").asText()));
        assertThat(pending).containsExactly(served.accessId());
        assertThat(atA.reviewBreakGlass(auditor.signer(), served.accessId(), "JUSTIFIED", "ED admission").valid())
                .isTrue();
    }

    @Test
    @Order(4)
    void thePatientListsAndErasesTheRecordWhichIsThenRefused() {
        PatientWallet wallet = PatientWallet.open(tmp.resolve("wallet"));
        RecordsClient atA = new RecordsClient(admin(A));
        List<RecordMeta> records = atA.records(wallet.signer(), wallet.patientId());
        assertThat(records).extracting(RecordMeta::recordId).containsExactly(seen.recordId());
        assertThat(records.getFirst().recordType()).isEqualTo("Observation");
        // the grant was revoked, so no grant in force holds the record's key any more
        assertThat(new ConsentClient(admin(A)).eraseWithGrantKeys(wallet.signer(), wallet.patientId(), seen.recordId(),
                "patient request")).isEmpty();
        assertThatThrownBy(() -> atA.read(drAmes.signer(), seen.recordId(), "TREAT", null))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("RECORD_ERASED"));
    }

    @Test
    @Order(5)
    void anUnknownPackIsUnknownAndTheSuspectListIsEmptyOnACleanChain() {
        DrugClient drugs = new DrugClient(admin("pharmacy-c"));
        DrugVerification unknown = drugs.verify("urn:epc:id:sgtin:0614141.107346.9999");
        assertThat(unknown.verdict()).isEqualTo("UNKNOWN");
        assertThat(DrugClient.checkProofs(unknown, org.careledger.client.GenesisNodes.fromGenesis(layout.genesis()))
                .proven()).isZero();
        assertThat(drugs.suspects(0, 100)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The org's node, called as the org's admin, in the shared read session. */
    private static CareledgerClient admin(String org) {
        return new CareledgerClient(nodes.get(org).apiUrl(), session, NodeTrust.fromGenesis(layout.genesis()),
                new RequestSigner(org + "/admin", KeyFiles.readSigner(layout.adminKey(org))));
    }

    private static CliIdentity member(String org, String name, String... roles) {
        MemberCommand.add(layout, genesis, admin(org), org, name, List.of(roles));
        return CliIdentity.load(layout.root(), org + "/" + name);
    }

    private static void awaitLeader() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> leaders = Stream.of(genesis.orgs().toArray(org.careledger.ledger.GenesisOrg[]::new))
                    .map(o -> {
                        try {
                            return admin(o.id()).health().leader();
                        } catch (CareledgerException e) {
                            return null; // not up yet
                        }
                    }).filter(l -> l != null && !l.isEmpty()).toList();
            if (leaders.size() == ORGS.size() && leaders.stream().distinct().count() == 1) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no Raft leader known to all 4 nodes within 60 s");
    }
}
