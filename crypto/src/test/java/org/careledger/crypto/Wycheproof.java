package org.careledger.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Loads Project Wycheproof vector files from the test classpath (testdata/wycheproof, see testdata/README.md). */
public final class Wycheproof {
    /** One test case together with the group it belongs to (keys and sizes live on the group). */
    public record Vector(JsonNode group, JsonNode test) {
        public int tcId() {
            return test.get("tcId").asInt();
        }

        public String result() {
            return test.get("result").asText();
        }

        public byte[] hex(String field) {
            return HexFormat.of().parseHex(test.get(field).asText());
        }

        /** "tcId 7 valid: comment [flags]" — what a failing dynamic test shows. */
        public String displayName() {
            String comment = test.path("comment").asText();
            return "tcId " + tcId() + " " + result() + (comment.isEmpty() ? "" : ": " + comment)
                    + " " + test.path("flags");
        }
    }

    private Wycheproof() {
    }

    /** The classpath resource of a vector file. */
    public static String resource(String name) {
        return "/testdata/wycheproof/" + name;
    }

    public static List<Vector> vectors(String name) {
        try (InputStream in = Wycheproof.class.getResourceAsStream(resource(name))) {
            if (in == null) {
                throw new IllegalStateException("Wycheproof file " + resource(name) + " is not on the test classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Vector> out = new ArrayList<>();
            for (JsonNode group : root.get("testGroups")) {
                for (JsonNode test : group.get("tests")) {
                    out.add(new Vector(group, test));
                }
            }
            if (out.size() != root.get("numberOfTests").asInt()) {
                throw new IllegalStateException(name + ": expected " + root.get("numberOfTests") + " tests, read "
                        + out.size());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Wycheproof file " + resource(name), e);
        }
    }

    public static byte[] hex(JsonNode node) {
        return HexFormat.of().parseHex(node.asText());
    }
}
