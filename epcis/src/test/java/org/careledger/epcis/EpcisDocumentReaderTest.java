package org.careledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.careledger.core.CareledgerException;
import org.careledger.epcis.gs1.Gs1ErrorCode;
import org.careledger.epcis.gs1.UnrecognizedEpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EpcisDocumentReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EpcisDocumentReader reader = new EpcisDocumentReader();

    private static ObjectNode goodEvent(String id) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "ObjectEvent");
        event.put("eventID", id);
        event.put("eventTime", "2024-03-01T10:00:00.000+01:00");
        event.put("eventTimeZoneOffset", "+01:00");
        event.put("action", "OBSERVE");
        event.put("bizStep", "shipping");
        event.putArray("epcList").add("urn:epc:id:sgtin:0614141.107346.2017");
        return event;
    }

    private static ObjectNode document(ObjectNode... events) {
        ObjectNode doc = JSON.createObjectNode();
        doc.putArray("@context").add(EpcisWriter.CONTEXT);
        doc.put("type", "EPCISDocument");
        doc.put("schemaVersion", "2.0");
        doc.put("creationDate", "2024-03-01T12:00:00Z");
        ArrayNode list = doc.putObject("epcisBody").putArray("eventList");
        for (ObjectNode e : events) {
            list.add(e);
        }
        return doc;
    }

    @Test
    void readsAQueryDocument() {
        ObjectNode doc = JSON.createObjectNode();
        doc.putArray("@context").add(EpcisWriter.CONTEXT);
        doc.put("type", "EPCISQueryDocument");
        doc.put("schemaVersion", "2.0");
        ObjectNode results = doc.putObject("epcisBody").putObject("queryResults");
        results.put("queryName", "SimpleEventQuery");
        results.putObject("resultsBody").putArray("eventList")
                .add(goodEvent("urn:uuid:q1")).add(goodEvent("urn:uuid:q2"));
        EpcisDocument read = reader.read(doc.toString());
        assertThat(read.events()).extracting(e -> e.eventId().orElseThrow())
                .containsExactly("urn:uuid:q1", "urn:uuid:q2");
    }

    @Test
    void readsABareEventAndAnArrayOfEvents() {
        ObjectNode bare = goodEvent("urn:uuid:bare");
        bare.putArray("@context").add(EpcisWriter.CONTEXT);
        assertThat(reader.read(bare.toString()).events()).singleElement()
                .satisfies(e -> assertThat(e.eventId()).contains("urn:uuid:bare"));

        ArrayNode array = JSON.createArrayNode().add(goodEvent("urn:uuid:a")).add(goodEvent("urn:uuid:b"));
        assertThat(reader.read(array.toString()).events()).hasSize(2);
    }

    @Test
    void aBareUnsupportedEventIsAPerEventResult() {
        ObjectNode transaction = goodEvent("urn:uuid:tx");
        transaction.put("type", "TransactionEvent");
        EpcisDocument doc = reader.read(transaction.toString());
        assertThat(doc.failures()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("EPCIS_UNSUPPORTED_EVENT_TYPE");
            assertThat(f.message()).contains("TransactionEvent is not supported");
            assertThat(f.eventId()).contains("urn:uuid:tx");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDocuments")
    void rejectsInputThatIsNoEpcisDocument(String why, String input, EpcisErrorCode code, String messagePart) {
        assertThatThrownBy(() -> reader.read(input))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo(code.name()))
                .hasMessageContaining(messagePart);
    }

    static Stream<Arguments> brokenDocuments() {
        String good = document(goodEvent("urn:uuid:1")).toString();
        return Stream.of(
                Arguments.of("truncated JSON", good.substring(0, good.length() - 3),
                        EpcisErrorCode.EPCIS_MALFORMED_JSON, "not well-formed JSON at line 1, column"),
                Arguments.of("not JSON at all", "<EPCISDocument/>", EpcisErrorCode.EPCIS_MALFORMED_JSON,
                        "Unexpected character ('<'"),
                Arguments.of("empty input", "", EpcisErrorCode.EPCIS_MALFORMED_JSON, "empty"),
                Arguments.of("trailing data", good + " {}", EpcisErrorCode.EPCIS_MALFORMED_JSON,
                        "unexpected data after the JSON value, at line 1"),
                Arguments.of("duplicate key", "{\"type\":\"EPCISDocument\",\"type\":\"ObjectEvent\"}",
                        EpcisErrorCode.EPCIS_MALFORMED_JSON, "Duplicate field 'type'"),
                Arguments.of("wrong document type", good.replace("\"EPCISDocument\"", "\"EPCISMasterDataDocument\""),
                        EpcisErrorCode.EPCIS_UNKNOWN_DOCUMENT_TYPE, "'EPCISMasterDataDocument' is not an EPCIS event"),
                Arguments.of("no type", "{\"epcisBody\":{\"eventList\":[]}}",
                        EpcisErrorCode.EPCIS_UNKNOWN_DOCUMENT_TYPE, "has no \"type\""),
                Arguments.of("a number", "42", EpcisErrorCode.EPCIS_UNKNOWN_DOCUMENT_TYPE, "got a number"),
                Arguments.of("no eventList", "{\"type\":\"EPCISDocument\",\"epcisBody\":{}}",
                        EpcisErrorCode.EPCIS_MISSING_EVENT_LIST, "has no epcisBody.eventList"),
                Arguments.of("eventList not an array",
                        "{\"type\":\"EPCISDocument\",\"epcisBody\":{\"eventList\":{}}}",
                        EpcisErrorCode.EPCIS_MISSING_EVENT_LIST, "must be an array, got an object"),
                Arguments.of("query document without results",
                        "{\"type\":\"EPCISQueryDocument\",\"epcisBody\":{\"queryResults\":{}}}",
                        EpcisErrorCode.EPCIS_MISSING_EVENT_LIST, "has no epcisBody.queryResults.resultsBody"),
                Arguments.of("EPCIS 1.2", good.replace("\"2.0\"", "\"1.2\""),
                        EpcisErrorCode.EPCIS_UNSUPPORTED_SCHEMA_VERSION, "schemaVersion \"1.2\""));
    }

    @Test
    void theJsonSchemaIsNotADocument() {
        assertThatThrownBy(() -> reader.read(EpcisExamples.bytes(EpcisExamples.SCHEMA)))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("EPCIS_UNKNOWN_DOCUMENT_TYPE"))
                .hasMessageContaining("type 'object'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEvents")
    void aBadEventIsReportedInPlaceAndTheOthersAreStillRead(String why, Consumer<ObjectNode> breakIt, String code,
                                                            String messagePart) {
        ObjectNode bad = goodEvent("urn:uuid:bad");
        breakIt.accept(bad);
        EpcisDocument doc = reader.read(document(goodEvent("urn:uuid:first"), bad, goodEvent("urn:uuid:last"))
                .toString());

        assertThat(doc.results()).hasSize(3);
        assertThat(doc.events()).extracting(e -> e.eventId().orElseThrow())
                .containsExactly("urn:uuid:first", "urn:uuid:last");
        assertThat(doc.isComplete()).isFalse();
        EpcisEventResult.Failed failed = doc.failures().getFirst();
        assertThat(failed.index()).isEqualTo(1);
        assertThat(failed.eventId()).contains("urn:uuid:bad");
        assertThat(failed.code()).isEqualTo(code);
        assertThat(failed.message()).contains(messagePart);
        assertThat(failed.toString()).startsWith("event 1 (urn:uuid:bad): " + code + ": ");
    }

    static Stream<Arguments> brokenEvents() {
        return Stream.of(
                broken("no eventTime", e -> e.remove("eventTime"), "EPCIS_MISSING_FIELD", "eventTime is required"),
                broken("eventTime without offset", e -> e.put("eventTime", "2024-03-01T10:00:00"),
                        "EPCIS_BAD_TIME", "'2024-03-01T10:00:00' is not an RFC 3339 date-time with offset"),
                broken("offset beyond 14h", e -> e.put("eventTimeZoneOffset", "+15:00"), "EPCIS_BAD_TIME",
                        "'+15:00' must be ±HH:MM"),
                broken("bad check digit", e -> e.putArray("epcList").add("urn:epc:id:sgtin:0614141.107346.1")
                                .add("https://id.gs1.org/01/10614141073465/21/2017"),
                        Gs1ErrorCode.GS1_BAD_CHECK_DIGIT.name(),
                        "epcList[1]: GTIN 10614141073465 ends in check digit 5, but its digits give 4"),
                broken("malformed EPC URI", e -> e.putArray("epcList").add("urn:epc:id:sgtin:0614141.10734.1"),
                        Gs1ErrorCode.GS1_MALFORMED_EPC.name(), "epcList[0]: 'urn:epc:id:sgtin:0614141.10734.1'"),
                broken("unsupported type", e -> e.put("type", "AssociationEvent"), "EPCIS_UNSUPPORTED_EVENT_TYPE",
                        "AssociationEvent is not supported"),
                broken("unknown type", e -> e.put("type", "FooEvent"), "EPCIS_UNSUPPORTED_EVENT_TYPE",
                        "'FooEvent' is not an EPCIS event type"),
                broken("no type", e -> e.remove("type"), "EPCIS_MISSING_FIELD", "type is required"),
                broken("no action", e -> e.remove("action"), "EPCIS_MISSING_FIELD",
                        "an ObjectEvent needs an action"),
                broken("bad action", e -> e.put("action", "MOVE"), "EPCIS_BAD_FIELD",
                        "action 'MOVE' must be ADD, OBSERVE or DELETE"),
                broken("epcList not an array", e -> e.put("epcList", "urn:epc:id:sgtin:0614141.107346.1"),
                        "EPCIS_BAD_FIELD", "epcList must be a JSON array, got a string"),
                broken("EPC not a string", e -> e.putArray("epcList").add(7), "EPCIS_BAD_FIELD",
                        "epcList[0] must be a URI string, got a number"),
                broken("same pack twice", e -> e.putArray("epcList").add("urn:epc:id:sgtin:0614141.107346.1")
                                .add("https://id.gs1.org/01/10614141073464/21/1"), "EPCIS_BAD_FIELD",
                        "epcList lists https://id.gs1.org/01/10614141073464/21/1 more than once"),
                broken("readPoint as a string", e -> e.put("readPoint", "urn:epc:id:sgln:0614141.07346.1234"),
                        "EPCIS_BAD_FIELD", "readPoint must be a JSON object, got a string"),
                broken("malformed SGLN readPoint", e -> e.putObject("readPoint").put("id",
                                "urn:epc:id:sgln:0614141.0734.1"), Gs1ErrorCode.GS1_MALFORMED_EPC.name(),
                        "readPoint: 'urn:epc:id:sgln:0614141.0734.1': company prefix and location reference have 7+4"),
                broken("malformed PGLN owner", e -> e.putArray("destinationList").addObject()
                                .put("type", "owning_party").put("destination", "urn:epc:id:pgln:95200.11111"),
                        Gs1ErrorCode.GS1_MALFORMED_EPC.name(), "destinationList[0]: 'urn:epc:id:pgln:95200.11111'"),
                broken("readPoint without id", e -> e.putObject("readPoint"), "EPCIS_MISSING_FIELD",
                        "readPoint: id is required"),
                broken("quantity as a string", e -> e.putArray("quantityList").addObject()
                                .put("epcClass", "urn:epc:class:lgtin:4012345.012345.998877").put("quantity", "5"),
                        "EPCIS_BAD_FIELD", "quantityList[0]: quantity of urn:epc:class:lgtin:4012345.012345.998877"
                                + " must be a number, got a string"),
                broken("bad uom", e -> e.putArray("quantityList").addObject()
                                .put("epcClass", "urn:epc:class:lgtin:4012345.012345.998877").put("quantity", 5)
                                .put("uom", "kilogram"),
                        "EPCIS_BAD_FIELD", "uom 'kilogram'"),
                broken("source without type", e -> e.putArray("sourceList").addObject().put("source", "urn:x"),
                        "EPCIS_MISSING_FIELD", "sourceList[0]: type is required"),
                broken("ilmd on OBSERVE", e -> e.putObject("ilmd").put("cbvmda:lotNumber", "L1"), "EPCIS_BAD_FIELD",
                        "ilmd is only allowed when action is ADD"),
                broken("bad expiry", e -> e.put("action", "ADD").putObject("ilmd")
                                .put("cbvmda:itemExpirationDate", "31/12/2027"), "EPCIS_BAD_FIELD",
                        "ilmd cbvmda:itemExpirationDate: '31/12/2027' is not a date (YYYY-MM-DD)"),
                broken("aggregation ADD without parent", e -> {
                    e.put("type", "AggregationEvent").put("action", "ADD").remove("epcList");
                    e.putArray("childEPCs").add("urn:epc:id:sgtin:0614141.107346.1");
                }, "EPCIS_MISSING_FIELD", "an AggregationEvent with action ADD must name its parentID"),
                broken("errorDeclaration without time", e -> e.putObject("errorDeclaration").put("reason", "x"),
                        "EPCIS_MISSING_FIELD", "errorDeclaration: declarationTime is required"),
                broken("empty bizStep", e -> e.put("bizStep", ""), "EPCIS_BAD_FIELD",
                        "bizStep must be a non-empty string, got an empty string"));
    }

    private static Arguments broken(String why, Consumer<ObjectNode> breakIt, String code, String messagePart) {
        return Arguments.of(why, breakIt, code, messagePart);
    }

    @Test
    void anEventThatIsNotAnObjectIsReportedWithoutAnId() {
        ObjectNode doc = document(goodEvent("urn:uuid:1"));
        ((ArrayNode) doc.path("epcisBody").path("eventList")).add("not an event");
        EpcisEventResult.Failed failed = reader.read(doc.toString()).failures().getFirst();
        assertThat(failed.index()).isEqualTo(1);
        assertThat(failed.eventId()).isEmpty();
        assertThat(failed.message()).isEqualTo("an event must be a JSON object, got a string");
    }

    @Test
    void unknownEpcsAreKeptAndFlagged() {
        ObjectNode event = goodEvent("urn:uuid:1");
        event.putArray("epcList").add("urn:epc:id:giai:4000001.111").add("https://example.com/asset/7")
                .add("https://id.gs1.org/01/10614141073464");
        EpcisEvent read = reader.read(document(event).toString()).events().getFirst();
        assertThat(read.epcList()).containsExactly(new UnrecognizedEpc("urn:epc:id:giai:4000001.111"),
                new UnrecognizedEpc("https://example.com/asset/7"),
                new UnrecognizedEpc("https://id.gs1.org/01/10614141073464"));
    }

    @Test
    void ilmdLotAndExpiryAreFoundByPrefixedKeyOrFullUri() {
        for (List<String> keys : List.of(
                List.of("cbvmda:lotNumber", "cbvmda:itemExpirationDate"),
                List.of("urn:epcglobal:cbv:mda:lotNumber", "urn:epcglobal:cbv:mda:itemExpirationDate"),
                List.of("urn:epcglobal:cbv:mda#lotNumber", "urn:epcglobal:cbv:mda#itemExpirationDate"),
                List.of("mda:lotNumber", "mda:itemExpirationDate"))) {
            ObjectNode event = goodEvent("urn:uuid:1").put("action", "ADD").put("bizStep", "commissioning");
            event.putObject("ilmd").put(keys.get(0), "LOT-7").put(keys.get(1), "2027-05-31")
                    .put("example:other", "ignored");
            ObjectNode doc = document(event);
            ((ArrayNode) doc.get("@context")).addObject().put("mda", "urn:epcglobal:cbv:mda:");
            EpcisEvent read = reader.read(doc.toString()).events().getFirst();
            assertThat(read.lot()).as(keys.get(0)).contains("LOT-7");
            assertThat(read.expiry()).as(keys.get(1)).contains(LocalDate.of(2027, 5, 31));
        }
    }

    @Test
    void vocabularyIsNormalizedWhateverTheSpelling() {
        ObjectNode a = goodEvent("urn:uuid:a").put("bizStep", "urn:epcglobal:cbv:bizstep:shipping")
                .put("disposition", "urn:epcglobal:cbv:disp:in_transit");
        ObjectNode b = goodEvent("urn:uuid:b").put("bizStep", "https://ref.gs1.org/cbv/BizStep-shipping")
                .put("disposition", "https://ref.gs1.org/cbv/Disp-in_transit");
        ObjectNode c = goodEvent("urn:uuid:c").put("bizStep", "cbv:BizStep-shipping")
                .put("disposition", "in_transit");
        ObjectNode d = goodEvent("urn:uuid:d").put("bizStep", "https://example.com/steps/quarantine");
        List<EpcisEvent> events = reader.read(document(a, b, c, d).toString()).events();
        assertThat(events.subList(0, 3)).allSatisfy(e -> {
            assertThat(e.bizStep()).contains(CbvValue.of(BizStep.SHIPPING));
            assertThat(e.disposition()).contains(CbvValue.of(Disposition.IN_TRANSIT));
        });
        assertThat(events.get(3).bizStep()).contains(
                new CbvValue<>(BizStep.OTHER, "https://example.com/steps/quarantine"));
    }

    @Test
    void eventTimeZoneOffsetDefaultsToTheOffsetOfEventTime() {
        ObjectNode event = goodEvent("urn:uuid:1");
        event.remove("eventTimeZoneOffset");
        event.put("eventTime", "2024-03-01T10:00:00-05:30");
        EpcisEvent read = reader.read(document(event).toString()).events().getFirst();
        assertThat(read.eventTimeZoneOffset()).hasToString("-05:30");
    }
}
