package org.careledger.node.drugs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.careledger.api.InclusionProofView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.drugs.DrugVerification;
import org.careledger.api.drugs.EpcisCaptureReport;
import org.careledger.client.ProofChecker;
import org.careledger.client.TxSigner;
import org.careledger.contracts.supplychain.CaptureArgs;
import org.careledger.contracts.supplychain.EventOutcome;
import org.careledger.contracts.supplychain.ObjectIds;
import org.careledger.contracts.supplychain.RecallLot;
import org.careledger.contracts.supplychain.RegisterCompanyPrefix;
import org.careledger.contracts.supplychain.SupplyEventArgs;
import org.careledger.contracts.supplychain.SuspectRecord;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.merkle.InclusionProof;
import org.careledger.core.merkle.Rfc6962;
import org.careledger.core.proto.BlockHeader;
import org.careledger.epcis.EpcisExamples;
import org.careledger.epcis.gs1.Sgtin;
import org.careledger.ledger.ChainHead;
import org.careledger.ledger.LedgerVerifier;
import org.careledger.ledger.VerificationReport;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supply chain on a real network (one NodeAssembly per org, ordered by Apache Ratis, RocksDB, HTTP): every
 * GS1 EPCIS example through {@code POST /v1/drugs/epcis}, every kind of transition valid and invalid (refused
 * single events, and suspect events kept from captures), each org's transactions sent to its own node, and every
 * verify answer, read from another node, with proofs checked as a client would. At the end every node has the same
 * final head and each store verifies from genesis with its quorum certificates.
 */
class DrugSupplyChainIT {
    static final String CASE = "urn:epc:id:sscc:0614141.1234567890";
    @TempDir
    static Path dir;
    static DrugNetwork net;
    static TxSigner acme;
    static TxSigner wholesale;
    static TxSigner pharmacy;

    @BeforeAll
    static void start() {
        net = new DrugNetwork(dir);
        acme = net.admin("acme");
        wholesale = net.admin("wholesale");
        pharmacy = net.admin("pharmacy-c");
    }

    @AfterAll
    static void stopAndVerifyEveryStore() {
        if (net == null) {
            return;
        }
        ChainHead head;
        List<String> orgs = new ArrayList<>(net.nodes.keySet());
        try {
            head = net.awaitSameFinalHead();
            for (NodeAssembly n : net.nodes.values()) {
                assertThat(n.ledger().head().hash()).as(n.config().nodeId()).isEqualTo(head.hash());
                assertThat(n.haltReason()).as(n.config().nodeId()).isNull();
            }
        } finally {
            net.close();
        }
        for (String org : orgs) {
            VerificationReport r = new LedgerVerifier(NodeAssembly.contracts(), NodeAssembly.certificateCheck())
                    .verify(net.dataDir(org));
            assertThat(r.blocks()).as(org).isEqualTo(head.height());
            assertThat(r.headHash()).as(org).isEqualTo(head.hash());
            assertThat(r.certifiedBlocks()).as(org).isPositive();
        }
    }

    @Test
    void everyOrgRunsItsOwnNodeInOneRaftGroup() {
        assertThat(net.nodes.keySet()).containsExactlyElementsOf(
                net.genesis.orgs().stream().map(o -> o.id()).toList());
        assertThat(net.nodes.values()).extracting(n -> n.config().ordering()).containsOnly(NodeConfig.RAFT);
        assertThat(net.nodes.values()).extracting(NodeAssembly::apiPort).doesNotHaveDuplicates();
        List<String> nodeIds = net.nodes.values().stream().map(n -> n.config().nodeId()).toList();
        assertThat(nodeIds).contains(net.leader);
        List<String> leaders = new ArrayList<>();
        for (String org : net.nodes.keySet()) {
            var h = net.client(org).health();
            assertThat(h.chainId()).as(org).isEqualTo(net.genesis.chainId());
            if (h.leader() != null && !h.leader().isEmpty()) {
                leaders.add(h.leader());
            }
        }
        assertThat(leaders).isNotEmpty().allSatisfy(l -> assertThat(nodeIds).contains(l));
    }

    static SupplyEventArgs objects(String... epcs) {
        return new SupplyEventArgs(null, List.of(epcs), null, null, null, null, null, null, null);
    }

    static SupplyEventArgs ship(String to, String... epcs) {
        return new SupplyEventArgs(null, List.of(epcs), null, to, null, null, null, null, null);
    }

    static SupplyEventArgs commission(String lot, String expiry, List<String> epcs) {
        return new SupplyEventArgs(null, epcs, null, null, null, lot, expiry, null, null);
    }

    static void valid(SubmitResponse r) {
        assertThat(r.code()).as(r.errorCode() + ": " + r.message()).isEqualTo("VALID");
    }

    EpcisCaptureReport importEpcis(TxSigner who, String document, String shipTo) {
        DrugNetwork.Answer a = net.post(who, "/v1/drugs/epcis", net.captureEpcis(who, document, shipTo).toByteArray());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.as(EpcisCaptureReport.class);
    }

    /** Posts a capture the route must refuse before ordering; returns the problem's code. */
    String refusedBeforeOrdering(TxSigner who, String document) {
        DrugNetwork.Answer a = net.post(who, "/v1/drugs/epcis", net.captureEpcis(who, document, null).toByteArray());
        assertThat(a.status()).as(a.body()).isEqualTo(422);
        return CanonicalJson.tree(a.body().getBytes()).get("code").asText();
    }

    static List<String> outcomes(EpcisCaptureReport r) {
        if (!r.code().equals("VALID")) {
            return List.of(r.errorCode());
        }
        return r.outcomes().stream().map(o -> o.accepted() ? "ACCEPTED" : o.code()).toList();
    }

    static String example(String name) throws IOException {
        return Files.readString(examples().resolve(name));
    }

    static Path examples() {
        return EpcisExamples.directory();
    }

    @Test
    void everyGs1ExampleIsImportedThroughTheApiWithAnOutcomePerEvent() throws IOException {
        List<String> packs = new ArrayList<>(List.of("urn:epc:id:sgtin:0614141.107346.2017",
                "urn:epc:id:sgtin:0614141.107346.2018", "https://id.gs1.org/01/70614141123451/21/2017",
                "https://id.gs1.org/01/70614141123451/21/2018"));
        List<String> tenPacks = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            tenPacks.add("urn:epc:id:sgtin:9520001.012346.100000010" + String.format("%02d", i));
        }
        packs.addAll(tenPacks);
        valid(net.submit(acme, "commission", commission("LOT-A", "2030-12-31", packs)));

        Map<String, List<String>> seen = new LinkedHashMap<>();
        for (String name : List.of("Example_9.6.1-ObjectEvent.jsonld", "Example_9.6.1-ObjectEventWithDigitalLink.jsonld")) {
            seen.put(name + " as acme", outcomes(importEpcis(acme, example(name), "wholesale")));
            seen.put(name + " as wholesale", outcomes(importEpcis(wholesale, example(name), null)));
        }
        seen.put("Example_9.6.2-ObjectEvent.jsonld", outcomes(importEpcis(wholesale,
                example("Example_9.6.2-ObjectEvent.jsonld"), null)));
        valid(net.submit(wholesale, "receive", objects("urn:epc:id:sgtin:0614141.107346.2017")));
        valid(net.submit(wholesale, "pack", new SupplyEventArgs(null, List.of("urn:epc:id:sgtin:0614141.107346.2017",
                "urn:epc:id:sgtin:0614141.107346.2018"), CASE, null, null, null, null, null, null)));
        valid(net.submit(wholesale, "ship", ship("pharmacy-c", CASE)));
        EpcisCaptureReport aggregation = importEpcis(pharmacy, example("Example_9.6.3-AggregationEvent.jsonld"), null);
        seen.put("Example_9.6.3-AggregationEvent.jsonld", outcomes(aggregation));
        seen.put("Example_9.6.3-AggregationEventWithDigitalLink.jsonld", outcomes(importEpcis(pharmacy,
                example("Example_9.6.3-AggregationEventWithDigitalLink.jsonld"), null)));
        seen.put("Example_9.6.4-TransformationEvent.jsonld", outcomes(importEpcis(acme,
                example("Example_9.6.4-TransformationEvent.jsonld"), null)));
        seen.put("ErrorDeclarationAndCorrectiveEvent.jsonld", outcomes(importEpcis(acme,
                example("ErrorDeclarationAndCorrectiveEvent.jsonld"), null)));
        valid(net.submit(acme, "ship", new SupplyEventArgs(null, tenPacks, null, "wholesale", null, null, null, null,
                null)));
        seen.put("PersistentDisposition-example.jsonld", outcomes(importEpcis(wholesale,
                example("PersistentDisposition-example.jsonld"), null)));
        seen.put("object_event_all_possible_fields.jsonld", outcomes(importEpcis(wholesale,
                example("object_event_all_possible_fields.jsonld"), null)));
        seen.put("aggregation_event_all_possible_fields.jsonld", outcomes(importEpcis(pharmacy,
                example("aggregation_event_all_possible_fields.jsonld"), null)));
        seen.put("EPCIS-JSON-Schema.json", List.of(refusedBeforeOrdering(acme, example("EPCIS-JSON-Schema.json"))));

        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("Example_9.6.1-ObjectEvent.jsonld as acme", List.of("ACCEPTED", "NOT_APPLIED")),
                Map.entry("Example_9.6.1-ObjectEvent.jsonld as wholesale", List.of("EVENT_DUPLICATE", "ACCEPTED")),
                Map.entry("Example_9.6.1-ObjectEventWithDigitalLink.jsonld as acme",
                        List.of("ACCEPTED", "NOT_APPLIED")),
                Map.entry("Example_9.6.1-ObjectEventWithDigitalLink.jsonld as wholesale",
                        List.of("EVENT_DUPLICATE", "ACCEPTED")),
                Map.entry("Example_9.6.2-ObjectEvent.jsonld", List.of("EPCIS_NO_SERIALIZED_OBJECTS")),
                Map.entry("Example_9.6.3-AggregationEvent.jsonld", List.of("ACCEPTED")),
                Map.entry("Example_9.6.3-AggregationEventWithDigitalLink.jsonld", List.of("NOT_SHIPPED_TO_YOU")),
                Map.entry("Example_9.6.4-TransformationEvent.jsonld", List.of("EPCIS_EVENT_UNSUPPORTED")),
                Map.entry("ErrorDeclarationAndCorrectiveEvent.jsonld",
                        List.of("EPCIS_ERROR_DECLARATION_UNSUPPORTED", "EPCIS_EVENT_UNSUPPORTED")),
                Map.entry("PersistentDisposition-example.jsonld", List.of("ACCEPTED", "EPCIS_BIZSTEP_UNSUPPORTED")),
                Map.entry("object_event_all_possible_fields.jsonld", List.of("EPCIS_ERROR_DECLARATION_UNSUPPORTED")),
                Map.entry("aggregation_event_all_possible_fields.jsonld",
                        List.of("EPCIS_ERROR_DECLARATION_UNSUPPORTED")),
                Map.entry("EPCIS-JSON-Schema.json", List.of("EPCIS_UNKNOWN_DOCUMENT_TYPE"))));
        try (Stream<Path> files = Files.list(examples())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .allSatisfy(n -> assertThat(seen.keySet()).anyMatch(k -> k.startsWith(n)));
        }

        EventOutcome received = aggregation.outcomes().getFirst();
        assertThat(received.eventId()).startsWith("ni:///sha-256;87b5f18a");
        assertThat(received.kind()).isEqualTo("receive");
        assertThat(received.objects()).isEqualTo(3);
        assertThat(received.notes()).singleElement().asString().contains("childQuantityList");
        assertThat(aggregation.documentSha256()).hasSize(64);
        DrugVerification pack = net.verify("urn:epc:id:sgtin:0614141.107346.2018").as(DrugVerification.class);
        assertThat(pack.verdict()).isEqualTo("GENUINE");
        assertThat(pack.unit().owner()).isEqualTo("pharmacy-c");
        assertThat(pack.history()).extracting(DrugVerification.CustodyStep::kind)
                .containsExactly("COMMISSION", "SHIP", "RECEIVE", "PACK", "SHIP", "RECEIVE");
        assertThat(pack.history().get(1).eventId()).startsWith("ni:///sha-256;df7bb3c3");
    }

    @Test
    void verifyAnswersEveryVerdictWithCheckableProofs() {
        String gtinPrefix = "urn:epc:id:sgtin:0614141.020000.";
        String gtin = "00614141200009";
        List<String> good = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            good.add(gtinPrefix + "S" + i);
        }
        valid(net.submit(acme, "commission", commission("LOK", "2030-12-31", good)));
        valid(net.submit(acme, "commission", commission("LRC", "2030-12-31", List.of(gtinPrefix + "R1"))));
        valid(net.submit(acme, "commission", commission("LOLD", "2020-01-31", List.of(gtinPrefix + "X1"))));
        valid(net.submit(acme, "ship", ship("pharmacy-c", gtinPrefix + "S1", gtinPrefix + "S2", gtinPrefix + "S3",
                gtinPrefix + "S4", gtinPrefix + "R1")));
        valid(net.submit(pharmacy, "receive", objects(gtinPrefix + "S1", gtinPrefix + "S2", gtinPrefix + "S3",
                gtinPrefix + "S4", gtinPrefix + "R1")));
        valid(net.submit(pharmacy, "dispense", objects(gtinPrefix + "S1")));
        valid(net.submit(pharmacy, "decommission", objects(gtinPrefix + "S2")));
        valid(net.submit(pharmacy, "reportStolen", objects(gtinPrefix + "S3")));
        valid(net.submit(acme, acme.sign("supplychain", "recallLot", new RecallLot(gtin, "LRC",
                "sterility not assured"))));
        SubmitResponse clone = net.submit(acme, acme.sign("supplychain", "capture", new CaptureArgs(List.of(
                new SupplyEventArgs("commission", List.of(gtinPrefix + "S4"), null, null, null, "LOK", "2030-12-31",
                        null, null)))));
        valid(clone);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(gtinPrefix + "S4", "GENUINE");
        expected.put(gtinPrefix + "S5", "GENUINE");
        expected.put(gtinPrefix + "S1", "ALREADY_DISPENSED");
        expected.put(gtinPrefix + "S2", "DECOMMISSIONED");
        expected.put(gtinPrefix + "S3", "STOLEN");
        expected.put(gtinPrefix + "R1", "RECALLED");
        expected.put(gtinPrefix + "X1", "EXPIRED");
        expected.put(gtinPrefix + "NEVER", "UNKNOWN");
        expected.forEach((epc, verdict) -> {
            DrugNetwork.Answer a = net.verify(epc);
            assertThat(a.status()).isEqualTo(200);
            DrugVerification v = a.as(DrugVerification.class);
            assertThat(v.verdict()).as(epc + ": " + v.reason()).isEqualTo(verdict);
            assertThat(v.reason()).isNotBlank();
            assertProofsCheck(v);
        });

        DrugVerification genuine = net.verify(gtinPrefix + "S4").as(DrugVerification.class);
        assertThat(genuine.history()).extracting(DrugVerification.CustodyStep::kind)
                .containsExactly("COMMISSION", "SHIP", "RECEIVE");
        assertThat(genuine.unit().owner()).isEqualTo("pharmacy-c");
        assertThat(genuine.unit().lot()).isEqualTo("LOK");
        assertThat(genuine.suspects()).singleElement().satisfies(s -> {
            assertThat(s.code()).isEqualTo("CLONED_SERIAL");
            assertThat(s.txId()).isEqualTo(clone.txId());
        });
        assertThat(genuine.referenceTimeMillis()).isEqualTo(net.client.head().timestampMillis());
        DrugVerification recalled = net.verify(gtinPrefix + "R1").as(DrugVerification.class);
        assertThat(recalled.lot().recallProof().inclusion()).isNotNull();
        assertThat(recalled.reason()).contains("sterility not assured");
        assertThat(net.verify(gtinPrefix + "NEVER").as(DrugVerification.class).unit()).isNull();

        // the same pack in every syntax a pharmacy might scan or type
        for (String form : List.of("https://id.gs1.org/01/" + gtin + "/21/S4", "(01)" + gtin + "(21)S4",
                "]d201" + gtin + "1730123110LOK\u001D21S4", "(01)" + gtin + "(17)301231(10)LOK(21)S4")) {
            assertThat(net.verify(form).as(DrugVerification.class).verdict()).as(form).isEqualTo("GENUINE");
        }
        DrugVerification relabelled = net.verify("(01)" + gtin + "(17)301231(10)LOT9(21)S4").as(DrugVerification.class);
        assertThat(relabelled.verdict()).isEqualTo("LOT_MISMATCH");
        assertThat(relabelled.reason()).contains("lot LOT9");

        DrugNetwork.Answer bad = net.verify("(01)00614141200008(21)S4");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("BAD_REQUEST", "GS1_BAD_CHECK_DIGIT");
        assertThat(net.get("/v1/drugs/verify").status()).isEqualTo(400);

        JsonNode suspects = CanonicalJson.tree(net.get("/v1/drugs/suspects?limit=1000").body().getBytes());
        assertThat(suspects.findValuesAsText("code")).contains("CLONED_SERIAL");
        assertThat(net.get("/v1/drugs/suspects?limit=0").status()).isEqualTo(400);
    }

    static void refused(SubmitResponse r, String code) {
        assertThat(r.code()).as("expected " + code + ", got " + r.errorCode() + ": " + r.message())
                .isEqualTo("CONTRACT_ERROR");
        assertThat(r.errorCode()).as(r.message()).isEqualTo(code);
        assertThat(r.message()).isNotBlank();
    }

    static SupplyEventArgs event(String kind, String... epcs) {
        return new SupplyEventArgs(kind, List.of(epcs), null, null, null, null, null, null, null);
    }

    static SupplyEventArgs packing(String container, String... epcs) {
        return new SupplyEventArgs(null, List.of(epcs), container, null, null, null, null, null, null);
    }

    /**
     * Every kind of transition across the four nodes, valid and invalid: each org sends to its own node, the
     * regulator's node (which sends nothing of this) answers. Invalid single events are refused with their code;
     * the same events in a capture are rejected per event, kept as suspects for the authority, and the valid rest
     * of the capture commits.
     */
    @Test
    void everyTransitionValidAndInvalidAcrossTheNodes() {
        String p = "urn:epc:id:sgtin:0712345.012345.";
        String box = "urn:epc:id:sscc:0712345.0000000011";
        String gtin = ((Sgtin) ObjectIds.parse(p + "A1")).gtin().digits();
        TxSigner regulator = net.admin("regulator");
        long start = net.client.health().height() + 1;

        // company prefixes: a manufacturer commissions only under its own, from genesis or registered by an authority
        refused(net.submit(acme, "commission", commission("LN", "2030-12-31", List.of(p + "A1"))), "PREFIX_NOT_OWNED");
        refused(net.submit(acme, acme.sign("supplychain", "registerCompanyPrefix",
                new RegisterCompanyPrefix("acme", "0712345"))), "NOT_AUTHORITY");
        valid(net.submit(regulator, regulator.sign("supplychain", "registerCompanyPrefix",
                new RegisterCompanyPrefix("acme", "0712345"))));
        refused(net.submit(regulator, regulator.sign("supplychain", "registerCompanyPrefix",
                new RegisterCompanyPrefix("wholesale", "071234"))), "PREFIX_TAKEN");
        refused(net.submit(acme, "commission", commission("LN", "2030-12-31",
                List.of("urn:epc:id:sgtin:9529999.012345.X1"))), "PREFIX_NOT_OWNED"); // the distributor's prefix
        refused(net.submit(wholesale, "commission", commission("LN", "2030-12-31", List.of(p + "W1"))),
                "NOT_MANUFACTURER");
        List<String> serials = new ArrayList<>();
        for (String s : List.of("A1", "A2", "A3", "A4", "A5")) {
            serials.add(p + s);
        }
        valid(net.submit(acme, "commission", commission("LN", "2030-12-31", serials)));
        valid(net.submit(acme, "commission", commission("LR", "2030-12-31", List.of(p + "R1"))));
        refused(net.submit(acme, "commission", commission("LN", "2030-12-31", List.of(p + "A5"))), "CLONED_SERIAL");

        // aggregation
        valid(net.submit(acme, "pack", packing(box, p + "A1", p + "A2", p + "A3")));
        valid(net.submit(acme, "unpack", packing(box, p + "A3")));
        refused(net.submit(acme, "ship", ship("wholesale", p + "A1")), "UNIT_PACKED");

        // custody moves only when the receiver signs its half
        valid(net.submit(acme, "ship", ship("wholesale", box, p + "A3")));
        DrugVerification inTransit = net.verify(p + "A1").as(DrugVerification.class);
        assertThat(inTransit.unit().status()).isEqualTo("IN_TRANSIT");
        assertThat(inTransit.unit().owner()).isEqualTo("acme");
        assertThat(inTransit.unit().shippedTo()).isEqualTo("wholesale");
        refused(net.submit(pharmacy, "receive", objects(box)), "NOT_SHIPPED_TO_YOU");
        valid(net.submit(wholesale, "receive", objects(box, p + "A3")));
        DrugVerification received = net.verify(p + "A1").as(DrugVerification.class);
        assertThat(received.unit().owner()).isEqualTo("wholesale");
        assertThat(received.unit().status()).isEqualTo("ACTIVE");
        assertThat(received.unit().container()).isEqualTo(ObjectIds.label(ObjectIds.parse(box)));
        assertThat(received.history()).extracting(DrugVerification.CustodyStep::kind)
                .containsExactly("COMMISSION", "PACK", "SHIP", "RECEIVE");
        assertThat(net.verify(p + "A3").as(DrugVerification.class).history())
                .extracting(DrugVerification.CustodyStep::kind)
                .containsExactly("COMMISSION", "PACK", "UNPACK", "SHIP", "RECEIVE");
        refused(net.submit(acme, "ship", ship("pharmacy-c", p + "A3")), "NOT_OWNER");
        refused(net.submit(wholesale, "receive", objects(p + "A3")), "ALREADY_RECEIVED"); // not suspect

        // to the pharmacy; dispensed once
        valid(net.submit(wholesale, "ship", ship("pharmacy-c", box)));
        refused(net.submit(pharmacy, "dispense", objects(p + "A1")), "UNIT_IN_TRANSIT");
        valid(net.submit(pharmacy, "receive", objects(box)));
        refused(net.submit(wholesale, "dispense", objects(p + "A2")), "NOT_PHARMACY");
        valid(net.submit(pharmacy, "dispense", objects(p + "A1")));
        refused(net.submit(pharmacy, "dispense", objects(p + "A1")), "ALREADY_DISPENSED");

        // a recalled lot: still received (quarantine), never shipped on or dispensed
        valid(net.submit(acme, "ship", ship("pharmacy-c", p + "R1")));
        refused(net.submit(wholesale, wholesale.sign("supplychain", "recallLot", new RecallLot(gtin, "LR", "x"))),
                "NOT_AUTHORIZED_TO_RECALL");
        valid(net.submit(regulator, regulator.sign("supplychain", "recallLot", new RecallLot(gtin, "LR",
                "particulates"))));
        valid(net.submit(pharmacy, "receive", objects(p + "R1")));
        refused(net.submit(pharmacy, "dispense", objects(p + "R1")), "LOT_RECALLED");
        refused(net.submit(pharmacy, "ship", ship("wholesale", p + "R1")), "LOT_RECALLED");

        // end of life
        valid(net.submit(wholesale, "decommission", objects(p + "A3")));
        refused(net.submit(wholesale, "ship", ship("pharmacy-c", p + "A3")), "UNIT_DECOMMISSIONED");
        valid(net.submit(wholesale, "destroy", objects(p + "A3")));
        valid(net.submit(pharmacy, "reportStolen", objects(p + "A2")));
        refused(net.submit(pharmacy, "dispense", objects(p + "A2")), "UNIT_STOLEN");

        Map<String, String> verdicts = new LinkedHashMap<>();
        for (String s : List.of("A1", "A2", "A3", "A4", "R1")) {
            DrugVerification v = net.verify(p + s).as(DrugVerification.class);
            assertProofsCheck(v);
            verdicts.put(s, v.verdict());
        }
        assertThat(verdicts).containsExactly(Map.entry("A1", "ALREADY_DISPENSED"), Map.entry("A2", "STOLEN"),
                Map.entry("A3", "DECOMMISSIONED"), Map.entry("A4", "GENUINE"), Map.entry("R1", "RECALLED"));

        // a refused single event is refused with its code and still leaves a suspect record for the authority
        assertThat(CanonicalJson.tree(net.get("/v1/drugs/suspects?fromHeight=" + start).body().getBytes())
                .findValuesAsText("code")).as("suspects from the refused single events").containsExactlyInAnyOrder(
                "PREFIX_NOT_OWNED", "PREFIX_NOT_OWNED", "NOT_MANUFACTURER", "CLONED_SERIAL", "NOT_SHIPPED_TO_YOU",
                "NOT_OWNER", "UNIT_IN_TRANSIT", "NOT_PHARMACY", "ALREADY_DISPENSED",
                "LOT_RECALLED", "LOT_RECALLED", "UNIT_DECOMMISSIONED", "UNIT_STOLEN");
        long from = net.client.health().height() + 1;
        SubmitResponse byPharmacy = net.submit(pharmacy, pharmacy.sign("supplychain", "capture", new CaptureArgs(
                List.of(event("receive", p + "A4"), event("dispense", p + "A1"), event("dispense", p + "R1"),
                        event("dispense", p + "A2"), event("decommission", p + "R1")))));
        valid(byPharmacy);
        SubmitResponse byAcme = net.submit(acme, acme.sign("supplychain", "capture", new CaptureArgs(List.of(
                kind("ship", ship("pharmacy-c", p + "A1")), kind("commission", commission("LN", "2030-12-31",
                        List.of(p + "A5"))), kind("ship", ship("wholesale", p + "A4"))))));
        valid(byAcme);
        assertThat(rejections(byPharmacy)).containsExactly("NOT_SHIPPED_TO_YOU", "ALREADY_DISPENSED", "LOT_RECALLED",
                "UNIT_STOLEN");
        assertThat(rejections(byAcme)).containsExactly("NOT_OWNER", "CLONED_SERIAL");
        JsonNode suspects = CanonicalJson.tree(net.get("/v1/drugs/suspects?fromHeight=" + from).body().getBytes());
        assertThat(suspects.findValuesAsText("code")).containsExactly("NOT_SHIPPED_TO_YOU", "ALREADY_DISPENSED",
                "LOT_RECALLED", "UNIT_STOLEN", "NOT_OWNER", "CLONED_SERIAL");
        assertThat(suspects.findValuesAsText("org")).containsExactly("pharmacy-c", "pharmacy-c", "pharmacy-c",
                "pharmacy-c", "acme", "acme");
        // the valid rest of each capture committed: R1 is decommissioned, A4 is on its way to wholesale
        assertThat(net.verify(p + "R1").as(DrugVerification.class).verdict()).isEqualTo("DECOMMISSIONED");
        assertThat(net.verify(p + "A4").as(DrugVerification.class).unit().shippedTo()).isEqualTo("wholesale");
        DrugVerification twice = net.verify(p + "A1").as(DrugVerification.class);
        assertThat(twice.suspects()).extracting(SuspectRecord::code).contains("ALREADY_DISPENSED", "NOT_OWNER");
        assertThat(twice.history()).extracting(DrugVerification.CustodyStep::kind).endsWith("DISPENSE");
    }

    static SupplyEventArgs kind(String kind, SupplyEventArgs a) {
        return new SupplyEventArgs(kind, a.epcs(), a.container(), a.to(), a.location(), a.lot(), a.expiry(),
                a.reason(), a.eventId());
    }

    static List<String> rejections(SubmitResponse r) {
        return r.events().stream().filter(e -> e.type().equals("CaptureEventRejected"))
                .peek(e -> assertThat(e.data().get("suspect").asBoolean()).as(e.data().toString()).isTrue())
                .map(e -> e.data().get("code").asText()).toList();
    }

    /** What a client does with an answer: header bytes hash to the header, each path leads to its log root. */
    static void assertProofsCheck(DrugVerification v) {
        List<InclusionProofView> proofs = new ArrayList<>();
        v.history().forEach(s -> proofs.add(s.proof().inclusion()));
        if (v.lot() != null && v.lot().recallProof() != null) {
            proofs.add(v.lot().recallProof().inclusion());
        }
        if (proofs.isEmpty()) {
            return;
        }
        BlockHeader header = ProofChecker.verifyHeaderUncertified(v.header());
        List<String> txIds = new ArrayList<>();
        v.history().forEach(s -> txIds.add(s.txId()));
        if (v.lot() != null && v.lot().recallProof() != null) {
            txIds.add(v.lot().recallTxId());
        }
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < proofs.size(); i++) {
            InclusionProofView p = proofs.get(i);
            assertThat(p).as("proof of " + txIds.get(i)).isNotNull();
            byte[] leaf = Rfc6962.leafHash(hex.parseHex(txIds.get(i)));
            assertThat(hex.formatHex(leaf)).isEqualTo(p.leafHash());
            assertThat(p.treeSize()).isEqualTo(header.getLogSize());
            assertThat(p.root()).isEqualTo(hex.formatHex(header.getLogRoot().toByteArray()));
            assertThat(new InclusionProof(p.leafIndex(), p.treeSize(), p.path().stream().map(hex::parseHex).toList())
                    .verify(leaf, header.getLogRoot().toByteArray())).as("inclusion of " + txIds.get(i)).isTrue();
        }
    }

    @Test
    void theEpcisEndpointTakesOnlySignedCaptureEpcisTransactions() throws IOException {
        DrugNetwork.Answer garbage = net.post("/v1/drugs/epcis", "not protobuf".getBytes());
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body()).contains("TX_MALFORMED");
        DrugNetwork.Answer other = net.post(acme, "/v1/drugs/epcis",
                acme.sign("supplychain", "ship", ship("wholesale", CASE)).toByteArray());
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.body()).contains("BAD_REQUEST", "captureEpcis");

        // refused before ordering: no transaction is ordered, so no CONTRACT_ERROR entry carries the bytes
        assertThat(refusedBeforeOrdering(acme, example("EPCIS-JSON-Schema.json")))
                .isEqualTo("EPCIS_UNKNOWN_DOCUMENT_TYPE");
        assertThat(refusedBeforeOrdering(acme, "{\"type\": \"EPCISDocument\", \"epcisBody\": ")).isEqualTo(
                "EPCIS_MALFORMED_JSON");
        String tooMany = "{\"type\": \"EPCISDocument\", \"schemaVersion\": \"2.0\", \"epcisBody\": {\"eventList\": ["
                + String.join(",", java.util.Collections.nCopies(1_001, "{}")) + "]}}";
        assertThat(refusedBeforeOrdering(acme, tooMany)).isEqualTo("EPCIS_TOO_MANY_EVENTS");

        DrugNetwork.Answer accepted = net.post(acme, "/v1/drugs/epcis?wait=none",
                net.captureEpcis(acme, example("Example_9.6.4-TransformationEvent.jsonld"), null).toByteArray());
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.as(EpcisCaptureReport.class).status()).isEqualTo("ACCEPTED");
    }

    /**
     * Issue "second pass", item 1: a pack with the wrong lot or expiry is never GENUINE, in any identifier form, and
     * an event naming it with the wrong label is kept as a suspect.
     */
    @Test
    void aLabelWithTheWrongLotOrExpiryIsNeverGenuine() {
        String urn = "urn:epc:id:sgtin:0614141.030000.M1";
        String gtin = ((Sgtin) ObjectIds.parse(urn)).gtin().digits();
        valid(net.submit(acme, "commission", commission("LM1", "2030-12-31", List.of(urn))));
        String dl = "https://id.gs1.org/01/" + gtin;
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(dl + "/10/LM1/21/M1", "GENUINE");
        expected.put(dl + "/10/LM1/21/M1?17=301231", "GENUINE");
        expected.put(dl + "/10/WRONG/21/M1", "LOT_MISMATCH");
        expected.put(dl + "/21/M1?10=WRONG", "LOT_MISMATCH");
        expected.put(dl + "/21/M1?17=290531", "EXPIRY_MISMATCH");
        expected.put(dl + "/10/LM1/21/M1?17=290531", "EXPIRY_MISMATCH");
        expected.put("(01)" + gtin + "(17)301231(10)LM1(21)M1", "GENUINE");
        expected.put("(01)" + gtin + "(10)WRONG(21)M1", "LOT_MISMATCH");
        expected.put("]d201" + gtin + "172905311" + "0LM1\u001D21M1", "EXPIRY_MISMATCH");
        expected.forEach((form, verdict) -> {
            DrugVerification v = net.verify(form).as(DrugVerification.class);
            assertThat(v.verdict()).as(form + ": " + v.reason()).isEqualTo(verdict);
            assertProofsCheck(v);
        });
        String q = "/v1/drugs/verify?sgtin=" + java.net.URLEncoder.encode(urn, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(net.get(q + "&lot=LM1&expiry=2030-12-31").as(DrugVerification.class).verdict())
                .isEqualTo("GENUINE");
        DrugVerification lot = net.get(q + "&lot=WRONG").as(DrugVerification.class);
        assertThat(lot.verdict()).isEqualTo("LOT_MISMATCH");
        assertThat(lot.mismatches()).containsExactly(new DrugVerification.Mismatch("lot", "WRONG", "LM1"));
        DrugVerification both = net.get(q + "&lot=WRONG&expiry=290531").as(DrugVerification.class);
        assertThat(both.verdict()).isEqualTo("LOT_MISMATCH");
        assertThat(both.mismatches()).extracting(DrugVerification.Mismatch::identifier)
                .containsExactly("lot", "expiry");
        assertThat(both.reason()).contains("lot WRONG", "2029-05-31");
        assertThat(net.get(q + "&expiry=2029-05-31").as(DrugVerification.class).verdict())
                .isEqualTo("EXPIRY_MISMATCH");
        assertThat(net.get("/v1/drugs/verify?sgtin=" + java.net.URLEncoder.encode(dl + "/10/LM1/21/M1",
                java.nio.charset.StandardCharsets.UTF_8) + "&lot=OTHER").status()).isEqualTo(400);

        // the contract keeps the attempt to dispense a relabelled pack as a suspect, naming the identifier
        valid(net.submit(acme, "ship", ship("pharmacy-c", urn)));
        valid(net.submit(pharmacy, "receive", objects(urn)));
        refused(net.submit(pharmacy, "dispense", objects(dl + "/10/WRONG/21/M1")), "LOT_MISMATCH");
        refused(net.submit(pharmacy, "dispense", objects(dl + "/21/M1?17=290531")), "EXPIRY_MISMATCH");
        DrugVerification after = net.verify(urn).as(DrugVerification.class);
        assertThat(after.verdict()).isEqualTo("GENUINE");
        assertThat(after.suspects()).extracting(SuspectRecord::code).containsExactly("LOT_MISMATCH", "EXPIRY_MISMATCH");
        assertThat(after.suspects().getFirst().message()).contains("lot WRONG", "LM1");
    }

    /**
     * Items 2 and 4: Example_9.6.1-ObjectEvent.jsonld (GS1, testdata/epcis) with its eventIDs removed and its packs
     * renamed to fresh serials, re-sent by both parties: each event is applied once, the other party's half is
     * NOT_APPLIED, nothing is suspect; the custody history keeps the events' own time and places.
     */
    @Test
    void aDocumentWithoutEventIdsCanBeResentHarmlessly() throws IOException {
        JsonNode doc = CanonicalJson.tree(example("Example_9.6.1-ObjectEvent.jsonld").getBytes());
        for (JsonNode e : doc.get("epcisBody").get("eventList")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) e).remove("eventID");
        }
        String document = doc.toString().replace("0614141.107346.2017", "0614141.107346.N2017")
                .replace("0614141.107346.2018", "0614141.107346.N2018");
        String n2017 = "urn:epc:id:sgtin:0614141.107346.N2017";
        String n2018 = "urn:epc:id:sgtin:0614141.107346.N2018";
        valid(net.submit(acme, "commission", commission("LOT-N", "2030-12-31", List.of(n2017, n2018))));
        long from = net.client.health().height() + 1;

        EpcisCaptureReport first = importEpcis(acme, document, "wholesale");
        assertThat(outcomes(first)).containsExactly("ACCEPTED", "NOT_APPLIED");
        assertThat(first.outcomes()).allSatisfy(o -> assertThat(o.eventId())
                .startsWith(org.careledger.epcis.Gs1EventHash.PREFIX));
        assertThat(first.outcomes().get(1).message()).contains("wholesale's receipt");
        assertThat(outcomes(importEpcis(acme, document, "wholesale"))).containsExactly("EVENT_DUPLICATE",
                "NOT_APPLIED");
        assertThat(outcomes(importEpcis(wholesale, document, null))).containsExactly("EVENT_DUPLICATE", "ACCEPTED");
        assertThat(outcomes(importEpcis(wholesale, document, null))).containsExactly("EVENT_DUPLICATE",
                "EVENT_DUPLICATE");
        EpcisCaptureReport last = importEpcis(acme, document, "wholesale");
        assertThat(last.suspects()).isZero();
        assertThat(CanonicalJson.tree(net.get("/v1/drugs/suspects?fromHeight=" + from).body().getBytes())
                .findValuesAsText("code")).as("no false alarms").isEmpty();

        // the same event twice in one document: the repeat is reported, not dropped
        JsonNode twice = CanonicalJson.tree(document.getBytes());
        var list = (com.fasterxml.jackson.databind.node.ArrayNode) twice.get("epcisBody").get("eventList");
        list.add(list.get(0).deepCopy());
        assertThat(outcomes(importEpcis(acme, twice.toString(), "wholesale"))).containsExactly("EVENT_DUPLICATE",
                "EVENT_DUPLICATE", "EVENT_ID_REPEATED");

        DrugVerification v = net.verify(n2018).as(DrugVerification.class);
        assertThat(v.history()).extracting(DrugVerification.CustodyStep::kind)
                .containsExactly("COMMISSION", "SHIP", "RECEIVE");
        DrugVerification.CustodyStep shipped = v.history().get(1);
        assertThat(shipped.eventTime()).isEqualTo("2005-04-04T02:33:31.116Z");
        assertThat(shipped.eventTimeZoneOffset()).isEqualTo("-06:00");
        assertThat(shipped.readPoint()).isEqualTo("urn:epc:id:sgln:0614141.07346.1234");
        assertThat(shipped.timeMillis()).as("block time kept beside it").isGreaterThan(0);
        DrugVerification.CustodyStep received = v.history().get(2);
        assertThat(received.bizLocation()).isEqualTo("urn:epc:id:sgln:0012345.11111.0");
        assertThat(received.readPoint()).isEqualTo("urn:epc:id:sgln:0012345.11111.400");
        assertThat(v.history().getFirst().eventTime()).as("a plain method call has no EPCIS time").isNull();
    }

    /**
     * Item 3: a shipment whose owning party stays the shipper goes to the org named by the destination
     * possessing party or location (a 3PL), not SELF_SHIPMENT.
     */
    @Test
    void aShipmentToA3plGoesToTheDestinationWhenOwnershipDoesNotChange() {
        String pack = "urn:epc:id:sgtin:0614141.107346.T3PL";
        valid(net.submit(acme, "commission", commission("LOT-T", "2030-12-31", List.of(pack))));
        valid(net.submit(acme, "ship", ship("wholesale", pack)));
        valid(net.submit(wholesale, "receive", objects(pack)));
        String shipping = """
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2025-03-01T10:00:00Z",
                 "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2025-03-01T09:00:00+01:00",
                  "eventTimeZoneOffset": "+01:00", "action": "OBSERVE", "bizStep": "shipping",
                  "disposition": "in_transit", "epcList": ["%s"],
                  "destinationList": [
                   {"type": "owning_party", "destination": "urn:epc:id:pgln:9529999.00001"},
                   {"type": "location", "destination": "urn:careledger:org:pharmacy-c"}]}]}}""".formatted(pack);
        assertThat(outcomes(importEpcis(wholesale, shipping, null))).containsExactly("ACCEPTED");
        DrugVerification v = net.verify(pack).as(DrugVerification.class);
        assertThat(v.unit().shippedTo()).isEqualTo("pharmacy-c");
        assertThat(v.unit().shippedFrom()).isEqualTo("wholesale");
    }
}
