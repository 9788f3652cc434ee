package org.careledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.careledger.epcis.gs1.Gtin;
import org.careledger.epcis.gs1.Sgtin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EpcisWriterTest {
    private static final Instant CREATED = Instant.parse("2024-05-01T08:00:00Z");
    private final EpcisWriter writer = new EpcisWriter();
    private final EpcisDocumentReader reader = new EpcisDocumentReader();

    static List<String> documents() {
        return EpcisExamples.documentNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void writtenEventsReadBackEqual(String name) {
        List<EpcisEvent> events = EpcisExamples.read(name).events();
        String written = writer.writeDocument(events, CREATED);
        EpcisDocument reread = reader.read(written);
        assertThat(reread.failures()).isEmpty();
        assertThat(reread.events()).isEqualTo(events);
        assertThat(writer.writeDocument(reread.events(), CREATED)).as("same events, same bytes").isEqualTo(written);
    }

    @Test
    void writesTheDocumentEnvelope() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(
                writer.writeDocument(EpcisExamples.read(EpcisExamples.OBJECT_EVENT).events(), CREATED));
        assertThat(doc.path("@context").get(0).asText()).isEqualTo(EpcisWriter.CONTEXT);
        assertThat(doc.path("type").asText()).isEqualTo("EPCISDocument");
        assertThat(doc.path("schemaVersion").asText()).isEqualTo("2.0");
        assertThat(doc.path("creationDate").asText()).isEqualTo("2024-05-01T08:00:00Z");
        JsonNode first = doc.path("epcisBody").path("eventList").get(0);
        assertThat(first.path("eventTime").asText()).isEqualTo("2005-04-03T20:33:31.116-06:00");
        assertThat(first.path("epcList").get(0).asText()).isEqualTo("urn:epc:id:sgtin:0614141.107346.2017");
        assertThat(first.path("readPoint").path("id").asText()).isEqualTo("urn:epc:id:sgln:0614141.07346.1234");
    }

    @Test
    void identifiersKeepTheirFormWhereTheCompanyPrefixIsUnknown() {
        String written = writer.writeDocument(EpcisExamples.read(EpcisExamples.AGGREGATION_EVENT_DL).events(),
                CREATED);
        assertThat(written).contains("\"parentID\":\"urn:epc:id:sscc:0614141.1234567890\"")
                .contains("\"https://id.gs1.org/01/70614141123451/21/2017\"")
                .contains("\"epcClass\":\"https://id.gs1.org/01/04012345123456/10/998877\",\"quantity\":200.5");
    }

    @Test
    void writesUtcAsPlusZeroAndIlmdWithCbvmdaKeys() throws Exception {
        EpcisEvent commissioning = new EpcisEvent(Optional.of("urn:uuid:c1"),
                Instant.parse("2024-02-01T09:00:00Z"), ZoneOffset.UTC, Optional.of(Action.ADD),
                new ObjectEventItems(List.of(new Sgtin(new Gtin("09506000134352"), "S1")), List.of()),
                Optional.of(CbvValue.of(BizStep.COMMISSIONING)), Optional.of(CbvValue.of(Disposition.ACTIVE)),
                Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                new Ilmd(Optional.of("L1"), Optional.of(LocalDate.of(2027, 1, 31))), Optional.empty());
        String written = writer.writeEvent(commissioning);
        JsonNode json = new ObjectMapper().readTree(written);
        assertThat(json.path("@context").get(0).asText()).isEqualTo(EpcisWriter.CONTEXT);
        assertThat(json.path("eventTimeZoneOffset").asText()).isEqualTo("+00:00");
        assertThat(json.path("eventTime").asText()).isEqualTo("2024-02-01T09:00:00Z");
        assertThat(json.path("epcList").get(0).asText()).isEqualTo("https://id.gs1.org/01/09506000134352/21/S1");
        assertThat(json.path("ilmd").path("cbvmda:lotNumber").asText()).isEqualTo("L1");
        assertThat(json.path("ilmd").path("cbvmda:itemExpirationDate").asText()).isEqualTo("2027-01-31");
        assertThat(reader.read(written).events()).containsExactly(commissioning);
    }

    @Test
    void formatsOffsetsTheWayEpcisWantsThem() {
        assertThat(EpcisWriter.formatOffset(ZoneOffset.UTC)).isEqualTo("+00:00");
        assertThat(EpcisWriter.formatOffset(ZoneOffset.ofHoursMinutes(-9, -30))).isEqualTo("-09:30");
        assertThat(EpcisWriter.formatOffset(ZoneOffset.ofHours(14))).isEqualTo("+14:00");
    }
}
