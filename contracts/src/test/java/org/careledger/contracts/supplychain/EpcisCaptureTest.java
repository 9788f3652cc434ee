package org.careledger.contracts.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.contracts.supplychain.SupplyChainContractTest.CASE;
import static org.careledger.contracts.supplychain.SupplyChainContractTest.T0;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.careledger.core.Hash;
import org.careledger.core.contract.Identity;
import org.careledger.core.json.CanonicalJson;
import org.careledger.epcis.EpcisExamples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code captureEpcis}: EPCIS 2.0 documents, per-event outcomes, and every GS1 example of the epcis test-jar. */
class EpcisCaptureTest {
    static final String LOT = "LOT-A";
    final SupplyChainContract contract = new SupplyChainContract();
    FakeLedger ledger;
    Identity acme;
    Identity wholesale;
    Identity pharmacy;

    @BeforeEach
    void consortium() {
        ledger = consortium(T0);
        acme = ledger.admin("acme");
        wholesale = ledger.admin("wholesale");
        pharmacy = ledger.admin("pharmacy-c");
    }

    /** The GS1 examples use prefixes 0614141, 4012345 and 9520001: the test manufacturer holds all three. */
    static FakeLedger consortium(long time) {
        return new FakeLedger(time)
                .org("acme", List.of("manufacturer"), List.of("0614141", "4012345", "9520001"))
                .org("wholesale", List.of("distributor"), List.of("9529999"))
                .org("pharmacy-c", List.of("pharmacy"), List.of());
    }

    static String document(String... events) {
        return """
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2025-03-01T10:00:00Z",
                 "epcisBody": {"eventList": [%s]}}""".formatted(String.join(",", events));
    }

    static String objectEvent(String id, String action, String bizStep, String extra, String... epcs) {
        return """
                {"type": "ObjectEvent", "eventID": "%s", "eventTime": "2025-03-01T09:00:00+01:00",
                 "eventTimeZoneOffset": "+01:00", "action": "%s", "bizStep": "%s",
                 "epcList": [%s]%s}""".formatted(id, action, bizStep, quoted(epcs),
                extra.isEmpty() ? "" : ", " + extra);
    }

    static String commissioning(String id, String lot, String expiry, String... epcs) {
        return objectEvent(id, "ADD", "commissioning", """
                "disposition": "active", "readPoint": {"id": "urn:epc:id:sgln:0614141.07346.0"},
                "ilmd": {"cbvmda:lotNumber": "%s", "cbvmda:itemExpirationDate": "%s"}""".formatted(lot, expiry), epcs);
    }

    static String quoted(String... values) {
        return String.join(",", Stream.of(values).map(v -> "\"" + v + "\"").toList());
    }

    static String sgtin(String serial) {
        return "urn:epc:id:sgtin:0614141.107346." + serial;
    }

    FakeLedger.Result capture(Identity who, String document, String shipTo) {
        return ledger.call(contract, who, "captureEpcis", new CaptureEpcisArgs(document, shipTo));
    }

    /** "ACCEPTED" or the code, per event index. */
    static List<String> outcomes(FakeLedger.Result r) {
        TreeMap<Integer, String> out = new TreeMap<>();
        for (FakeLedger.Event e : r.events()) {
            JsonNode n = CanonicalJson.tree(e.json());
            if (e.type().equals("EpcisEventAccepted")) {
                out.put(n.get("index").asInt(), "ACCEPTED");
            } else if (e.type().equals("EpcisEventRejected")) {
                out.put(n.get("index").asInt(), n.get("code").asText());
            }
        }
        return List.copyOf(out.values());
    }

    TrackedObject object(String epc) {
        return ledger.read(ObjectIds.key(ObjectIds.parse(epc)), TrackedObject.class).orElseThrow();
    }

    @Test
    void aPacksWholeJourneyInEpcis() {
        String c = "urn:uuid:00000000-0000-4000-8000-00000000000";
        assertThat(outcomes(capture(acme, document(
                commissioning(c + "1", "LOT-2024-07", "2027-06-30", sgtin("2017"), sgtin("2018"), sgtin("2019")),
                """
                {"type": "AggregationEvent", "eventID": "%s2", "eventTime": "2025-03-01T09:10:00+01:00",
                 "eventTimeZoneOffset": "+01:00", "action": "ADD", "bizStep": "packing",
                 "parentID": "https://id.gs1.org/00/106141412345678908",
                 "childEPCs": ["https://id.gs1.org/01/10614141073464/21/2017",
                               "https://id.gs1.org/01/10614141073464/21/2018"]}""".formatted(c),
                objectEvent(c + "3", "OBSERVE", "shipping", """
                        "disposition": "in_transit",
                        "destinationList": [{"type": "location", "destination": "urn:epc:id:sgln:0614141.00777.0"},
                                            {"type": "owning_party", "destination": "urn:epc:id:pgln:9529999.99999"}]""",
                        "urn:epc:id:sscc:0614141.1234567890")), null)))
                .containsExactly("ACCEPTED", "ACCEPTED", "ACCEPTED");
        assertThat(object(CASE).shippedTo()).as("the owning party's PGLN is under wholesale's prefix")
                .isEqualTo("wholesale");
        assertThat(object(sgtin("2017")).lot()).isEqualTo("LOT-2024-07");
        assertThat(object(sgtin("2017")).expiry()).isEqualTo("2027-06-30");
        assertThat(object(sgtin("2017")).location()).isEqualTo("urn:epc:id:sgln:0614141.07346.0");

        assertThat(outcomes(capture(wholesale, document(
                objectEvent(c + "4", "OBSERVE", "receiving", """
                        "bizLocation": {"id": "urn:epc:id:sgln:9529999.99999.0"}""", CASE),
                """
                {"type": "AggregationEvent", "eventID": "%s5", "eventTime": "2025-03-02T10:20:00+01:00",
                 "eventTimeZoneOffset": "+01:00", "action": "DELETE", "bizStep": "unpacking",
                 "parentID": "%s"}""".formatted(c, CASE),
                objectEvent(c + "6", "OBSERVE", "shipping", """
                        "destinationList": [{"type": "owning_party", "destination": "urn:careledger:org:pharmacy-c"}]""",
                        sgtin("2017"), sgtin("2018"))), null)))
                .containsExactly("ACCEPTED", "ACCEPTED", "ACCEPTED");
        assertThat(object(CASE).children()).isEmpty();
        assertThat(object(sgtin("2018")).shippedTo()).isEqualTo("pharmacy-c");

        assertThat(outcomes(capture(pharmacy, document(
                objectEvent(c + "7", "OBSERVE", "receiving", "", sgtin("2017"), sgtin("2018")),
                objectEvent(c + "8", "OBSERVE", "dispensing", "\"disposition\": \"dispensed\"", sgtin("2017")),
                objectEvent(c + "9", "OBSERVE", "dispensing", "", sgtin("2017")),
                objectEvent(c + "a", "DELETE", "decommissioning", "\"disposition\": \"damaged\"", sgtin("2018")),
                objectEvent(c + "b", "OBSERVE", "receiving", "\"disposition\": \"stolen\"", sgtin("2019"))), null)))
                .containsExactly("ACCEPTED", "ACCEPTED", "ALREADY_DISPENSED", "ACCEPTED", "NOT_OWNER");
        assertThat(object(sgtin("2017")).status()).isEqualTo(UnitStatus.DISPENSED);
        assertThat(object(sgtin("2018")).status()).isEqualTo(UnitStatus.DECOMMISSIONED);
        assertThat(object(sgtin("2017")).eventCount()).isEqualTo(8);

        assertThat(outcomes(capture(acme, document(
                objectEvent(c + "c", "OBSERVE", "shipping", "\"disposition\": \"stolen\"", sgtin("2019"))), null)))
                .containsExactly("ACCEPTED");
        assertThat(object(sgtin("2019")).status()).isEqualTo(UnitStatus.STOLEN);
    }

    @Test
    void eachEventGetsItsOwnOutcomeAndTheValidRestCommits() {
        String doc = document(
                commissioning("e-1", LOT, "2030-12-31", sgtin("1")),
                objectEvent("e-2", "OBSERVE", "shipping", "", sgtin("404")),
                """
                {"type": "ObjectEvent", "eventID": "e-3", "eventTime": "yesterday", "action": "OBSERVE",
                 "bizStep": "shipping", "epcList": ["%s"]}""".formatted(sgtin("1")),
                """
                {"type": "TransformationEvent", "eventID": "e-4", "eventTime": "2025-03-01T09:00:00Z",
                 "inputEPCList": ["%s"], "outputEPCList": ["%s"]}""".formatted(sgtin("1"), sgtin("2")),
                objectEvent("e-5", "OBSERVE", "shipping", "", sgtin("1")));
        FakeLedger.Result r = capture(acme, doc, "wholesale");
        assertThat(r.error()).isEmpty();
        assertThat(outcomes(r)).containsExactly("ACCEPTED", "UNIT_UNKNOWN", "EPCIS_BAD_TIME",
                "EPCIS_EVENT_UNSUPPORTED", "ACCEPTED");
        List<JsonNode> rejected = r.ofType("EpcisEventRejected").stream().map(e -> CanonicalJson.tree(e.json())).toList();
        assertThat(rejected).extracting(n -> n.get("eventId").asText()).containsExactly("e-2", "e-3", "e-4");
        assertThat(rejected).extracting(n -> n.get("suspect").asBoolean()).containsExactly(true, false, false);
        assertThat(rejected.get(1).get("message").asText()).contains("eventTime");
        assertThat(r.ofType("SuspectEvent")).singleElement();
        JsonNode summary = CanonicalJson.tree(r.ofType("EpcisCaptureSummary").getFirst().json());
        assertThat(summary.get("documentSha256").asText())
                .isEqualTo(Hash.sha256(doc.getBytes(StandardCharsets.UTF_8)).hex());
        assertThat(summary.get("accepted").asInt()).isEqualTo(2);
        assertThat(object(sgtin("1")).shippedTo()).isEqualTo("wholesale");

        assertThat(outcomes(capture(acme, doc, "wholesale")))
                .as("a re-sent document applies nothing twice")
                .containsExactly("EVENT_DUPLICATE", "UNIT_UNKNOWN", "EPCIS_BAD_TIME", "EPCIS_EVENT_UNSUPPORTED",
                        "EVENT_DUPLICATE");
    }

    @Test
    void eventsThatCannotBeAppliedSayWhy() {
        capture(acme, document(commissioning("c-1", LOT, "2030-12-31", sgtin("1"))), null);
        assertThat(outcomes(capture(acme, document(
                objectEvent("m-1", "ADD", "shipping", "", sgtin("1")),
                objectEvent("m-2", "OBSERVE", "inspecting", "", sgtin("1")),
                """
                {"type": "ObjectEvent", "eventID": "m-3", "eventTime": "2025-03-01T09:00:00Z", "action": "OBSERVE",
                 "epcList": ["%s"]}""".formatted(sgtin("1")),
                objectEvent("m-4", "OBSERVE", "shipping", "", "urn:epc:id:giai:4000001.111"),
                objectEvent("m-5", "ADD", "commissioning", "", sgtin("2")),
                objectEvent("m-6", "OBSERVE", "shipping", "", sgtin("1")),
                objectEvent("m-7", "OBSERVE", "packing", "", sgtin("1")),
                """
                {"type": "AggregationEvent", "eventID": "m-8", "eventTime": "2025-03-01T09:00:00Z", "action": "ADD",
                 "parentID": "%s", "childQuantityList": [{"epcClass": "urn:epc:idpat:sgtin:0614141.107346.*",
                 "quantity": 5}]}""".formatted(CASE),
                """
                {"type": "AggregationEvent", "eventID": "m-9", "eventTime": "2025-03-01T09:00:00Z", "action": "ADD",
                 "parentID": "%s", "childEPCs": ["%s"]}""".formatted(sgtin("7"), sgtin("1"))), null)))
                .containsExactly("EPCIS_ACTION_MISMATCH", "EPCIS_BIZSTEP_UNSUPPORTED", "EPCIS_BIZSTEP_MISSING",
                        "EPC_UNSUPPORTED", "LOT_REQUIRED", "RECEIVER_REQUIRED", "EPCIS_BIZSTEP_UNSUPPORTED",
                        "EPCIS_NO_SERIALIZED_OBJECTS", "CONTAINER_NOT_SSCC");
        assertThat(object(sgtin("1")).status()).isEqualTo(UnitStatus.ACTIVE);
    }

    @Test
    void unreadableDocumentsRefuseTheTransaction() {
        assertThat(capture(acme, "{\"type\": \"EPCISDocument\",", null).code()).isEqualTo("EPCIS_MALFORMED_JSON");
        assertThat(capture(acme, "{\"type\": \"EPCISDocument\", \"schemaVersion\": \"1.2\", \"epcisBody\": {}}",
                null).code()).isEqualTo("EPCIS_UNSUPPORTED_SCHEMA_VERSION");
        assertThat(capture(acme, "{\"type\": \"EPCISDocument\"}", null).code()).isEqualTo("EPCIS_MISSING_EVENT_LIST");
        assertThat(capture(acme, " ", null).code()).isEqualTo("ARGS_INVALID");
        assertThat(capture(acme, document(), "Not An Org").code()).isEqualTo("ARGS_INVALID");
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= SupplyChainContract.MAX_EVENTS; i++) {
            many.add(objectEvent("x-" + i, "OBSERVE", "receiving", "", sgtin("1")));
        }
        assertThat(capture(acme, document(many.toArray(String[]::new)), null).code()).isEqualTo("EPCIS_TOO_MANY_EVENTS");
        assertThat(ledger.scan(SupplyChainKeys.SUSPECT)).isEmpty();
    }

    // ---- the GS1 examples ----

    static Path examples() {
        return EpcisExamples.directory();
    }

    static String example(String name) {
        try {
            return Files.readString(examples().resolve(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final List<String> EXAMPLE_PACKS = List.of(sgtin("2017"), sgtin("2018"),
            "https://id.gs1.org/01/70614141123451/21/2017", "https://id.gs1.org/01/70614141123451/21/2018");

    static List<String> persistentDispositionPacks() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            out.add("urn:epc:id:sgtin:9520001.012346.100000010" + String.format("%02d", i));
        }
        return out;
    }

    /**
     * Every file of the GS1 examples (epcis test resources, testdata/epcis), in an order that lets their events
     * apply: each org imports the examples as its own document. Returns file → outcomes (ACCEPTED or the code;
     * the document's code when the whole document is refused).
     */
    Map<String, List<String>> importEveryExample() {
        Map<String, List<String>> seen = new TreeMap<>();
        List<String> packs = new ArrayList<>(EXAMPLE_PACKS);
        packs.addAll(persistentDispositionPacks());
        assertThat(outcomes(capture(acme, document(commissioning("setup-1", LOT, "2030-12-31",
                packs.toArray(String[]::new))), null))).containsExactly("ACCEPTED");

        String e961 = "Example_9.6.1-ObjectEvent.jsonld";
        String e961dl = "Example_9.6.1-ObjectEventWithDigitalLink.jsonld";
        seen.put(e961 + " as acme", outcomes(capture(acme, example(e961), "wholesale")));
        seen.put(e961 + " as wholesale", outcomes(capture(wholesale, example(e961), null)));
        seen.put(e961dl + " as acme", outcomes(capture(acme, example(e961dl), "wholesale")));
        seen.put(e961dl + " as wholesale", outcomes(capture(wholesale, example(e961dl), null)));
        seen.put("Example_9.6.2-ObjectEvent.jsonld", outcomes(capture(wholesale, example("Example_9.6.2-ObjectEvent.jsonld"), null)));

        // wholesale takes the rest of the 9.6.1 shipment, packs both packs onto the example's pallet, ships it
        assertThat(ledger.call(contract, wholesale, "receive", new SupplyEventArgs(null, List.of(sgtin("2017")),
                null, null, null, null, null, null, null)).error()).isEmpty();
        assertThat(ledger.call(contract, wholesale, "pack", new SupplyEventArgs(null, List.of(sgtin("2017"),
                sgtin("2018")), CASE, null, null, null, null, null, null)).error()).isEmpty();
        assertThat(ledger.call(contract, wholesale, "ship", new SupplyEventArgs(null, List.of(CASE), null,
                "pharmacy-c", null, null, null, null, null)).error()).isEmpty();
        seen.put("Example_9.6.3-AggregationEvent.jsonld",
                outcomes(capture(pharmacy, example("Example_9.6.3-AggregationEvent.jsonld"), null)));
        seen.put("Example_9.6.3-AggregationEventWithDigitalLink.jsonld",
                outcomes(capture(pharmacy, example("Example_9.6.3-AggregationEventWithDigitalLink.jsonld"), null)));
        seen.put("Example_9.6.4-TransformationEvent.jsonld",
                outcomes(capture(acme, example("Example_9.6.4-TransformationEvent.jsonld"), null)));
        seen.put("ErrorDeclarationAndCorrectiveEvent.jsonld",
                outcomes(capture(acme, example("ErrorDeclarationAndCorrectiveEvent.jsonld"), null)));

        assertThat(ledger.call(contract, acme, "ship", new SupplyEventArgs(null, persistentDispositionPacks(), null,
                "wholesale", null, null, null, null, null)).error()).isEmpty();
        seen.put("PersistentDisposition-example.jsonld",
                outcomes(capture(wholesale, example("PersistentDisposition-example.jsonld"), null)));
        seen.put("object_event_all_possible_fields.jsonld",
                outcomes(capture(wholesale, example("object_event_all_possible_fields.jsonld"), null)));
        seen.put("aggregation_event_all_possible_fields.jsonld",
                outcomes(capture(pharmacy, example("aggregation_event_all_possible_fields.jsonld"), null)));
        FakeLedger.Result schema = capture(acme, example("EPCIS-JSON-Schema.json"), null);
        seen.put("EPCIS-JSON-Schema.json", List.of(schema.code()));
        return seen;
    }

    @Test
    void everyGs1ExampleIsCapturedWithAnOutcomePerEvent() throws IOException {
        Map<String, List<String>> seen = importEveryExample();
        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                // the receipt is wholesale's half of acme's shipment: not acme's to sign, not suspect
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
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).allSatisfy(n -> assertThat(seen.keySet()).anyMatch(k -> k.startsWith(n)));
        }
        // the 9.6.3 receipt moved the pallet and both packs to the pharmacy
        assertThat(object(CASE).owner()).isEqualTo("pharmacy-c");
        assertThat(object(sgtin("2017")).owner()).isEqualTo("pharmacy-c");
        assertThat(object(sgtin("2018")).location()).isEqualTo("urn:epc:id:sgln:0614141.00888.0");
        assertThat(object(persistentDispositionPacks().get(9)).owner()).isEqualTo("wholesale");
        // only 9.6.3 with Digital Links: it claims receipt of packs (GTIN 70614141123451) that acme still holds
        assertThat(ledger.scan(SupplyChainKeys.SUSPECT)).hasSize(1);
    }

    @Test
    void theSameDocumentsGiveTheSameStateOnEveryNode() {
        importEveryExample();
        TreeMap<String, byte[]> first = new TreeMap<>(ledger.committed);
        consortium();
        importEveryExample();
        assertThat(ledger.committed.keySet()).isEqualTo(first.keySet());
        first.forEach((k, v) -> assertThat(ledger.committed.get(k)).as(k).isEqualTo(v));
    }

    /** An ObjectEvent without eventID (eventID is optional in EPCIS 2.0). */
    static String withoutEventId(String event) {
        return event.replaceFirst("\"eventID\": \"[^\"]*\", ", "");
    }

    @Test
    void eventsWithoutEventIdAreKnownByTheirContentSoResendingIsHarmless() {
        String doc = document(withoutEventId(commissioning("x", LOT, "2030-12-31", sgtin("N1"), sgtin("N2"))),
                withoutEventId(objectEvent("x", "OBSERVE", "shipping", "", sgtin("N1"), sgtin("N2"))));
        FakeLedger.Result first = capture(acme, doc, "wholesale");
        assertThat(outcomes(first)).containsExactly("ACCEPTED", "ACCEPTED");
        // re-sent byte for byte, and re-serialized with other whitespace: duplicates, no suspects (was CLONED_SERIAL)
        assertThat(outcomes(capture(acme, doc, "wholesale"))).containsExactly("EVENT_DUPLICATE", "EVENT_DUPLICATE");
        assertThat(outcomes(capture(acme, doc.replace(", ", ",\n  "), "wholesale")))
                .containsExactly("EVENT_DUPLICATE", "EVENT_DUPLICATE");
        assertThat(ledger.scan(SupplyChainKeys.SUSPECT)).isEmpty();
        JsonNode accepted = CanonicalJson.tree(first.ofType("EpcisEventAccepted").getFirst().json());
        assertThat(accepted.get("eventId").asText()).as("GS1's event hash").matches("ni:///sha-256;[0-9a-f]{64}\\?ver=CBV2\\.0");
        // the same content twice in one document: the second is reported at its own index
        String repeated = document(withoutEventId(objectEvent("x", "OBSERVE", "receiving", "", sgtin("N1"))),
                withoutEventId(objectEvent("x", "OBSERVE", "receiving", "", sgtin("N1"))));
        assertThat(outcomes(capture(wholesale, repeated, null))).containsExactly("ACCEPTED", "EVENT_ID_REPEATED");
        // the custody history keeps the event's own time and places beside the block time
        CustodyEvent shipped = ledger.read(SupplyChainKeys.event(ObjectIds.key(ObjectIds.parse(sgtin("N2"))), 2),
                CustodyEvent.class).orElseThrow();
        assertThat(shipped.kind()).isEqualTo(EventKind.SHIP);
        assertThat(shipped.eventTime()).isEqualTo("2025-03-01T08:00:00Z");
        assertThat(shipped.eventTimeZoneOffset()).isEqualTo("+01:00");
        assertThat(shipped.timeMillis()).as("the block time, kept beside it").isPositive();
        CustodyEvent commissioned = ledger.read(SupplyChainKeys.event(ObjectIds.key(ObjectIds.parse(sgtin("N2"))), 1),
                CustodyEvent.class).orElseThrow();
        assertThat(commissioned.readPoint()).isEqualTo("urn:epc:id:sgln:0614141.07346.0");
        assertThat(commissioned.bizLocation()).isNull();
    }

    /** The 3PL rule: ownership stays with the shipper, so the possessing party or location receives. */
    @Test
    void aShipmentWhoseOwnerDoesNotChangeGoesToTheDestinationHolder() {
        assertThat(outcomes(capture(acme, document(commissioning("c", LOT, "2030-12-31", sgtin("P1"), sgtin("P2"),
                sgtin("P3"))), null))).containsExactly("ACCEPTED");
        String ownAsOwner = """
                "destinationList": [{"type": "owning_party", "destination": "urn:epc:id:pgln:0614141.00001"},
                                    {"type": "location", "destination": "urn:epc:id:sgln:9529999.00777.0"}]""";
        String noOwner = """
                "destinationList": [{"type": "possessing_party", "destination": "urn:careledger:org:pharmacy-c"}]""";
        String onlyOwn = """
                "destinationList": [{"type": "owning_party", "destination": "urn:epc:id:pgln:0614141.00001"},
                                    {"type": "location", "destination": "urn:epc:id:sgln:0614141.00777.0"}]""";
        assertThat(outcomes(capture(acme, document(objectEvent("s1", "OBSERVE", "shipping", ownAsOwner, sgtin("P1")),
                objectEvent("s2", "OBSERVE", "shipping", noOwner, sgtin("P2")),
                objectEvent("s3", "OBSERVE", "shipping", onlyOwn, sgtin("P3"))), null)))
                .containsExactly("ACCEPTED", "ACCEPTED", "SELF_SHIPMENT");
        assertThat(object(sgtin("P1")).shippedTo()).as("the location's SGLN is under wholesale's prefix")
                .isEqualTo("wholesale");
        assertThat(object(sgtin("P2")).shippedTo()).isEqualTo("pharmacy-c");
        assertThat(EpcisMapping.receiver(List.of(), g -> java.util.Optional.empty(), "acme")).isEmpty();
    }

    /** Item 1 in EPCIS: a Digital Link in an event's epcList whose lot or expiry is not the commissioned one. */
    @Test
    void anEpcisEventNamingAPackWithTheWrongLabelIsSuspect() {
        assertThat(outcomes(capture(acme, document(commissioning("c1", LOT, "2030-12-31", sgtin("W1"), sgtin("W2"))),
                null))).containsExactly("ACCEPTED");
        String gtin = "https://id.gs1.org/01/10614141073464";
        assertThat(outcomes(capture(acme, document(
                objectEvent("w1", "OBSERVE", "shipping", "", gtin + "/10/WRONG/21/W1"),
                objectEvent("w2", "OBSERVE", "shipping", "", gtin + "/21/W2?17=290531"),
                objectEvent("w3", "OBSERVE", "shipping", "", gtin + "/10/" + LOT + "/21/W2?17=301231")), "wholesale")))
                .containsExactly("LOT_MISMATCH", "EXPIRY_MISMATCH", "ACCEPTED");
        assertThat(ledger.scan(SupplyChainKeys.SUSPECT).values()).extracting(b -> CanonicalJson.decode(b,
                SuspectRecord.class).code()).containsExactly("LOT_MISMATCH", "EXPIRY_MISMATCH");
    }
}
