package org.careledger.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.careledger.core.CareledgerException;
import org.careledger.epcis.gs1.Epc;
import org.careledger.epcis.gs1.Gln;
import org.careledger.epcis.gs1.Sgln;

/**
 * Reads one event object of an EPCIS 2.0 JSON document. Every problem is thrown as a {@link CareledgerException}
 * whose message names the offending field, so that {@link EpcisDocumentReader} can report it against the event.
 */
final class EventReader {
    private static final String EPCIS_VOCAB = "https://ref.gs1.org/epcis/";
    /** The offset pattern of the EPCIS 2.0 JSON schema: ±HH:MM from -14:00 to +14:00. */
    private static final Pattern OFFSET = Pattern.compile("[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00)");
    /** Master-data attribute namespaces: the JSON-LD expansion of cbvmda: and the EPCIS 1.x XML namespace. */
    private static final List<String> MDA_NAMESPACES = List.of("urn:epcglobal:cbv:mda:", "urn:epcglobal:cbv:mda#");
    private static final String SGLN_PREFIX = "urn:epc:id:sgln:";
    private static final String PGLN_PREFIX = "urn:epc:id:pgln:";

    private final JsonNode event;
    private final JsonLdContext context;

    private EventReader(JsonNode event, JsonLdContext context) {
        this.event = event;
        this.context = context;
    }

    static EpcisEvent read(JsonNode event, JsonLdContext documentContext) {
        if (!event.isObject()) {
            throw EpcisErrorCode.EPCIS_BAD_FIELD.exception("an event must be a JSON object, got " + kind(event));
        }
        return new EventReader(event, documentContext.with(event.get("@context"))).read();
    }

    /** The eventID when it is readable, for reporting an event that fails for another reason. */
    static Optional<String> eventIdOf(JsonNode event) {
        JsonNode id = event.get("eventID");
        return id != null && id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }

    private EpcisEvent read() {
        EpcisEventType type = type();
        OffsetDateTime eventTime = time(event, "eventTime").orElseThrow(
                () -> EpcisErrorCode.EPCIS_MISSING_FIELD.exception("eventTime is required"));
        EventItems items = switch (type) {
            case OBJECT_EVENT -> new ObjectEventItems(epcs("epcList"), quantities("quantityList"));
            case AGGREGATION_EVENT -> new AggregationEventItems(
                    text("parentID").map(id -> epc("parentID", id)), epcs("childEPCs"),
                    quantities("childQuantityList"));
            case TRANSFORMATION_EVENT -> new TransformationEventItems(text("transformationID"),
                    epcs("inputEPCList"), quantities("inputQuantityList"),
                    epcs("outputEPCList"), quantities("outputQuantityList"));
        };
        return new EpcisEvent(
                text("eventID"),
                eventTime.toInstant(),
                offset(eventTime),
                text("action").map(EventReader::action),
                items,
                text("bizStep").map(v -> BizStep.parse(context.expand(v))),
                text("disposition").map(v -> Disposition.parse(context.expand(v))),
                locationId("readPoint"),
                locationId("bizLocation"),
                list("bizTransactionList", this::bizTransaction),
                list("sourceList", n -> sourceDestination(n, "source")),
                list("destinationList", n -> sourceDestination(n, "destination")),
                ilmd(),
                object(event, "errorDeclaration").map(n -> at("errorDeclaration", () -> errorDeclaration(n))));
    }

    private EpcisEventType type() {
        String raw = text("type").orElseThrow(() -> EpcisErrorCode.EPCIS_MISSING_FIELD.exception(
                "type is required (ObjectEvent, AggregationEvent or TransformationEvent)"));
        String expanded = context.expand(raw);
        String name = expanded.startsWith(EPCIS_VOCAB) ? expanded.substring(EPCIS_VOCAB.length()) : expanded;
        return EpcisEventType.fromJsonName(name).orElseThrow(() -> EpcisErrorCode.EPCIS_UNSUPPORTED_EVENT_TYPE
                .exception(name.equals("TransactionEvent") || name.equals("AssociationEvent")
                        ? name + " is not supported; careledger reads ObjectEvent, AggregationEvent and"
                                + " TransformationEvent"
                        : "'" + raw + "' is not an EPCIS event type"));
    }

    /** The offset of the event's own time zone; when omitted, the offset written in eventTime stands in. */
    private ZoneOffset offset(OffsetDateTime eventTime) {
        Optional<String> raw = text("eventTimeZoneOffset");
        if (raw.isEmpty()) {
            return eventTime.getOffset();
        }
        if (!OFFSET.matcher(raw.get()).matches()) {
            throw EpcisErrorCode.EPCIS_BAD_TIME.exception("eventTimeZoneOffset '" + raw.get()
                    + "' must be ±HH:MM between -14:00 and +14:00");
        }
        return ZoneOffset.of(raw.get());
    }

    private static Action action(String raw) {
        for (Action a : Action.values()) {
            if (a.name().equals(raw)) {
                return a;
            }
        }
        throw EpcisErrorCode.EPCIS_BAD_FIELD.exception("action '" + raw + "' must be ADD, OBSERVE or DELETE");
    }

    private List<Epc> epcs(String field) {
        List<Epc> out = new ArrayList<>();
        JsonNode array = array(event, field);
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isTextual()) {
                throw EpcisErrorCode.EPCIS_BAD_FIELD.exception(
                        field + "[" + i + "] must be a URI string, got " + kind(item));
            }
            out.add(epc(field + "[" + i + "]", item.asText()));
        }
        return out;
    }

    private static Epc epc(String where, String uri) {
        return at(where, () -> Epc.parse(uri));
    }

    private List<QuantityElement> quantities(String field) {
        return list(field, node -> {
            String epcClass = requiredText(node, "epcClass");
            Optional<BigDecimal> quantity = Optional.ofNullable(node.get("quantity")).map(q -> {
                if (!q.isNumber()) {
                    throw EpcisErrorCode.EPCIS_BAD_FIELD.exception(
                            "quantity of " + epcClass + " must be a number, got " + kind(q));
                }
                return q.decimalValue();
            });
            QuantityElement element = new QuantityElement(epcClass, quantity, optionalText(node, "uom"));
            element.productClass(); // a GS1 class with a wrong check digit must fail here, not later
            return element;
        });
    }

    private Optional<String> locationId(String field) {
        return object(event, field).map(node -> at(field, () -> checkedGlnId(requiredText(node, "id"))));
    }

    /** Location and party ids are kept as written, but a malformed SGLN or PGLN is an error like a bad EPC. */
    private static String checkedGlnId(String id) {
        if (id.regionMatches(true, 0, SGLN_PREFIX, 0, SGLN_PREFIX.length())) {
            Sgln.fromEpcUri(id);
        } else if (id.regionMatches(true, 0, PGLN_PREFIX, 0, PGLN_PREFIX.length())) {
            Gln.fromPglnUri(id);
        }
        return id;
    }

    private BizTransaction bizTransaction(JsonNode node) {
        String id = requiredText(node, "bizTransaction");
        return new BizTransaction(optionalText(node, "type")
                .map(t -> BizTransactionType.parse(context.expand(t))), id);
    }

    private SourceDestination sourceDestination(JsonNode node, String idField) {
        String type = requiredText(node, "type");
        return new SourceDestination(SourceDestType.parse(context.expand(type)),
                checkedGlnId(requiredText(node, idField)));
    }

    private Ilmd ilmd() {
        Optional<JsonNode> ilmd = object(event, "ilmd");
        if (ilmd.isEmpty()) {
            return Ilmd.NONE;
        }
        Optional<String> lot = Optional.empty();
        Optional<LocalDate> expiry = Optional.empty();
        for (var property : ilmd.get().properties()) {
            String attribute = masterDataAttribute(context.expand(property.getKey()));
            if (attribute.equals("lotNumber")) {
                lot = Optional.of(ilmdText(property.getKey(), property.getValue()));
            } else if (attribute.equals("itemExpirationDate")) {
                String date = ilmdText(property.getKey(), property.getValue());
                expiry = Optional.of(at("ilmd " + property.getKey(), () -> parseDate(date)));
            }
        }
        return new Ilmd(lot, expiry);
    }

    private static String masterDataAttribute(String iri) {
        for (String ns : MDA_NAMESPACES) {
            if (iri.startsWith(ns)) {
                return iri.substring(ns.length());
            }
        }
        return "";
    }

    private static String ilmdText(String key, JsonNode value) {
        if (!value.isTextual()) {
            throw EpcisErrorCode.EPCIS_BAD_FIELD.exception("ilmd " + key + " must be a string, got " + kind(value));
        }
        return value.asText();
    }

    private static LocalDate parseDate(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw EpcisErrorCode.EPCIS_BAD_FIELD.exception("'" + date + "' is not a date (YYYY-MM-DD)");
        }
    }

    private ErrorDeclaration errorDeclaration(JsonNode node) {
        Instant declared = time(node, "declarationTime").orElseThrow(
                () -> EpcisErrorCode.EPCIS_MISSING_FIELD.exception("declarationTime is required")).toInstant();
        List<String> corrective = new ArrayList<>();
        JsonNode ids = array(node, "correctiveEventIDs");
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw EpcisErrorCode.EPCIS_BAD_FIELD.exception("correctiveEventIDs must be strings, got " + kind(id));
            }
            corrective.add(id.asText());
        }
        return new ErrorDeclaration(declared,
                optionalText(node, "reason").map(r -> ErrorReason.parse(context.expand(r))),
                corrective);
    }

    // ---- JSON access, each failure naming the field ----

    private Optional<String> text(String field) {
        return optionalText(event, field);
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw EpcisErrorCode.EPCIS_BAD_FIELD.exception(field + " must be a non-empty string, got " + kind(value));
        }
        return Optional.of(value.asText());
    }

    private static String requiredText(JsonNode node, String field) {
        return optionalText(node, field).orElseThrow(
                () -> EpcisErrorCode.EPCIS_MISSING_FIELD.exception(field + " is required"));
    }

    private static Optional<OffsetDateTime> time(JsonNode node, String field) {
        return optionalText(node, field).map(raw -> {
            try {
                return OffsetDateTime.parse(raw);
            } catch (DateTimeParseException e) {
                throw EpcisErrorCode.EPCIS_BAD_TIME.exception(
                        field + " '" + raw + "' is not an RFC 3339 date-time with offset");
            }
        });
    }

    private static Optional<JsonNode> object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw EpcisErrorCode.EPCIS_BAD_FIELD.exception(field + " must be a JSON object, got " + kind(value));
        }
        return Optional.of(value);
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw EpcisErrorCode.EPCIS_BAD_FIELD.exception(field + " must be a JSON array, got " + kind(value));
        }
        return value;
    }

    private <T> List<T> list(String field, Function<JsonNode, T> reader) {
        JsonNode array = array(event, field);
        List<T> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String where = field + "[" + i + "]";
            if (!item.isObject()) {
                throw EpcisErrorCode.EPCIS_BAD_FIELD.exception(where + " must be a JSON object, got " + kind(item));
            }
            out.add(at(where, () -> reader.apply(item)));
        }
        return out;
    }

    /** Runs {@code read}, prefixing any error with where in the event it happened. */
    private static <T> T at(String where, Supplier<T> read) {
        try {
            return read.get();
        } catch (CareledgerException e) {
            throw new CareledgerException(e.code(), where + ": " + e.getMessage(), e);
        }
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> node.asText().isBlank() ? "an empty string" : "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
