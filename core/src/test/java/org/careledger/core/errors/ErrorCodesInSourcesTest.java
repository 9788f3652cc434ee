package org.careledger.core.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the catalogue and the code base to each other: every UPPER_SNAKE literal in main sources is a catalogued
 * error code or one of the few known non-error words below, and every catalogued code is raised somewhere.
 */
class ErrorCodesInSourcesTest {
    /** Upper-snake literals that are values, not error codes (each with where it comes from). */
    private static final Set<String> NOT_ERROR_CODES = Set.of(
            "BREAK_GLASS", "OWN_ORG", "PUBLIC_HEALTH", // disclosure decisions (fhir.model.Disclosure)
            "RECORD_LIST", // a read log entry kind (node.reads.ReadKind)
            "NOT_REACHED"); // an import entry not attempted (cli)
    private static final Pattern SNAKE = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    private static final Pattern ONE_WORD = Pattern.compile("(?:Exception|super)\\(\\s*\"([A-Z][A-Z0-9]*)\"");
    /** An enum of error codes (EpcisErrorCode, Gs1ErrorCode, FhirErrorCode): its constants are codes. */
    private static final Pattern CODE_ENUM = Pattern.compile(
            "(?ms)enum \\w*ErrorCode\\s*\\{(.*?^\\s+[A-Z][A-Z0-9_]*;)\\s*$");
    private static final Pattern ENUM_CONSTANT = Pattern.compile("(?m)^\\s+([A-Z][A-Z0-9_]+)\\s*[,;(]?\\s*$");
    private static final Pattern SKIPPED = Pattern.compile(
            "(paramLabel\\s*=\\s*|getenv\\(\\s*|getProperty\\(\\s*)$");

    private static final Map<String, Set<String>> usedIn = new TreeMap<>();

    @BeforeAll
    static void scan() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> collect(root, f));
                }
            }
        }
        assertThat(usedIn).as("no sources found under " + root).isNotEmpty();
    }

    private static void collect(Path root, Path file) {
        String src;
        try {
            src = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String where = root.relativize(file).toString();
        Matcher m = SNAKE.matcher(src);
        while (m.find()) {
            String before = src.substring(Math.max(0, m.start() - 40), m.start());
            if (SKIPPED.matcher(before).find() || m.group(1).startsWith("CARELEDGER_")) {
                continue;
            }
            usedIn.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(where);
        }
        Matcher e = CODE_ENUM.matcher(src);
        if (e.find()) {
            Matcher c = ENUM_CONSTANT.matcher(e.group(1));
            while (c.find()) {
                usedIn.computeIfAbsent(c.group(1), k -> new TreeSet<>()).add(where);
            }
        }
        Matcher w = ONE_WORD.matcher(src);
        while (w.find()) {
            usedIn.computeIfAbsent(w.group(1), k -> new TreeSet<>()).add(where);
        }
    }

    @Test
    void everyCodeTheSourcesRaiseIsCatalogued() {
        ErrorCatalogue catalogue = ErrorCatalogue.standard();
        Map<String, Set<String>> missing = usedIn.entrySet().stream()
                .filter(e -> !NOT_ERROR_CODES.contains(e.getKey()) && catalogue.find(e.getKey()).isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertThat(missing)
                .as("codes raised in the sources but missing from core/src/main/resources/org/careledger/core/"
                        + "errors/errors.tsv (add each with its status, area and meaning, then regenerate"
                        + " docs/ERRORS.md)")
                .isEmpty();
    }

    @Test
    void everyCataloguedCodeIsRaisedSomewhere() {
        Set<String> stale = ErrorCatalogue.standard().entries().stream().map(ErrorCode::code)
                .filter(c -> !usedIn.containsKey(c)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(stale).as("catalogued codes no main source raises any more: remove them from errors.tsv")
                .isEmpty();
    }
}
