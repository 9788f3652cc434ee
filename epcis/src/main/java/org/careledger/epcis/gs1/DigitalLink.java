package org.careledger.epcis.gs1;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import org.careledger.core.CareledgerException;

/**
 * The GS1 key part of a GS1 Digital Link URI: a primary key ({@code /01/{gtin}}) followed by key qualifiers
 * ({@code /21/{serial}}). Any host and any path in front of the primary key is accepted, because brand owners
 * run their own resolvers; query parameters (data attributes, link types) are not part of the identity and are
 * ignored. Values are percent-decoded.
 *
 * @param primaryAi the application identifier of the primary key, e.g. {@code 01}
 * @param primaryValue the key itself, e.g. a 14-digit GTIN
 * @param qualifiers key qualifiers in URI order, e.g. {@code 21 -> ABC}
 */
public record DigitalLink(String primaryAi, String primaryValue, SequencedMap<String, String> qualifiers) {
    /** The canonical resolver, used when rendering; parsing accepts any host. */
    public static final String CANONICAL_BASE = "https://id.gs1.org";

    private static final Map<String, List<String>> QUALIFIERS_BY_PRIMARY = Map.ofEntries(
            Map.entry("00", List.of()),
            Map.entry("01", List.of("22", "10", "21", "235")),
            Map.entry("253", List.of()),
            Map.entry("255", List.of()),
            Map.entry("401", List.of()),
            Map.entry("402", List.of()),
            Map.entry("414", List.of("254", "7040")),
            Map.entry("417", List.of("7040")),
            Map.entry("8003", List.of()),
            Map.entry("8004", List.of("7040")),
            Map.entry("8006", List.of("22", "10", "21")),
            Map.entry("8010", List.of("8011")),
            Map.entry("8017", List.of("8019")),
            Map.entry("8018", List.of("8019")));
    private static final String UNRESERVED_PUNCTUATION = "-._~";

    public DigitalLink {
        if (primaryAi == null || !QUALIFIERS_BY_PRIMARY.containsKey(primaryAi)) {
            throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception(
                    "'" + primaryAi + "' is not a GS1 Digital Link primary key AI");
        }
        if (primaryValue == null || primaryValue.isEmpty()) {
            throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception("primary key /" + primaryAi + "/ has no value");
        }
        Objects.requireNonNull(qualifiers, "qualifiers");
        List<String> allowed = QUALIFIERS_BY_PRIMARY.get(primaryAi);
        for (Map.Entry<String, String> q : qualifiers.entrySet()) {
            if (!allowed.contains(q.getKey())) {
                throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception("/" + q.getKey()
                        + "/ is not a key qualifier of /" + primaryAi + "/ (allowed: " + allowed + ")");
            }
            if (q.getValue() == null || q.getValue().isEmpty()) {
                throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception("key qualifier /" + q.getKey()
                        + "/ has no value");
            }
        }
        qualifiers = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(qualifiers));
    }

    public static DigitalLink of(String primaryAi, String primaryValue) {
        return new DigitalLink(primaryAi, primaryValue, new LinkedHashMap<>());
    }

    /** A link with one key qualifier, e.g. {@code /01/{gtin}/21/{serial}}. */
    public static DigitalLink of(String primaryAi, String primaryValue, String qualifierAi, String qualifierValue) {
        SequencedMap<String, String> qualifiers = new LinkedHashMap<>();
        qualifiers.put(qualifierAi, qualifierValue);
        return new DigitalLink(primaryAi, primaryValue, qualifiers);
    }

    public Optional<String> qualifier(String ai) {
        return Optional.ofNullable(qualifiers.get(ai));
    }

    /** True when the text is an http(s) URI; only such text can be a Digital Link. */
    public static boolean looksLikeDigitalLink(String text) {
        return text != null && (text.regionMatches(true, 0, "https://", 0, 8)
                || text.regionMatches(true, 0, "http://", 0, 7));
    }

    /**
     * Finds the GS1 key in {@code uri}. Empty when the URI carries no GS1 primary key at all (an ordinary web
     * address); throws when it does but the rest of the path is not a valid qualifier sequence.
     */
    public static Optional<DigitalLink> find(String uri) {
        if (!looksLikeDigitalLink(uri)) {
            return Optional.empty();
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception("'" + uri + "' is not a valid URI: "
                    + e.getReason());
        }
        if (parsed.getHost() == null) {
            throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception("'" + uri + "' has no host");
        }
        String rawPath = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        String[] segments = rawPath.startsWith("/") ? rawPath.substring(1).split("/", -1) : rawPath.split("/", -1);
        for (int i = 0; i + 1 < segments.length; i++) {
            if (QUALIFIERS_BY_PRIMARY.containsKey(segments[i]) && !segments[i + 1].isEmpty()) {
                return Optional.of(fromSegments(uri, segments, i));
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find} but a URI without a GS1 key is an error. */
    public static DigitalLink parse(String uri) {
        if (!looksLikeDigitalLink(uri)) {
            throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception(
                    "'" + uri + "' is not a GS1 Digital Link URI (http:// or https://)");
        }
        return find(uri).orElseThrow(() -> Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception("'" + uri
                + "' has no GS1 primary key in its path (e.g. /01/{gtin} or /00/{sscc})"));
    }

    private static DigitalLink fromSegments(String uri, String[] segments, int start) {
        String primaryAi = segments[start];
        String primaryValue = decode(uri, segments[start + 1]);
        int rest = segments.length - start - 2;
        // a trailing slash leaves one empty segment, which is harmless
        if (rest > 0 && segments[segments.length - 1].isEmpty()) {
            rest--;
        }
        if (rest % 2 != 0) {
            throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception("'" + uri + "': after /" + primaryAi
                    + "/" + segments[start + 1] + " the path must continue in /{AI}/{value} pairs");
        }
        SequencedMap<String, String> qualifiers = new LinkedHashMap<>();
        for (int i = start + 2; i < start + 2 + rest; i += 2) {
            if (qualifiers.put(segments[i], decode(uri, segments[i + 1])) != null) {
                throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception(
                        "'" + uri + "' repeats key qualifier /" + segments[i] + "/");
            }
        }
        try {
            return new DigitalLink(primaryAi, primaryValue, qualifiers);
        } catch (CareledgerException e) {
            throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception("'" + uri + "': " + e.getMessage(), e);
        }
    }

    /** Renders on {@link #CANONICAL_BASE}. */
    public String toUri() {
        return toUri(CANONICAL_BASE);
    }

    /** Renders on a resolver of the caller's choice, e.g. {@code https://dl.example.com}. */
    public String toUri(String base) {
        StringBuilder out = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        out.append('/').append(primaryAi).append('/').append(encode(primaryValue));
        qualifiers.forEach((ai, value) -> out.append('/').append(ai).append('/').append(encode(value)));
        return out.toString();
    }

    /** Percent-encodes everything outside RFC 3986 "unreserved", so the value survives any URI parser. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || UNRESERVED_PUNCTUATION.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    /** Percent-decodes a path segment as UTF-8; unlike URLDecoder, '+' stays a plus sign. */
    static String decode(String uri, String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        int i = 0;
        while (i < segment.length()) {
            int percent = segment.indexOf('%', i);
            int end = percent < 0 ? segment.length() : percent;
            bytes.writeBytes(segment.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            int hi = percent + 2 < segment.length() ? Character.digit(segment.charAt(percent + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(segment.charAt(percent + 2), 16);
            if (lo < 0) {
                throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception(
                        "'" + uri + "' has a '%' that does not start a %XX escape");
            }
            bytes.write(hi * 16 + lo);
            i = percent + 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK.exception(
                    "'" + uri + "' has percent-escapes that are not valid UTF-8");
        }
    }
}
