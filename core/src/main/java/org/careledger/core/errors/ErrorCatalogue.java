package org.careledger.core.errors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every error code careledger raises, read from {@code errors.tsv} beside this class: the one place a code's HTTP
 * status and meaning are defined. The node's HTTP layer takes statuses from here and docs/ERRORS.md is rendered
 * from it ({@link #markdown()}); tests fail on a code in the sources that is not listed, and on a listed code no
 * source raises.
 */
public final class ErrorCatalogue {
    /** The status a node answers a code with when the catalogue gives none: a well-formed request it refused. */
    public static final int DEFAULT_STATUS = 422;

    private static final ErrorCatalogue STANDARD = load();

    private final Map<String, ErrorCode> codes;

    private ErrorCatalogue(Map<String, ErrorCode> codes) {
        this.codes = Collections.unmodifiableMap(codes);
    }

    public static ErrorCatalogue standard() {
        return STANDARD;
    }

    public Optional<ErrorCode> find(String code) {
        return Optional.ofNullable(codes.get(code));
    }

    /**
     * The HTTP status for a code: the catalogue's, else 500 for a {@code STORE_} code (a storage failure), else
     * {@link #DEFAULT_STATUS}. A caller-side code that still reaches a node (e.g. a certificate PEM inside a
     * transaction) is a refused request, hence 422 too.
     */
    public int httpStatus(String code) {
        ErrorCode e = codes.get(code);
        if (e != null && e.httpStatus().isPresent()) {
            return e.httpStatus().getAsInt();
        }
        return code.startsWith("STORE_") ? 500 : DEFAULT_STATUS;
    }

    public List<ErrorCode> entries() {
        return List.copyOf(codes.values());
    }

    /** The catalogue as the Markdown table docs/ERRORS.md carries, in catalogue order (grouped by area). */
    public String markdown() {
        StringBuilder md = new StringBuilder("| code | status | area | meaning |\n|---|---|---|---|\n");
        for (ErrorCode e : codes.values()) {
            md.append("| `").append(e.code()).append("` | ")
                    .append(e.httpStatus().isPresent() ? String.valueOf(e.httpStatus().getAsInt()) : "–")
                    .append(" | ").append(e.area()).append(" | ").append(e.meaning().replace("|", "\\|"))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static ErrorCatalogue load() {
        try (InputStream in = ErrorCatalogue.class.getResourceAsStream("errors.tsv")) {
            if (in == null) {
                throw new IllegalStateException("errors.tsv is missing from the careledger-core jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses catalogue lines: {@code code TAB status-or-dash TAB area TAB meaning}; {@code #} starts a comment. */
    static ErrorCatalogue parse(List<String> lines) {
        Map<String, ErrorCode> codes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 4 || !f[0].matches("[A-Z][A-Z0-9_]*") || f[2].isBlank() || f[3].isBlank()) {
                problems.add("line " + (i + 1) + ": want CODE<TAB>status|-<TAB>area<TAB>meaning, got: " + line);
                continue;
            }
            OptionalInt status = OptionalInt.empty();
            if (!f[1].equals("-")) {
                if (!f[1].matches("[45]\\d\\d")) {
                    problems.add("line " + (i + 1) + ": status must be a 4xx/5xx number or '-': " + f[1]);
                    continue;
                }
                status = OptionalInt.of(Integer.parseInt(f[1]));
            }
            if (codes.putIfAbsent(f[0], new ErrorCode(f[0], status, f[2], f[3])) != null) {
                problems.add("line " + (i + 1) + ": " + f[0] + " is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the error catalogue is malformed:\n" + String.join("\n", problems));
        }
        return new ErrorCatalogue(codes);
    }
}
