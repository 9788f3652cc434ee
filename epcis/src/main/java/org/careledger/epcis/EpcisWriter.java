package org.careledger.epcis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.careledger.epcis.gs1.Epc;

/**
 * Writes events as EPCIS 2.0 JSON-LD for export to trading partners and regulators. Output is deterministic (same
 * events, same bytes): fields come in a fixed order and the document's creationDate is passed in, never read from
 * a clock. CBV terms are written as short names, identifiers as EPC URIs where the company prefix is known and as
 * GS1 Digital Links otherwise. Instances are immutable and thread-safe.
 */
public final class EpcisWriter {
    /** The standard context; it defines every term and prefix (cbvmda:) used in the output. */
    public static final String CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

    private final JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);
    private final ObjectMapper mapper = JsonMapper.builder().nodeFactory(nodes).build();

    /** A standalone EPCISDocument holding {@code events}. */
    public ObjectNode toDocument(List<EpcisEvent> events, Instant creationDate) {
        ObjectNode doc = nodes.objectNode();
        doc.putArray("@context").add(CONTEXT);
        doc.put("type", "EPCISDocument");
        doc.put("schemaVersion", "2.0");
        doc.put("creationDate", DateTimeFormatter.ISO_INSTANT.format(creationDate));
        ArrayNode list = doc.putObject("epcisBody").putArray("eventList");
        events.forEach(e -> list.add(toJson(e)));
        return doc;
    }

    public String writeDocument(List<EpcisEvent> events, Instant creationDate) {
        return serialize(toDocument(events, creationDate));
    }

    /** A single event with its own {@code @context}, as the EPCIS 2.0 schema requires of a standalone event. */
    public String writeEvent(EpcisEvent event) {
        ObjectNode json = nodes.objectNode();
        json.putArray("@context").add(CONTEXT);
        json.setAll(toJson(event));
        return serialize(json);
    }

    /** The event object as it appears in an eventList (without {@code @context}). */
    public ObjectNode toJson(EpcisEvent event) {
        ObjectNode json = nodes.objectNode();
        json.put("type", event.type().jsonName());
        event.eventId().ifPresent(id -> json.put("eventID", id));
        json.put("eventTime", event.localEventTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        json.put("eventTimeZoneOffset", formatOffset(event.eventTimeZoneOffset()));
        event.errorDeclaration().ifPresent(d -> json.set("errorDeclaration", errorDeclaration(d)));
        writeItems(json, event.items());
        event.action().ifPresent(a -> json.put("action", a.name()));
        event.bizStep().ifPresent(b -> json.put("bizStep", b.value()));
        event.disposition().ifPresent(d -> json.put("disposition", d.value()));
        event.readPoint().ifPresent(id -> json.putObject("readPoint").put("id", id));
        event.bizLocation().ifPresent(id -> json.putObject("bizLocation").put("id", id));
        if (!event.bizTransactions().isEmpty()) {
            ArrayNode list = json.putArray("bizTransactionList");
            event.bizTransactions().forEach(t -> {
                ObjectNode entry = list.addObject();
                t.type().ifPresent(type -> entry.put("type", type.value()));
                entry.put("bizTransaction", t.id());
            });
        }
        writeSourceDestinations(json, "sourceList", "source", event.sources());
        writeSourceDestinations(json, "destinationList", "destination", event.destinations());
        if (!event.ilmd().isEmpty()) {
            ObjectNode ilmd = json.putObject("ilmd");
            event.ilmd().lotNumber().ifPresent(lot -> ilmd.put("cbvmda:lotNumber", lot));
            event.ilmd().itemExpirationDate().ifPresent(d -> ilmd.put("cbvmda:itemExpirationDate", d.toString()));
        }
        return json;
    }

    private void writeItems(ObjectNode json, EventItems items) {
        switch (items) {
            case ObjectEventItems o -> {
                writeEpcs(json, "epcList", o.epcList(), o.quantityList().isEmpty());
                writeQuantities(json, "quantityList", o.quantityList());
            }
            case AggregationEventItems g -> {
                g.parentId().ifPresent(p -> json.put("parentID", p.toUri()));
                writeEpcs(json, "childEPCs", g.childEpcs(), false);
                writeQuantities(json, "childQuantityList", g.childQuantityList());
            }
            case TransformationEventItems t -> {
                t.transformationId().ifPresent(id -> json.put("transformationID", id));
                writeEpcs(json, "inputEPCList", t.inputEpcList(), false);
                writeQuantities(json, "inputQuantityList", t.inputQuantityList());
                writeEpcs(json, "outputEPCList", t.outputEpcList(), false);
                writeQuantities(json, "outputQuantityList", t.outputQuantityList());
            }
        }
    }

    /** An ObjectEvent needs epcList or quantityList present (schema), so an empty epcList may still be written. */
    private static void writeEpcs(ObjectNode json, String field, List<Epc> epcs, boolean evenIfEmpty) {
        if (evenIfEmpty || !epcs.isEmpty()) {
            ArrayNode list = json.putArray(field);
            epcs.forEach(epc -> list.add(epc.toUri()));
        }
    }

    private static void writeQuantities(ObjectNode json, String field, List<QuantityElement> quantities) {
        if (quantities.isEmpty()) {
            return;
        }
        ArrayNode list = json.putArray(field);
        quantities.forEach(q -> {
            ObjectNode entry = list.addObject();
            entry.put("epcClass", q.epcClass());
            q.quantity().ifPresent(v -> entry.put("quantity", v));
            q.uom().ifPresent(u -> entry.put("uom", u));
        });
    }

    private static void writeSourceDestinations(ObjectNode json, String field, String idField,
                                                List<SourceDestination> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ArrayNode list = json.putArray(field);
        entries.forEach(e -> list.addObject().put("type", e.type().value()).put(idField, e.id()));
    }

    private ObjectNode errorDeclaration(ErrorDeclaration d) {
        ObjectNode json = nodes.objectNode();
        json.put("declarationTime", DateTimeFormatter.ISO_INSTANT.format(d.declarationTime()));
        d.reason().ifPresent(r -> json.put("reason", r.value()));
        if (!d.correctiveEventIds().isEmpty()) {
            ArrayNode ids = json.putArray("correctiveEventIDs");
            d.correctiveEventIds().forEach(ids::add);
        }
        return json;
    }

    /** EPCIS wants {@code +00:00}, where {@link ZoneOffset#getId()} would give {@code Z}. */
    static String formatOffset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int minutes = Math.abs(total) / 60;
        return String.format("%s%02d:%02d", total < 0 ? "-" : "+", minutes / 60, minutes % 60);
    }

    private String serialize(ObjectNode json) {
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            // a tree of strings and numbers always serializes; reaching this is a bug, not bad input
            throw new IllegalStateException("cannot serialize EPCIS JSON", e);
        }
    }
}
