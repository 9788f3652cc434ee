package org.careledger.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.careledger.core.CareledgerException;

/** Properties of the JSON codec over real Synthea resources. */
class FhirJsonPropertiesTest {

    private static final FhirR4 FHIR = FhirR4.shared();
    private static final FhirJsonEquivalence EQUIVALENCE = new FhirJsonEquivalence(FHIR);
    // exact decimals: a double-based tree would turn 1.50 into 1.5, a real change in FHIR
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final List<FhirResourceEntry> ENTRIES =
            SyntheaBundles.split("synthea-patient-2.json").entries();

    @Property(tries = 200)
    void layoutDoesNotChangeMeaning(@ForAll @IntRange(min = 0, max = 10_000) int n, @ForAll long seed)
            throws IOException {
        FhirResourceEntry entry = ENTRIES.get(n % ENTRIES.size());
        JsonNode shuffled = shuffleKeys(JSON.readTree(entry.resourceJson()), new Random(seed));
        byte[] relaidOut = (seed % 2 == 0 ? JSON.writerWithDefaultPrettyPrinter() : JSON.writer())
                .writeValueAsBytes(shuffled);

        assertThat(EQUIVALENCE.semanticallyEqual(entry.resourceJson(), relaidOut)).isTrue();
        assertThat(FHIR.canonicalize(relaidOut)).isEqualTo(entry.resourceJson());
    }

    /**
     * The edit prepends rather than appends: base64Binary compares by decoded bytes, and HAPI's decoder drops an
     * incomplete trailing group, so "…x" can decode to the same bytes; a prefix shifts every byte.
     */
    @Property(tries = 200)
    void changingAnyStringIsSeen(@ForAll @IntRange(min = 0, max = 10_000) int n, @ForAll long seed)
            throws IOException {
        FhirResourceEntry entry = ENTRIES.get(n % ENTRIES.size());
        JsonNode tree = JSON.readTree(entry.resourceJson());
        List<Runnable> edits = new ArrayList<>();
        collectStringEdits(tree, edits);
        edits.get(new Random(seed).nextInt(edits.size())).run();
        byte[] changed = JSON.writeValueAsBytes(tree);
        try {
            assertThat(EQUIVALENCE.semanticallyEqual(entry.resourceJson(), changed)).isFalse();
        } catch (CareledgerException e) {
            // the edit made a coded or formatted value invalid, which strict parsing must reject
            assertThat(e.code()).isEqualTo("FHIR_MALFORMED");
        }
    }

    @Property(tries = 1000)
    void damagedBytesAreRejectedWithACodeNeverACrash(@ForAll @IntRange(min = 0, max = 10_000) int n,
            @ForAll long seed) {
        byte[] json = ENTRIES.get(n % ENTRIES.size()).resourceJson();
        Random random = new Random(seed);
        byte[] damaged = random.nextBoolean()
                ? Arrays.copyOf(json, random.nextInt(json.length))
                : flipOneByte(json, random);
        try {
            FHIR.parseResource(damaged);
        } catch (CareledgerException e) {
            assertThat(e.code()).isEqualTo("FHIR_MALFORMED");
        }
    }

    private static byte[] flipOneByte(byte[] json, Random random) {
        byte[] copy = json.clone();
        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        return copy;
    }

    private static JsonNode shuffleKeys(JsonNode node, Random random) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            Collections.shuffle(fields, random);
            ObjectNode shuffled = JSON.createObjectNode();
            fields.forEach(f -> shuffled.set(f.getKey(), shuffleKeys(f.getValue(), random)));
            return shuffled;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(child -> copy.add(shuffleKeys(child, random)));
            return copy;
        }
        return node;
    }

    private static void collectStringEdits(JsonNode node, List<Runnable> edits) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            object.properties().forEach(field -> {
                if (field.getValue().isTextual() && !field.getKey().equals("resourceType")) {
                    String key = field.getKey();
                    String value = field.getValue().asText();
                    edits.add(() -> object.set(key, TextNode.valueOf("x" + value)));
                } else {
                    collectStringEdits(field.getValue(), edits);
                }
            });
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                int at = i;
                if (array.get(i).isTextual()) {
                    String value = array.get(i).asText();
                    edits.add(() -> array.set(at, TextNode.valueOf("x" + value)));
                } else {
                    collectStringEdits(array.get(i), edits);
                }
            }
        }
    }
}
