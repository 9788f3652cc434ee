package org.careledger.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import org.careledger.core.CareledgerException;

/**
 * The one JSON encoding used for contract arguments, state values and events. Keys are sorted and there is no
 * whitespace, so the same value always gives the same bytes on every node (hashes depend on it).
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CanonicalJson() {}

    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    public static byte[] encode(Object value) {
        try {
            // round-trip through a tree so maps and records of any origin come out key-sorted
            JsonNode tree = MAPPER.valueToTree(value);
            return MAPPER.writeValueAsBytes(MAPPER.treeToValue(tree, Object.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Decodes bytes into a type; malformed input becomes {@code MALFORMED_JSON} with what was wrong. */
    public static <T> T decode(byte[] json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new CareledgerException("MALFORMED_JSON", "expected a " + type.getSimpleName() + ", got null");
            }
            return value;
        } catch (IOException e) {
            throw new CareledgerException("MALFORMED_JSON", "cannot read " + type.getSimpleName() + ": "
                    + firstLine(e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new CareledgerException("MALFORMED_JSON", "invalid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    public static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new CareledgerException("MALFORMED_JSON", "cannot read JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
