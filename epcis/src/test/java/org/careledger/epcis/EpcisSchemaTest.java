package org.careledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** GS1's EPCIS 2.0 JSON schema, run by a real validator, against GS1's own examples and broken variants of them. */
class EpcisSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static java.util.List<String> documentNames() {
        return EpcisExamples.documentNames();
    }

    @ParameterizedTest
    @MethodSource("documentNames")
    void everyGs1ExampleValidates(String name) throws IOException {
        assertThat(EpcisSchema.failures(JSON.readTree(EpcisExamples.bytes(name)))).as(name).isEmpty();
    }

    @Test
    void theSchemaItselfIsNotADocument() throws IOException {
        assertThat(EpcisSchema.failures(JSON.readTree(EpcisExamples.bytes(EpcisExamples.SCHEMA)))).isNotEmpty();
    }

    @Test
    void aDocumentWithoutContextTypeOrCreationDateIsRefused() throws IOException {
        for (String field : new String[] {"@context", "type", "creationDate", "schemaVersion"}) {
            ObjectNode doc = example();
            doc.remove(field);
            assertThatThrownBy(() -> EpcisSchema.require(doc)).as(field)
                    .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo(EpcisSchema.INVALID));
        }
    }

    @Test
    void anEventWithABadTimeOrActionNamesWhere() throws IOException {
        ObjectNode doc = example();
        ObjectNode event = (ObjectNode) doc.at("/epcisBody/eventList/0");
        event.put("action", "SHIP");
        assertThatThrownBy(() -> EpcisSchema.require(doc))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(EpcisSchema.INVALID);
                    assertThat(e.getMessage()).contains("/epcisBody/eventList/0");
                });
        ObjectNode timeless = example();
        ((ObjectNode) timeless.at("/epcisBody/eventList/0")).remove("eventTime");
        assertThat(EpcisSchema.failures(timeless)).isNotEmpty();
    }

    @Test
    void anEventWithoutItsTypeIsRefused() throws IOException {
        ObjectNode doc = example();
        ArrayNode events = (ArrayNode) doc.at("/epcisBody/eventList");
        ((ObjectNode) events.get(0)).remove("type");
        assertThat(EpcisSchema.failures(doc)).isNotEmpty();
    }

    private static ObjectNode example() throws IOException {
        JsonNode n = JSON.readTree(EpcisExamples.bytes(EpcisExamples.OBJECT_EVENT));
        return (ObjectNode) n;
    }
}
