package org.careledger.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The prefix definitions of a JSON-LD {@code @context}, enough to expand compact IRIs such as
 * {@code cbvmda:lotNumber} to {@code urn:epcglobal:cbv:mda:lotNumber}. Full JSON-LD processing would need the
 * remote context fetched; the prefixes that matter here are those of the standard EPCIS 2.0 context, which are
 * built in, plus whatever the document declares inline.
 */
final class JsonLdContext {
    /** Prefixes of https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld that this module relies on. */
    static final JsonLdContext STANDARD = new JsonLdContext(Map.of(
            "epcis", "https://ref.gs1.org/epcis/",
            "cbv", "https://ref.gs1.org/cbv/",
            "cbvmda", "urn:epcglobal:cbv:mda:",
            "gs1", "https://gs1.org/voc/"));

    private final Map<String, String> prefixes;

    private JsonLdContext(Map<String, String> prefixes) {
        this.prefixes = Map.copyOf(prefixes);
    }

    /** This context with the prefixes of an inline {@code @context} (string, object or array) laid over it. */
    JsonLdContext with(JsonNode context) {
        if (context == null || context.isNull() || context.isMissingNode()) {
            return this;
        }
        Map<String, String> merged = new HashMap<>(prefixes);
        collect(context, merged);
        return new JsonLdContext(merged);
    }

    private static void collect(JsonNode context, Map<String, String> into) {
        if (context.isArray()) {
            context.forEach(c -> collect(c, into));
        } else if (context.isObject()) {
            context.properties().forEach(e -> {
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                    into.put(e.getKey(), v.asText());
                } else if (v.isObject() && v.path("@id").isTextual()) {
                    into.put(e.getKey(), v.path("@id").asText());
                }
            });
        }
        // a string entry is a remote context; its prefixes are not fetched (only the standard ones are known)
    }

    /** Expands {@code prefix:suffix} when the prefix is defined; absolute IRIs and plain terms pass unchanged. */
    String expand(String term) {
        int colon = term.indexOf(':');
        if (colon <= 0 || term.startsWith("//", colon + 1)) {
            return term;
        }
        String iri = prefixes.get(term.substring(0, colon));
        return iri == null ? term : iri + term.substring(colon + 1);
    }
}
