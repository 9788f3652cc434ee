package org.careledger.epcis;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.careledger.core.CareledgerException;

/**
 * Reads EPCIS 2.0 JSON / JSON-LD: an EPCISDocument ({@code epcisBody.eventList}), an EPCISQueryDocument
 * ({@code epcisBody.queryResults.resultsBody.eventList}), a single event, or a JSON array of events.
 *
 * <p>Only problems that make the whole input unusable are thrown (malformed JSON, not an EPCIS document, no event
 * list). A bad event becomes an {@link EpcisEventResult.Failed} in its place, so that a receiver can accept the
 * good events of a shipment notice and report the bad ones back by index and eventID.
 *
 * <p>Fields outside {@link EpcisEvent} (sensor reports, persistentDisposition, certificationInfo, user extensions)
 * are not retained; a caller that must keep them keeps the original bytes, as the ledger does with its hash.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EpcisDocumentReader {
    private static final String EPCIS_VOCAB = "https://ref.gs1.org/epcis/";

    // numbers as BigDecimal so quantities are exact; duplicate keys are rejected because which one wins is
    // undefined, and trailing data is rejected in read(byte[]) because it means a truncated or concatenated upload
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public EpcisDocument read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    public EpcisDocument read(byte[] json) {
        JsonNode root;
        try (JsonParser parser = mapper.createParser(json)) {
            root = mapper.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw EpcisErrorCode.EPCIS_MALFORMED_JSON.exception(
                        "unexpected data after the JSON value, at " + where(parser.currentLocation()));
            }
        } catch (JsonProcessingException e) {
            // Jackson appends "(start marker at [Source: ...])", which says nothing to a sender
            String reason = firstLine(e.getOriginalMessage()).replaceAll(" ?\\(start marker at \\[.*?\\]\\)", "");
            throw EpcisErrorCode.EPCIS_MALFORMED_JSON.exception(
                    "not well-formed JSON at " + where(e.getLocation()) + ": " + reason, e);
        } catch (IOException e) {
            throw EpcisErrorCode.EPCIS_MALFORMED_JSON.exception("cannot read JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || root.isMissingNode()) {
            throw EpcisErrorCode.EPCIS_MALFORMED_JSON.exception("the input is empty");
        }
        return read(root);
    }

    public EpcisDocument read(JsonNode root) {
        if (root.isArray()) {
            return readEvents(root, JsonLdContext.STANDARD, null);
        }
        if (!root.isObject()) {
            throw EpcisErrorCode.EPCIS_UNKNOWN_DOCUMENT_TYPE.exception(
                    "expected an EPCIS document, an event or an array of events, got " + EventReader.kind(root));
        }
        JsonLdContext context = JsonLdContext.STANDARD.with(root.get("@context"));
        JsonNode typeNode = root.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw EpcisErrorCode.EPCIS_UNKNOWN_DOCUMENT_TYPE.exception(
                    "the top-level object has no \"type\"; expected EPCISDocument, EPCISQueryDocument or an event");
        }
        String type = context.expand(typeNode.asText());
        type = type.startsWith(EPCIS_VOCAB) ? type.substring(EPCIS_VOCAB.length()) : type;
        return switch (type) {
            case "EPCISDocument" -> {
                requireSchemaVersion2(root);
                yield readEvents(eventList(root, "epcisBody", "eventList"), context, root.get("@context"));
            }
            case "EPCISQueryDocument" -> {
                requireSchemaVersion2(root);
                yield readEvents(eventList(root, "epcisBody", "queryResults", "resultsBody", "eventList"), context,
                        root.get("@context"));
            }
            default -> {
                if (!type.endsWith("Event")) {
                    throw EpcisErrorCode.EPCIS_UNKNOWN_DOCUMENT_TYPE.exception("type '" + typeNode.asText()
                            + "' is not an EPCIS event document; expected EPCISDocument, EPCISQueryDocument or an"
                            + " event");
                }
                // a bare event: it is its own one-element event list
                yield new EpcisDocument(List.of(readEvent(0, root, JsonLdContext.STANDARD, root.get("@context"))));
            }
        };
    }

    private static void requireSchemaVersion2(JsonNode root) {
        JsonNode version = root.get("schemaVersion");
        boolean isVersion2 = version != null && version.isTextual()
                && (version.asText().equals("2") || version.asText().startsWith("2."));
        if (version != null && !isVersion2) {
            throw EpcisErrorCode.EPCIS_UNSUPPORTED_SCHEMA_VERSION.exception(
                    "schemaVersion " + version + " is not supported; this reader reads EPCIS 2.0 JSON");
        }
    }

    private static JsonNode eventList(JsonNode root, String... path) {
        JsonNode node = root;
        StringBuilder walked = new StringBuilder();
        for (String step : path) {
            walked.append(walked.isEmpty() ? "" : ".").append(step);
            node = node.get(step);
            if (node == null || node.isNull()) {
                throw EpcisErrorCode.EPCIS_MISSING_EVENT_LIST.exception(
                        "the document has no " + walked + " (expected " + String.join(".", path) + ")");
            }
        }
        if (!node.isArray()) {
            throw EpcisErrorCode.EPCIS_MISSING_EVENT_LIST.exception(
                    String.join(".", path) + " must be an array, got " + EventReader.kind(node));
        }
        return node;
    }

    private static EpcisDocument readEvents(JsonNode events, JsonLdContext context, JsonNode rawContext) {
        List<EpcisEventResult> results = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            results.add(readEvent(i, events.get(i), context, rawContext));
        }
        return new EpcisDocument(results);
    }

    private static EpcisEventResult readEvent(int index, JsonNode event, JsonLdContext context, JsonNode rawContext) {
        String contentId = contentId(event, rawContext);
        try {
            return new EpcisEventResult.Parsed(index, EventReader.read(event, context), contentId, labelledIds(event));
        } catch (CareledgerException e) {
            // the error is the result for this event; the rest of the document is still read
            return new EpcisEventResult.Failed(index, EventReader.eventIdOf(event), e.code(), e.getMessage(), contentId);
        }
    }

    /**
     * The identity of an event without eventID: GS1's event hash, or (for events it does not cover, such as sensor
     * data, and for JSON that is not an event object) the hash of the event's canonical JSON.
     */
    static String contentId(JsonNode event, JsonNode rawContext) {
        try {
            return Gs1EventHash.of(event, rawContext).orElseGet(() -> EventIdentity.of(event));
        } catch (RuntimeException e) {
            return EventIdentity.of(event); // a value the hash cannot read: the event is refused anyway, by the reader
        }
    }

    /** Digital Links among epcList and childEPCs that may carry a lot (/10/) or data attributes (a query). */
    private static List<String> labelledIds(JsonNode event) {
        List<String> out = new ArrayList<>();
        for (String field : List.of("epcList", "childEPCs")) {
            JsonNode list = event.get(field);
            if (list != null && list.isArray()) {
                for (JsonNode item : list) {
                    String text = item.isTextual() ? item.asText() : "";
                    if (org.careledger.epcis.gs1.DigitalLink.looksLikeDigitalLink(text)
                            && (text.contains("/10/") || text.indexOf('?') >= 0)) {
                        out.add(text);
                    }
                }
            }
        }
        return out;
    }

    private static String where(JsonLocation location) {
        return location == null ? "an unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
