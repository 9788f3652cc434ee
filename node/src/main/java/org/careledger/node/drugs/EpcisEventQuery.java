package org.careledger.node.drugs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.careledger.contracts.supplychain.CaptureEpcisArgs;
import org.careledger.contracts.supplychain.CustodyEvent;
import org.careledger.contracts.supplychain.EpcisEventRecord;
import org.careledger.contracts.supplychain.ObjectIds;
import org.careledger.contracts.supplychain.SupplyChainContract;
import org.careledger.contracts.supplychain.SupplyChainKeys;
import org.careledger.contracts.supplychain.TrackedObject;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.TxLocation;
import org.careledger.core.proto.TxPayload;
import org.careledger.epcis.BizStep;
import org.careledger.epcis.CbvValue;
import org.careledger.epcis.Disposition;
import org.careledger.epcis.EpcisDocumentReader;
import org.careledger.epcis.EpcisEvent;
import org.careledger.epcis.EpcisEventResult;
import org.careledger.epcis.gs1.Epc;
import org.careledger.epcis.gs1.UnrecognizedEpc;
import org.careledger.ledger.Ledger;
import org.careledger.node.views.Views;

/**
 * The EPCIS 2.0 REST query {@code GET /epcis/events}: the EPCIS events the ledger applied, filtered with the
 * standard's SimpleEventQuery parameters, answered as an EPCISQueryDocument, oldest first, a page at a time.
 *
 * <p>The events are those of {@code captureEpcis} transactions that were applied (recorded under
 * {@code epcis-event/…}); refused, duplicate and NOT_APPLIED events were not captured and are not answered. Each event
 * is given as the sender wrote it, with its {@code eventID} (the derived identity when it had none) and its
 * {@code recordTime} (the block time, when the ledger recorded it) set.
 *
 * <p><b>Authorized view.</b> An org of the consortium's {@code authority} role sees every event; any other org's
 * member sees the events its org captured and the events naming an object its org has had custody of (owner,
 * shipped to or from, or an org of the object's custody history). Patients are refused.
 *
 * <p>Each query scans the applied-event records (at most {@value #MAX_SCAN}), so it costs in proportion to all EPCIS
 * events captured; a dedicated time index is left for when that matters.
 */
public final class EpcisEventQuery {
    public static final int DEFAULT_PER_PAGE = 30;
    public static final int MAX_PER_PAGE = 1_000;
    static final int MAX_SCAN = 1_000_000;
    private static final int MAX_HISTORY = 10_000;
    static final String CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    /** The query parameters served; any other is EPCIS_QUERY_PARAMETER_INVALID, as the standard asks. */
    public static final Set<String> PARAMETERS = Set.of("eventType", "GE_eventTime", "LT_eventTime", "GE_recordTime",
            "LT_recordTime", "EQ_bizStep", "EQ_disposition", "MATCH_epc", "MATCH_anyEPC", "EQ_bizLocation",
            "EQ_readPoint", "perPage", "nextPageToken");

    private final Ledger ledger;

    public EpcisEventQuery(Ledger ledger) {
        this.ledger = ledger;
    }

    /** One page: the EPCISQueryDocument and the token of the next page (null on the last one). */
    public record Page(ObjectNode document, String nextPageToken, int events) {}

    /** Where an applied event sits in the chain: the order of answers and the page token. */
    private record Position(long height, int txIndex, int eventIndex, EpcisEventRecord record) {
        String token() {
            String s = height + "-" + txIndex + "-" + eventIndex;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }

        boolean after(long[] from) {
            if (from == null) {
                return true;
            }
            int c = Long.compare(height, from[0]);
            c = c != 0 ? c : Long.compare(txIndex, from[1]);
            return (c != 0 ? c : Long.compare(eventIndex, from[2])) > 0;
        }
    }

    /** A captured document, read once per query however many of its events are answered. */
    private record Captured(JsonNode context, JsonNode eventList, List<EpcisEventResult> results, long blockTime) {}

    /**
     * @param params query parameter → values (a list parameter given several times, or with values separated by
     *               {@code |}, is one OR list)
     * @param org    the caller's org
     */
    public Page run(Map<String, List<String>> params, String org) {
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw invalid("unknown query parameter '" + name + "'; served: " + new java.util.TreeSet<>(PARAMETERS));
            }
        }
        int perPage = (int) QueryNumbers.wholeNumber(one(params, "perPage"), "perPage", 1, MAX_PER_PAGE,
                DEFAULT_PER_PAGE, EpcisEventQuery::invalid);
        long[] from = token(one(params, "nextPageToken"));
        Predicate<EpcisEvent> filter = filter(params);
        Optional<Instant> geRecord = time(one(params, "GE_recordTime"), "GE_recordTime");
        Optional<Instant> ltRecord = time(one(params, "LT_recordTime"), "LT_recordTime");
        boolean seesAll = ledger.genesis().orgs().stream()
                .anyMatch(o -> o.id().equals(org) && o.roles().contains("authority"));

        List<Position> positions = new ArrayList<>();
        Map<String, Optional<TxLocation>> locations = new HashMap<>();
        ledger.scanState(SupplyChainKeys.EPCIS_EVENT, MAX_SCAN).values().forEach(bytes -> {
            EpcisEventRecord r = CanonicalJson.decode(bytes, EpcisEventRecord.class);
            locations.computeIfAbsent(r.txId(), id -> ledger.location(Hash.fromHex(id)))
                    .ifPresent(loc -> positions.add(new Position(loc.getHeight(), loc.getIndex(), r.index(), r)));
        });
        positions.sort(Comparator.comparingLong(Position::height).thenComparingInt(Position::txIndex)
                .thenComparingInt(Position::eventIndex));

        Map<String, Optional<Captured>> documents = new HashMap<>();
        Map<String, Boolean> custody = new HashMap<>();
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        String next = null;
        Position last = null;
        for (Position p : positions) {
            if (!p.after(from)) {
                continue;
            }
            Optional<Captured> doc = documents.computeIfAbsent(p.record().txId(), id -> captured(p));
            if (doc.isEmpty() || p.eventIndex() >= doc.get().results().size()
                    || !(doc.get().results().get(p.eventIndex()) instanceof EpcisEventResult.Parsed parsed)) {
                continue;
            }
            Instant recorded = Instant.ofEpochMilli(doc.get().blockTime());
            if (geRecord.map(recorded::isBefore).orElse(false) || ltRecord.map(t -> !recorded.isBefore(t)).orElse(false)
                    || !filter.test(parsed.event())) {
                continue;
            }
            if (!seesAll && !org.equals(p.record().org()) && !namesObjectHeldBy(parsed.event(), org, custody)) {
                continue;
            }
            if (events.size() == perPage) {
                next = last.token();
                break;
            }
            events.add(answer(doc.get(), p, parsed));
            last = p;
        }
        return new Page(queryDocument(events), next, events.size());
    }

    private Optional<Captured> captured(Position p) {
        Block block = ledger.block(p.height()).orElse(null);
        if (block == null) {
            return Optional.empty();
        }
        try {
            TxPayload payload = TxPayload.parseFrom(block.getTxs(p.txIndex()).getPayload());
            if (!payload.getContract().equals(SupplyChainContract.NAME)
                    || !payload.getMethod().equals(EpcisAdmission.METHOD)) {
                return Optional.empty(); // an eventId given to a plain method call: no EPCIS event to answer
            }
            byte[] document = CanonicalJson.decode(payload.getArgs().toByteArray(), CaptureEpcisArgs.class)
                    .document().getBytes(StandardCharsets.UTF_8);
            JsonNode tree = CanonicalJson.tree(document);
            return Optional.of(new Captured(tree.isObject() ? tree.get("@context") : null, eventList(tree),
                    new EpcisDocumentReader().read(document).results(), Views.parse(block).getTimestampMillis()));
        } catch (com.google.protobuf.InvalidProtocolBufferException | RuntimeException e) {
            return Optional.empty(); // it was applied, so it reads; a store that says otherwise is not ours to judge here
        }
    }

    /** The event list of any document shape the reader takes. */
    private static JsonNode eventList(JsonNode doc) {
        if (doc.isArray()) {
            return doc;
        }
        if (doc.has("epcisBody")) {
            JsonNode body = doc.get("epcisBody");
            return body.has("queryResults") ? body.at("/queryResults/resultsBody/eventList") : body.get("eventList");
        }
        return JsonNodeFactory.instance.arrayNode().add(doc);
    }

    private static ObjectNode answer(Captured doc, Position p, EpcisEventResult.Parsed parsed) {
        ObjectNode event = ((ObjectNode) doc.eventList().get(p.eventIndex())).deepCopy();
        event.put("eventID", parsed.identity());
        event.put("recordTime", Instant.ofEpochMilli(doc.blockTime()).toString());
        // the sender's own context (namespaces of its extensions) goes with the event
        if (doc.context() != null && !event.has("@context") && !isStandardContext(doc.context())) {
            event.set("@context", doc.context().deepCopy());
        }
        return event;
    }

    private static boolean isStandardContext(JsonNode context) {
        return context.isTextual() ? context.asText().equals(CONTEXT)
                : context.isArray() && context.size() == 1 && context.get(0).asText().equals(CONTEXT);
    }

    private static ObjectNode queryDocument(ArrayNode events) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.putArray("@context").add(CONTEXT);
        doc.put("type", "EPCISQueryDocument");
        doc.put("schemaVersion", "2.0");
        doc.put("creationDate", Instant.now().toString());
        ObjectNode results = doc.putObject("epcisBody").putObject("queryResults");
        results.put("queryName", "SimpleEventQuery");
        results.putObject("resultsBody").set("eventList", events);
        return doc;
    }

    // ---- the authorized view ----

    private boolean namesObjectHeldBy(EpcisEvent e, String org, Map<String, Boolean> cache) {
        List<Epc> named = new ArrayList<>(e.epcList());
        named.addAll(e.childEpcs());
        e.parentId().ifPresent(named::add);
        for (Epc epc : named) {
            if (epc instanceof UnrecognizedEpc) {
                continue;
            }
            String key = ObjectIds.key(epc);
            if (cache.computeIfAbsent(key, k -> heldBy(k, org))) {
                return true;
            }
        }
        return false;
    }

    private boolean heldBy(String objectKey, String org) {
        Optional<TrackedObject> o = ledger.state(objectKey).map(b -> CanonicalJson.decode(b, TrackedObject.class));
        if (o.isEmpty()) {
            return false;
        }
        TrackedObject t = o.get();
        if (org.equals(t.owner()) || org.equals(t.shippedTo()) || org.equals(t.shippedFrom())) {
            return true;
        }
        return ledger.scanState(SupplyChainKeys.eventsPrefix(objectKey), MAX_HISTORY).values().stream()
                .map(b -> CanonicalJson.decode(b, CustodyEvent.class)).anyMatch(c -> org.equals(c.org()));
    }

    // ---- filters ----

    private static Predicate<EpcisEvent> filter(Map<String, List<String>> params) {
        Predicate<EpcisEvent> p = e -> true;
        List<String> types = values(params, "eventType");
        if (!types.isEmpty()) {
            p = p.and(e -> types.contains(e.type().jsonName()));
        }
        Optional<Instant> ge = time(one(params, "GE_eventTime"), "GE_eventTime");
        Optional<Instant> lt = time(one(params, "LT_eventTime"), "LT_eventTime");
        p = p.and(e -> ge.map(t -> !e.eventTime().isBefore(t)).orElse(true)
                && lt.map(t -> e.eventTime().isBefore(t)).orElse(true));
        List<CbvValue<BizStep>> steps = values(params, "EQ_bizStep").stream().map(BizStep::parse).toList();
        if (!steps.isEmpty()) {
            p = p.and(e -> e.bizStep().map(steps::contains).orElse(false));
        }
        List<CbvValue<Disposition>> dispositions = values(params, "EQ_disposition").stream()
                .map(Disposition::parse).toList();
        if (!dispositions.isEmpty()) {
            p = p.and(e -> e.disposition().map(dispositions::contains).orElse(false));
        }
        List<String> locations = values(params, "EQ_bizLocation");
        if (!locations.isEmpty()) {
            p = p.and(e -> e.bizLocation().map(locations::contains).orElse(false));
        }
        List<String> readPoints = values(params, "EQ_readPoint");
        if (!readPoints.isEmpty()) {
            p = p.and(e -> e.readPoint().map(readPoints::contains).orElse(false));
        }
        List<EpcMatch> epc = values(params, "MATCH_epc").stream().map(EpcMatch::of).toList();
        if (!epc.isEmpty()) {
            p = p.and(e -> matches(epc, e.epcList()) || matches(epc, e.childEpcs()));
        }
        List<EpcMatch> any = values(params, "MATCH_anyEPC").stream().map(EpcMatch::of).toList();
        if (!any.isEmpty()) {
            p = p.and(e -> matches(any, e.epcList()) || matches(any, e.childEpcs())
                    || e.parentId().map(id -> matches(any, List.of(id))).orElse(false));
        }
        return p;
    }

    private static boolean matches(List<EpcMatch> wanted, List<Epc> epcs) {
        return epcs.stream().anyMatch(epc -> wanted.stream().anyMatch(w -> w.test(epc)));
    }

    /**
     * A MATCH_ value: an identifier in any syntax (EPC URI, Digital Link, element string), compared by the object it
     * names, or an EPC pattern ({@code urn:epc:idpat:sgtin:0614141.107346.*}) compared with the EPC URI form.
     */
    private record EpcMatch(String key, String urnPrefix, String uri) {
        static EpcMatch of(String value) {
            if (value.startsWith("urn:epc:idpat:")) {
                String body = value.substring("urn:epc:idpat:".length());
                if (!body.endsWith("*")) {
                    return new EpcMatch(null, null, "urn:epc:id:" + body);
                }
                return new EpcMatch(null, "urn:epc:id:" + body.substring(0, body.length() - 1), null);
            }
            try {
                Epc epc = ObjectIds.parse(value);
                return new EpcMatch(ObjectIds.key(epc), null, null);
            } catch (CareledgerException e) {
                return new EpcMatch(null, null, value);
            }
        }

        boolean test(Epc epc) {
            if (key != null) {
                return !(epc instanceof UnrecognizedEpc) && key.equals(ObjectIds.key(epc));
            }
            String written = epc.toUri();
            return urnPrefix != null ? written.startsWith(urnPrefix) : written.equals(uri);
        }
    }

    private static List<String> values(Map<String, List<String>> params, String name) {
        List<String> out = new ArrayList<>();
        for (String v : params.getOrDefault(name, List.of())) {
            for (String part : v.split("\\|")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> v = params.getOrDefault(name, List.of());
        if (v.size() > 1) {
            throw invalid(name + " is given " + v.size() + " times; it takes one value");
        }
        return v.isEmpty() ? null : v.getFirst();
    }

    private static Optional<Instant> time(String s, String name) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an RFC 3339 date-time with an offset, such as 2025-03-01T10:00:00Z,"
                    + " not '" + s + "'");
        }
    }

    private static long[] token(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8).split("-");
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
        } catch (IllegalArgumentException e) {
            throw invalid("nextPageToken '" + s + "' is not a token this node answered");
        }
    }

    private static CareledgerException invalid(String message) {
        return new CareledgerException("EPCIS_QUERY_PARAMETER_INVALID", message);
    }
}
