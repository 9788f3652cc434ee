package org.careledger.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.epcis.gs1.DigitalLink;
import org.careledger.epcis.gs1.Gln;
import org.careledger.epcis.gs1.Lgtin;
import org.careledger.epcis.gs1.ProductClass;
import org.careledger.epcis.gs1.Sgln;
import org.careledger.epcis.gs1.Sgtin;
import org.careledger.epcis.gs1.Sscc;

/**
 * GS1's EPCIS event hash (CBV 2.0 §8.9, "EPCIS Event Hash ID"): {@code ni:///sha-256;HEX?ver=CBV2.0}, the SHA-256 of
 * an event's canonical pre-hash string, so that the same event written in another syntax (EPC URI or Digital Link,
 * CBV short name, URN or web URI, another time zone, other key order) gets the same identity. The reference is
 * github.com/RalphTro/epcis-event-hash-generator; this implementation was written from its description and checked
 * against its published test vectors ({@code Gs1EventHashTest}), not translated from its code.
 *
 * <p>The pre-hash string, with no separators: {@code eventType=T}, then the standard fields in the algorithm's fixed
 * order (eventTime in UTC at millisecond precision, eventTimeZoneOffset, certificationInfo, parentID, the EPC lists
 * with their entries sorted, the quantity lists, action, transformationID, bizStep, disposition,
 * persistentDisposition, readPoint, bizLocation), then every other field (bizTransactionList, sourceList,
 * destinationList, ilmd, extensions) as {@code key=value} strings sorted together. Identifiers become canonical
 * Digital Links ({@code https://id.gs1.org/…}), CBV values web URIs, numbers plain, namespaced keys
 * {@code {namespace-IRI}localName} after the document's own @context. eventID, recordTime, errorDeclaration and
 * comments are left out.
 *
 * <p><b>Scope.</b> EPC URIs of SGTIN, SSCC, SGLN, PGLN, LGTIN and whole-GTIN patterns are converted to Digital
 * Links; other schemes (GRAI, GIAI, …) are hashed as written, which may differ from the reference. Events with a
 * {@code sensorElementList} are not hashed ({@link #of} answers empty): the caller keeps another identity for them.
 */
public final class Gs1EventHash {
    public static final String PREFIX = "ni:///sha-256;";
    public static final String SUFFIX = "?ver=CBV2.0";

    private static final String CBV = "https://ref.gs1.org/cbv/";
    /** Numbers longer than this, or with an exponent beyond it, are hashed as written (no expansion). */
    private static final int MAX_NUMBER_CHARS = 64;
    private static final Set<String> LEFT_OUT = Set.of("type", "eventID", "recordTime", "errorDeclaration",
            "rdfs:comment", "comment", "@context");
    private static final List<String> EPC_LISTS = List.of("epcList", "inputEPCList", "childEPCs");
    private static final List<String> QUANTITY_LISTS = List.of("quantityList", "childQuantityList",
            "inputQuantityList");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Gs1EventHash() {}

    /** The event hash of an event (its JSON object) in a document with this {@code @context}; empty when out of scope. */
    public static Optional<String> of(JsonNode event, JsonNode context) {
        return preHash(event, context).map(s -> PREFIX + Hash.sha256(s.getBytes(StandardCharsets.UTF_8)).hex() + SUFFIX);
    }

    /** The canonical pre-hash string; empty when the event is out of this implementation's scope. */
    public static Optional<String> preHash(JsonNode event, JsonNode context) {
        if (event == null || !event.isObject() || event.has("sensorElementList")) {
            return Optional.empty();
        }
        Map<String, String> ns = namespaces(context);
        Set<String> used = new java.util.HashSet<>(LEFT_OUT);
        StringBuilder out = new StringBuilder("eventType=").append(event.path("type").asText());
        for (String field : List.of("eventTime", "eventTimeZoneOffset", "certificationInfo", "parentID")) {
            used.add(field);
            value(event.get(field), ns).map(v -> field.equals("eventTime") ? time(v) : v)
                    .ifPresent(v -> out.append(field).append('=').append(v));
        }
        for (String list : EPC_LISTS) {
            used.add(list);
            out.append(epcs(list, event.get(list), ns));
        }
        for (String list : QUANTITY_LISTS) {
            used.add(list);
            out.append(quantities(list, event.get(list), ns));
        }
        used.add("outputEPCList");
        out.append(epcs("outputEPCList", event.get("outputEPCList"), ns));
        used.add("outputQuantityList");
        out.append(quantities("outputQuantityList", event.get("outputQuantityList"), ns));
        for (String field : List.of("action", "transformationID")) {
            used.add(field);
            value(event.get(field), ns).ifPresent(v -> out.append(field).append('=').append(v));
        }
        used.add("bizStep");
        value(vocabulary(event.get("bizStep"), "BizStep-"), ns).ifPresent(v -> out.append("bizStep=").append(v));
        used.add("disposition");
        value(vocabulary(event.get("disposition"), "Disp-"), ns).ifPresent(v -> out.append("disposition=").append(v));
        used.add("persistentDisposition");
        out.append(persistentDisposition(event.get("persistentDisposition"), ns));
        for (String place : List.of("readPoint", "bizLocation")) {
            used.add(place);
            out.append(place(place, event.get(place), ns));
        }
        List<String> rest = new ArrayList<>();
        event.properties().forEach(e -> {
            if (!used.contains(e.getKey())) {
                rest.addAll(generic(e.getKey(), e.getValue(), ns));
            }
        });
        Collections.sort(rest);
        rest.forEach(out::append);
        return Optional.of(out.toString());
    }

    // ---- the ordered part ----

    private static String epcs(String name, JsonNode list, Map<String, String> ns) {
        List<String> entries = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(e -> value(e, ns).ifPresent(v -> entries.add("epc=" + v)));
        }
        Collections.sort(entries);
        return entries.isEmpty() ? "" : name + String.join("", entries);
    }

    private static String quantities(String name, JsonNode list, Map<String, String> ns) {
        List<String> entries = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode q : list) {
                StringBuilder s = new StringBuilder();
                for (String field : List.of("epcClass", "quantity", "uom")) {
                    value(q.get(field), ns).ifPresent(v -> s.append(field).append('=').append(v));
                }
                if (!s.isEmpty()) {
                    entries.add("quantityElement" + s);
                }
            }
        }
        Collections.sort(entries);
        return entries.isEmpty() ? "" : name + String.join("", entries);
    }

    private static String persistentDisposition(JsonNode pd, Map<String, String> ns) {
        if (pd == null || !pd.isObject()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (String field : List.of("set", "unset")) {
            List<String> values = new ArrayList<>();
            JsonNode v = pd.get(field);
            if (v != null) {
                (v.isArray() ? v : List.of(v)).forEach(x -> value(vocabulary(x, "Disp-"), ns)
                        .ifPresent(t -> values.add(field + "=" + t)));
            }
            Collections.sort(values);
            values.forEach(s::append);
        }
        return s.isEmpty() ? "" : "persistentDisposition" + s;
    }

    /** readPoint / bizLocation: the id, then the place's own extensions sorted. */
    private static String place(String name, JsonNode place, Map<String, String> ns) {
        if (place == null || !place.isObject()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        value(place.get("id"), ns).ifPresent(v -> s.append("id=").append(v));
        List<String> extensions = new ArrayList<>();
        place.properties().forEach(e -> {
            if (!e.getKey().equals("id")) {
                extensions.addAll(generic(e.getKey(), e.getValue(), ns));
            }
        });
        Collections.sort(extensions);
        extensions.forEach(s::append);
        return s.isEmpty() ? "" : name + s;
    }

    // ---- the sorted rest ----

    /** A field as pre-hash strings: one per value (a list gives one per element, each under the field's name). */
    private static List<String> generic(String key, JsonNode value, Map<String, String> ns) {
        if (value.isArray()) {
            if (key.equals("bizTransactionList") || key.equals("sourceList") || key.equals("destinationList")) {
                return typedList(key, value, ns);
            }
            List<String> out = new ArrayList<>();
            value.forEach(v -> out.addAll(generic(key, v, ns)));
            return out;
        }
        String name = expandKey(key, ns);
        if (value.isObject()) {
            List<String> children = new ArrayList<>();
            value.properties().forEach(e -> {
                if (!e.getKey().equals("rdfs:comment") && !e.getKey().equals("comment")) {
                    children.addAll(generic(e.getKey(), e.getValue(), ns));
                }
            });
            Collections.sort(children);
            return List.of(name + String.join("", children));
        }
        return List.of(value(value, ns).map(v -> name + "=" + v).orElse(name));
    }

    /** bizTransactionList, sourceList, destinationList: "type=…value=…" per entry, entries sorted. */
    private static List<String> typedList(String key, JsonNode list, Map<String, String> ns) {
        String valueField = switch (key) {
            case "bizTransactionList" -> "bizTransaction";
            case "sourceList" -> "source";
            default -> "destination";
        };
        String vocabulary = key.equals("bizTransactionList") ? "BTT-" : "SDT-";
        List<String> entries = new ArrayList<>();
        for (JsonNode e : list) {
            StringBuilder s = new StringBuilder();
            value(vocabulary(e.get("type"), vocabulary), ns).ifPresent(v -> s.append("type=").append(v));
            value(e.get(valueField), ns).ifPresent(v -> s.append(valueField).append('=').append(v));
            entries.add(s.toString());
        }
        Collections.sort(entries);
        return List.of(key + String.join("", entries));
    }

    // ---- values ----

    /** A CBV term written by its short name becomes the term's web URI. */
    private static JsonNode vocabulary(JsonNode v, String termPrefix) {
        if (v != null && v.isTextual() && !v.asText().isBlank() && v.asText().indexOf(':') < 0) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(CBV + termPrefix + v.asText().strip());
        }
        return v;
    }

    private static Optional<String> value(JsonNode v, Map<String, String> ns) {
        if (v == null || v.isNull() || v.isMissingNode() || v.isContainerNode()) {
            return Optional.empty();
        }
        String text = v.isBoolean() ? (v.asBoolean() ? "True" : "False") : v.asText().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(canonical(expandValue(text, ns)));
    }

    static String canonical(String text) {
        String s = text.replace("urn:epcglobal:cbv:bizstep:", CBV + "BizStep-")
                .replace("urn:epcglobal:cbv:disp:", CBV + "Disp-")
                .replace("urn:epcglobal:cbv:btt:", CBV + "BTT-")
                .replace("urn:epcglobal:cbv:sdt:", CBV + "SDT-")
                .replace("urn:epcglobal:cbv:er:", CBV + "ER-");
        s = numeric(s);
        return digitalLink(s).orElse(s);
    }

    /** Numbers are written plainly: no leading '+', no trailing zeros, integers without ".0". */
    private static String numeric(String s) {
        if (s.isEmpty() || !(Character.isDigit(s.charAt(0)) || "+-.".indexOf(s.charAt(0)) >= 0)) {
            return s;
        }
        if (s.length() > MAX_NUMBER_CHARS) {
            return s;
        }
        try {
            BigDecimal d = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
            BigDecimal stripped = d.stripTrailingZeros();
            // "1e999999999" would expand to a billion digits on every node applying the block: such values stay as written
            if (Math.abs((long) stripped.scale()) > MAX_NUMBER_CHARS) {
                return s;
            }
            return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
        } catch (NumberFormatException e) {
            return s;
        }
    }

    /** GS1 identifiers as canonical Digital Links, whatever syntax they were written in. */
    private static Optional<String> digitalLink(String s) {
        try {
            if (s.startsWith("urn:epc:id:sgtin:")) {
                return Optional.of(Sgtin.fromEpcUri(s).toDigitalLink());
            }
            if (s.startsWith("urn:epc:id:sscc:")) {
                return Optional.of(Sscc.fromEpcUri(s).toDigitalLink());
            }
            if (s.startsWith("urn:epc:id:sgln:")) {
                return Optional.of(Sgln.fromEpcUri(s).toDigitalLink());
            }
            if (s.startsWith("urn:epc:id:pgln:")) {
                return Optional.of(Gln.fromPglnUri(s).toPartyDigitalLink());
            }
            if (s.startsWith("urn:epc:class:lgtin:")) {
                return Optional.of(Lgtin.fromEpcClassUri(s).toDigitalLink());
            }
            if (s.startsWith("urn:epc:id:gdti:")) {
                return gdti(s);
            }
            if (s.startsWith("urn:epc:idpat:sgtin:")) {
                return ProductClass.find(s).map(p -> DigitalLink.of("01", p.gtin().digits()).toUri());
            }
            if (DigitalLink.looksLikeDigitalLink(s)) {
                DigitalLink link = DigitalLink.find(s).orElse(null);
                if (link == null) {
                    return Optional.empty();
                }
                return switch (link.primaryAi()) {
                    case "01" -> link.qualifiers().containsKey("21") ? Optional.of(Sgtin.fromDigitalLink(s).toDigitalLink())
                            : ProductClass.find(s).map(p -> p.lot().map(l -> DigitalLink.of("01", p.gtin().digits(), "10", l))
                                    .orElseGet(() -> DigitalLink.of("01", p.gtin().digits())).toUri());
                    case "00" -> Optional.of(Sscc.fromDigitalLink(s).toDigitalLink());
                    case "414" -> Optional.of(Sgln.fromDigitalLink(s).toDigitalLink());
                    case "417" -> Optional.of(Gln.fromDigitalLink(s).toPartyDigitalLink());
                    default -> Optional.empty();
                };
            }
        } catch (CareledgerException | IllegalArgumentException e) {
            // not a well-formed GS1 key: hashed as written
        }
        return Optional.empty();
    }

    /**
     * A GDTI EPC URI ({@code urn:epc:id:gdti:CompanyPrefix.DocumentType.Serial}, the form of business transaction
     * and transformation ids) as {@code https://id.gs1.org/253/GDTI-13 followed by the serial}.
     */
    private static Optional<String> gdti(String s) {
        String[] f = s.substring("urn:epc:id:gdti:".length()).split("\\.", -1);
        if (f.length != 3 || !(f[0] + f[1]).matches("\\d{12}")) {
            return Optional.empty();
        }
        String key = f[0] + f[1];
        return Optional.of(DigitalLink.CANONICAL_BASE + "/253/" + key + org.careledger.epcis.gs1.Gs1CheckDigit.compute(key)
                + f[2]);
    }

    /** An instant in UTC at millisecond precision (half-even rounding of the microseconds, as the reference does). */
    static String time(String text) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(text);
            Instant i = t.toInstant();
            long micros = i.getNano() / 1_000;
            long millis = new BigDecimal(micros).divide(BigDecimal.valueOf(1_000), 0, RoundingMode.HALF_EVEN).longValue();
            Instant rounded = Instant.ofEpochSecond(i.getEpochSecond()).plusMillis(millis);
            return MILLIS.format(rounded);
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    // ---- namespaces ----

    /** The prefixes the document itself declares in its @context (the standard context's are not applied). */
    private static Map<String, String> namespaces(JsonNode context) {
        Map<String, String> ns = new HashMap<>();
        if (context != null && context.isArray()) {
            context.forEach(c -> {
                if (c.isObject()) {
                    c.properties().forEach(e -> {
                        if (e.getValue().isTextual()) {
                            ns.put(e.getKey(), e.getValue().asText());
                        }
                    });
                }
            });
        } else if (context != null && context.isObject()) {
            context.properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    ns.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return ns;
    }

    private static String expandKey(String key, Map<String, String> ns) {
        int colon = key.indexOf(':');
        if (colon > 0 && ns.containsKey(key.substring(0, colon))) {
            return "{" + ns.get(key.substring(0, colon)) + "}" + key.substring(colon + 1);
        }
        return key;
    }

    private static String expandValue(String value, Map<String, String> ns) {
        int colon = value.indexOf(':');
        if (colon > 0 && ns.containsKey(value.substring(0, colon))) {
            return ns.get(value.substring(0, colon)) + value.substring(colon + 1);
        }
        return value;
    }
}
