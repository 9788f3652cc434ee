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

    /** One reader per target type: readValue(bytes, Class) resolves the type and its deserializer on every call. */
    private static final ClassValue<com.fasterxml.jackson.databind.ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected com.fasterxml.jackson.databind.ObjectReader computeValue(Class<?> type) {
            return MAPPER.readerFor(type);
        }
    };

    private CanonicalJson() {}

    /**
     * A configurable copy of the canonical mapper. Keep it in a long-lived (static) field: each copy has its own
     * serializer and deserializer caches, so a copy per call or per short-lived object introspects every type again.
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    public static byte[] encode(Object value) {
        try {
            if (value instanceof String s) {
                // contracts index by a bare id string; the tree would write the same bytes, more slowly
                return MAPPER.writeValueAsBytes(s);
            }
            // through a tree so maps and records of any origin come out key-sorted
            JsonNode tree = MAPPER.valueToTree(value);
            byte[] direct = tree == null ? null : writeSorted(tree);
            return direct != null ? direct : MAPPER.writeValueAsBytes(MAPPER.treeToValue(tree, Object.class));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * The reference encoding: tree, then plain Java maps and lists, written with sorted map keys. {@link #encode}
     * gives the same bytes; tests compare the two.
     */
    static byte[] encodeByRoundTrip(Object value) {
        try {
            return MAPPER.writeValueAsBytes(MAPPER.treeToValue(MAPPER.valueToTree(value), Object.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Writes a tree the way {@link #encodeByRoundTrip} writes it, without building the intermediate maps (contracts
     * encode a state value and an event for every transaction): objects with keys in {@code String} order, arrays,
     * strings, whole numbers, booleans and nulls are written exactly as the map and list serializers would write
     * their Java equivalents. For any other node (floating-point, binary, embedded objects) it returns null and the
     * caller takes the round trip, whose number and binary conversions are not worth re-deriving.
     */
    private static byte[] writeSorted(JsonNode tree) throws java.io.IOException {
        if (!plain(tree)) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
        try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.createGenerator(out)) {
            write(g, tree);
        }
        return out.toByteArray();
    }

    private static boolean plain(JsonNode n) {
        return switch (n.getNodeType()) {
            case OBJECT, ARRAY -> {
                for (JsonNode child : n) {
                    if (!plain(child)) {
                        yield false;
                    }
                }
                yield true;
            }
            case STRING, BOOLEAN, NULL -> true;
            case NUMBER -> n.isInt() || n.isLong();
            default -> false;
        };
    }

    private static void write(com.fasterxml.jackson.core.JsonGenerator g, JsonNode n) throws java.io.IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                // the fields sorted by name, without a look-up per name afterwards
                java.util.List<java.util.Map.Entry<String, JsonNode>> fields = new java.util.ArrayList<>(n.size());
                fields.addAll(n.properties());
                fields.sort(java.util.Map.Entry.comparingByKey());
                g.writeStartObject();
                for (java.util.Map.Entry<String, JsonNode> field : fields) {
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode child : n) {
                    write(g, child);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL -> g.writeNull();
            case NUMBER -> {
                if (n.isInt()) {
                    g.writeNumber(n.intValue());
                } else {
                    g.writeNumber(n.longValue());
                }
            }
            default -> throw new IllegalStateException("not a plain JSON node: " + n.getNodeType());
        }
    }

    /** Decodes bytes into a type; malformed input becomes {@code MALFORMED_JSON} with what was wrong. */
    public static <T> T decode(byte[] json, Class<T> type) {
        try {
            T value = READERS.get(type).readValue(json);
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
