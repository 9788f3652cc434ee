package org.careledger.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;

/**
 * The node's {@code /openapi.json}: the base document (the ledger API, records, drugs, FHIR) plus one fragment per
 * domain, {@code openapi/<domain>.json} on the classpath, shaped {@code {"paths": {...}, "components": {"schemas":
 * {...}}}}. Fragments are found by the ids of the registered node domains, not by listing a classpath directory
 * (which a jar cannot be relied on to do). A fragment that declares a path or component another part already has is
 * refused ({@code OPENAPI_FRAGMENT_INVALID}), so the node does not start with one domain silently hiding another's
 * contract.
 */
public final class OpenApiDocument {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = CanonicalJson.mapper();

    /** The base document's classpath resource. */
    public static final String BASE = "/openapi.json";
    /** Where a domain's fragment lives: {@code openapi/<domain>.json}. */
    public static final String FRAGMENT_DIR = "/openapi/";
    private static final Set<String> FRAGMENT_KEYS = Set.of("paths", "components");

    private OpenApiDocument() {}

    /** The classpath resource of a domain's fragment. */
    public static String fragmentResource(String domain) {
        return FRAGMENT_DIR + domain + ".json";
    }

    /**
     * The base document merged with the fragments of {@code domains} that have one (a domain whose paths are in the
     * base document has none), or null if this build has no base document.
     */
    public static byte[] load(List<String> domains) {
        byte[] base = resource(BASE);
        if (base == null) {
            return null;
        }
        Map<String, byte[]> fragments = new LinkedHashMap<>();
        for (String d : domains) {
            byte[] f = resource(fragmentResource(d));
            if (f != null) {
                fragments.put(fragmentResource(d).substring(1), f);
            }
        }
        return merge(base, fragments);
    }

    /**
     * Merges named fragments into the base document: their paths into {@code paths}, each {@code components}
     * section (schemas, parameters, …) into the base's section of that name.
     */
    public static byte[] merge(byte[] base, Map<String, byte[]> fragments) {
        ObjectNode doc = object(base, BASE.substring(1));
        ObjectNode paths = doc.withObjectProperty("paths");
        ObjectNode components = doc.withObjectProperty("components");
        for (Map.Entry<String, byte[]> f : fragments.entrySet()) {
            String name = f.getKey();
            ObjectNode fragment = object(f.getValue(), name);
            for (Iterator<String> keys = fragment.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!FRAGMENT_KEYS.contains(key)) {
                    throw invalid(name, "has '" + key + "'; a fragment holds only 'paths' and 'components'");
                }
            }
            addAll(paths, section(fragment, "paths", name), name, "path");
            ObjectNode fragmentComponents = section(fragment, "components", name);
            for (Map.Entry<String, JsonNode> kind : fragmentComponents.properties()) {
                if (!kind.getValue().isObject()) {
                    throw invalid(name, "components." + kind.getKey() + " is not an object");
                }
                addAll(components.withObjectProperty(kind.getKey()), (ObjectNode) kind.getValue(), name,
                        "components." + kind.getKey() + " name");
            }
        }
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addAll(ObjectNode into, ObjectNode from, String fragment, String what) {
        for (Map.Entry<String, JsonNode> e : from.properties()) {
            if (into.has(e.getKey())) {
                throw invalid(fragment, "declares " + what + " '" + e.getKey()
                        + "', which the base document or another fragment already declares");
            }
            into.set(e.getKey(), e.getValue());
        }
    }

    private static ObjectNode section(ObjectNode fragment, String key, String name) {
        JsonNode n = fragment.get(key);
        if (n == null || n.isNull()) {
            return JSON.createObjectNode();
        }
        if (!n.isObject()) {
            throw invalid(name, "'" + key + "' is not an object");
        }
        return (ObjectNode) n;
    }

    private static ObjectNode object(byte[] json, String name) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw invalid(name, "is not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw invalid(name, "is not a JSON object");
        }
        return (ObjectNode) n;
    }

    private static CareledgerException invalid(String name, String why) {
        return new CareledgerException("OPENAPI_FRAGMENT_INVALID", "OpenAPI " + name + " " + why);
    }

    private static byte[] resource(String name) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
