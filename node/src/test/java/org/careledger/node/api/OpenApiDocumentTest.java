package org.careledger.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.node.NodeDomains;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
    private static final byte[] BASE = json("""
            {"openapi": "3.1.0", "paths": {"/v1/head": {"get": {}}},
             "components": {"schemas": {"Problem": {"type": "object"}}}}""");

    @Test
    void fragmentsAddTheirPathsAndSchemas() {
        JsonNode doc = CanonicalJson.tree(OpenApiDocument.merge(BASE, Map.of("openapi/research.json", json("""
                {"paths": {"/v1/studies": {"get": {"responses": {"200": {"content": {"application/json":
                  {"schema": {"$ref": "#/components/schemas/Study"}}}}}}}},
                 "components": {"schemas": {"Study": {"type": "object"}}}}"""))));
        assertThat(doc.get("paths").has("/v1/head")).isTrue();
        assertThat(doc.get("paths").has("/v1/studies")).isTrue();
        assertThat(doc.get("components").get("schemas").has("Problem")).isTrue();
        assertThat(doc.get("components").get("schemas").has("Study")).isTrue();
    }

    @Test
    void aPathOrSchemaDeclaredTwiceIsRefusedNamingIt() {
        assertRefused(Map.of("openapi/x.json", json("{\"paths\": {\"/v1/head\": {\"get\": {}}}}")),
                "openapi/x.json declares path '/v1/head'");
        assertRefused(Map.of("openapi/x.json", json("{\"components\": {\"schemas\": {\"Problem\": {}}}}")),
                "openapi/x.json declares components.schemas name 'Problem'");
        Map<String, byte[]> two = new LinkedHashMap<>();
        two.put("openapi/a.json", json("{\"components\": {\"schemas\": {\"Study\": {}}}}"));
        two.put("openapi/b.json", json("{\"components\": {\"schemas\": {\"Study\": {}}}}"));
        assertRefused(two, "openapi/b.json declares components.schemas name 'Study'");
    }

    @Test
    void aFragmentOfAnotherShapeIsRefused() {
        assertRefused(Map.of("openapi/x.json", json("{\"info\": {}}")), "openapi/x.json has 'info'");
        assertRefused(Map.of("openapi/x.json", json("[]")), "openapi/x.json is not a JSON object");
        assertRefused(Map.of("openapi/x.json", json("{\"paths\": ")), "openapi/x.json is not JSON");
        assertRefused(Map.of("openapi/x.json", json("{\"paths\": []}")), "'paths' is not an object");
    }

    /** Every fragment in the resources belongs to a registered domain, else the node would never serve it. */
    @Test
    void everyFragmentIsARegisteredDomains() throws IOException, URISyntaxException {
        Path dir = Path.of(OpenApiDocument.class.getResource(OpenApiDocument.FRAGMENT_DIR).toURI());
        List<String> registered = NodeDomains.ids(NodeDomains.standard());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(f).as("openapi/%s must be named after a domain in"
                            + " NodeDomains.standard() %s", f, registered)
                            .isIn(registered.stream().map(d -> d + ".json").toList()));
        }
    }

    @Test
    void theMergedDocumentOfAllDomainsResolvesEveryReference() {
        JsonNode doc = CanonicalJson.tree(OpenApiDocument.load(NodeDomains.ids(NodeDomains.standard())));
        assertThat(doc.get("paths").has("/v1/claims/{claimId}")).as("claims' fragment merged").isTrue();
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/components/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        });
    }

    private static void collectRefs(JsonNode n, List<String> into) {
        if (n.isObject()) {
            n.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    into.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), into);
                }
            });
        } else if (n.isArray()) {
            n.forEach(c -> collectRefs(c, into));
        }
    }

    private static void assertRefused(Map<String, byte[]> fragments, String message) {
        assertThatThrownBy(() -> OpenApiDocument.merge(BASE, fragments))
                .isInstanceOf(CareledgerException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((CareledgerException) e).code()).isEqualTo("OPENAPI_FRAGMENT_INVALID"));
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
