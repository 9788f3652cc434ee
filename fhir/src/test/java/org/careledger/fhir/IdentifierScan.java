package org.careledger.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.careledger.core.json.CanonicalJson;

/**
 * The privacy scan of the network tests: what identifies the patients of an input Bundle, and where any of it turns
 * up in a node directory, a log or a command's output. Matching ignores case and reads files as ISO-8859-1, so any
 * byte sequence spelling a value counts, whatever the file's format. Shared through the fhir test-jar.
 */
public final class IdentifierScan {
    private IdentifierScan() {}

    /** {@link #identifying(JsonNode)} of every Patient in the Bundle. */
    public static Set<String> identifying(byte[] bundle) {
        Set<String> out = new TreeSet<>();
        for (JsonNode e : CanonicalJson.tree(bundle).path("entry")) {
            JsonNode r = e.path("resource");
            if (r.path("resourceType").asText().equals("Patient")) {
                out.addAll(identifying(r));
            }
        }
        return out;
    }

    /**
     * A Patient's names, birth date, telecom, address lines, city and postal code, identifier values, string
     * extensions (Synthea's mother's maiden name, birthplace) and resource id. Values shorter than 4 characters or of
     * one repeated character are left out: they occur by chance (Synthea's placeholder ZIP 00000 is in every RocksDB
     * file name).
     */
    public static Set<String> identifying(JsonNode patient) {
        Set<String> out = new TreeSet<>();
        patient.path("name").forEach(n -> {
            out.add(n.path("family").asText());
            n.path("given").forEach(g -> out.add(g.asText()));
        });
        out.add(patient.path("birthDate").asText());
        patient.path("identifier").forEach(i -> out.add(i.path("value").asText()));
        patient.path("telecom").forEach(t -> out.add(t.path("value").asText()));
        patient.path("address").forEach(a -> {
            a.path("line").forEach(l -> out.add(l.asText()));
            out.add(a.path("city").asText());
            out.add(a.path("postalCode").asText());
        });
        patient.path("extension").forEach(x -> {
            if (x.has("valueString")) {
                out.add(x.path("valueString").asText());
            }
        });
        out.add(patient.path("id").asText());
        out.removeIf(s -> s.length() < 4 || s.chars().distinct().count() == 1);
        return out;
    }

    /** One finding ("VALUE in FILE") per value found in a regular file under {@code dir}. */
    public static List<String> inFiles(Path dir, Collection<String> identifiers) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                found.addAll(inText(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1),
                        dir.relativize(f).toString(), identifiers));
            }
        }
        return found;
    }

    /**
     * One finding ("VALUE in WHERE") per value found in {@code text}. A short number (a postal code such as 01420)
     * counts only as a number of its own, not inside a longer run of letters and digits: hex hashes and millisecond
     * timestamps fill node files, and five given digits turn up in them by chance (a CI run found three ZIP codes
     * inside them).
     */
    public static List<String> inText(String text, String where, Collection<String> identifiers) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String s : identifiers) {
            String value = s.toLowerCase(Locale.ROOT);
            if (shortNumber(value) ? standsAlone(lower, value) : lower.contains(value)) {
                found.add(s + " in " + where);
            }
        }
        return found;
    }

    private static boolean shortNumber(String value) {
        return value.length() < 8 && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** True if {@code value} occurs with no letter or digit right before or after it. */
    private static boolean standsAlone(String text, String value) {
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
            int end = at + value.length();
            if ((at == 0 || !alnum(text.charAt(at - 1))) && (end == text.length() || !alnum(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean alnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
    }
}
