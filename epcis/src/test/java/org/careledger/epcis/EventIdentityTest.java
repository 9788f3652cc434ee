package org.careledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The derived identity of events without eventID (not GS1's event hash), on GS1's Example_9.6.1-ObjectEvent.jsonld. */
class EventIdentityTest {
    final ObjectMapper mapper = new ObjectMapper();

    JsonNode shipping() throws IOException {
        return mapper.readTree(Files.readString(EpcisExamples.directory().resolve("Example_9.6.1-ObjectEvent.jsonld")))
                .get("epcisBody").get("eventList").get(0);
    }

    @Test
    void ignoresEventIdRecordTimeKeyOrderAndWhitespaceButNotContent() throws IOException {
        JsonNode event = shipping();
        String id = EventIdentity.of(event);
        assertThat(id).startsWith(EventIdentity.PREFIX).hasSize(EventIdentity.PREFIX.length() + 64);
        var copy = (com.fasterxml.jackson.databind.node.ObjectNode) event.deepCopy();
        copy.remove("eventID");
        copy.put("recordTime", "2026-01-01T00:00:00Z");
        assertThat(EventIdentity.of(copy)).isEqualTo(id);
        // the same JSON re-serialized with keys in another order and other whitespace
        var reordered = mapper.createObjectNode();
        java.util.List<String> names = new java.util.ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.forEach(n -> reordered.set(n, event.get(n)));
        assertThat(EventIdentity.of(mapper.readTree(mapper.writerWithDefaultPrettyPrinter()
                .writeValueAsString(reordered)))).isEqualTo(id);
        copy.put("bizStep", "receiving");
        assertThat(EventIdentity.of(copy)).isNotEqualTo(id);
    }

    @Test
    void theReaderGivesEveryEventItsIdentity() throws IOException {
        EpcisDocument doc = new EpcisDocumentReader().read(Files.readAllBytes(
                EpcisExamples.directory().resolve("Example_9.6.1-ObjectEvent.jsonld")));
        assertThat(doc.results()).allSatisfy(r -> {
            assertThat(r.contentId()).startsWith(Gs1EventHash.PREFIX).endsWith(Gs1EventHash.SUFFIX);
            assertThat(r.identity()).isEqualTo(r.eventId().orElseThrow()); // an eventID wins when present
        });
        // the derived identity is GS1's event hash (the example's own eventIDs are illustrative, not its hashes)
        assertThat(doc.results().get(0).contentId()).isEqualTo(Gs1EventHash.of(shipping(), null).orElseThrow());
    }

    @Test
    void aHugeExponentIsHashedWithoutExpandingIt() throws IOException {
        JsonNode event = new EpcisDocumentReaderTestMapper().read("{\"type\": \"ObjectEvent\", \"x\": 1e999999999}");
        assertThat(EventIdentity.of(event)).startsWith(EventIdentity.PREFIX);
    }

    /** Reads numbers as the document reader does (floats as BigDecimal). */
    static final class EpcisDocumentReaderTestMapper {
        JsonNode read(String json) throws IOException {
            return com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
                    .readTree(json);
        }
    }
}
