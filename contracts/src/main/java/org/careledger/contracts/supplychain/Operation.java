package org.careledger.contracts.supplychain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.careledger.core.CareledgerException;
import org.careledger.core.contract.ContractException;
import org.careledger.epcis.gs1.Epc;
import org.careledger.epcis.gs1.PackLabel;
import org.careledger.epcis.gs1.Sgtin;
import org.careledger.epcis.gs1.Sscc;

/**
 * One supply-chain event, with identifiers parsed, ready to apply: from a method's JSON arguments or mapped from
 * an EPCIS event.
 *
 * @param objects the packs and cases named (for pack/unpack: the children)
 * @param container the case of pack/unpack
 * @param notes what of the source event is not applied (e.g. an EPCIS quantityList)
 * @param labels per pack (state key), the lot and expiry the event says it carries — from a Digital Link or
 *               element string identifier, or the {@code lot}/{@code expiry} arguments of a non-commissioning event;
 *               a pack whose commissioned lot or expiry differs is refused LOT_MISMATCH / EXPIRY_MISMATCH
 * @param context where and when the sender says the event happened (EPCIS), null for plain method calls
 */
record Operation(EventKind kind, List<Epc> objects, Sscc container, String to, String location, String lot,
                 String expiry, String reason, String eventId, List<String> notes, Map<String, Label> labels,
                 Context context) {
    static final int MAX_TEXT = 256;
    static final int MAX_REASON = 512;

    /** What a pack's identifier or the event's arguments say about its lot and expiry ({@code yyyy-MM-dd}). */
    record Label(String lot, String expiry) {}

    /** An EPCIS event's own time and places, kept in the custody history beside the block time. */
    record Context(String eventTime, String eventTimeZoneOffset, String readPoint, String bizLocation) {}

    Operation {
        objects = List.copyOf(objects);
        notes = notes == null ? List.of() : List.copyOf(notes);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        Set<String> seen = new HashSet<>();
        for (Epc epc : objects) {
            if (!seen.add(ObjectIds.key(epc))) {
                throw new ContractException("ARGS_INVALID", "the event lists " + ObjectIds.label(epc) + " twice");
            }
        }
        requireText("location", location, MAX_TEXT);
        requireText("reason", reason, MAX_REASON);
        requireText("eventId", eventId, MAX_TEXT);
    }

    Operation(EventKind kind, List<Epc> objects, Sscc container, String to, String location, String lot,
              String expiry, String reason, String eventId, List<String> notes) {
        this(kind, objects, container, to, location, lot, expiry, reason, eventId, notes, Map.of(), null);
    }

    Operation withEventId(String id) {
        return new Operation(kind, objects, container, to, location, lot, expiry, reason, id, notes, labels, context);
    }

    Operation withContext(Context c) {
        return new Operation(kind, objects, container, to, location, lot, expiry, reason, eventId, notes, labels, c);
    }

    Operation withLabels(Map<String, Label> l) {
        return new Operation(kind, objects, container, to, location, lot, expiry, reason, eventId, notes, l, context);
    }

    static Operation from(EventKind kind, SupplyEventArgs a) {
        List<Epc> objects = new ArrayList<>(a.epcs().size());
        Map<String, Label> labels = new TreeMap<>();
        boolean commissioning = kind == EventKind.COMMISSION;
        String argExpiry = commissioning || a.expiry() == null ? a.expiry() : date(a.expiry());
        for (String text : a.epcs()) {
            Epc epc = ObjectIds.parse(text);
            objects.add(epc);
            if (!(epc instanceof Sgtin)) {
                continue;
            }
            Label fromId = labelOf(text);
            String lot = merge("lot", text, fromId.lot(), a.lot());
            String expiry = merge("expiry", text, fromId.expiry(), argExpiry);
            if (commissioning) {
                continue; // the lot and expiry being commissioned; merge() refused an identifier that disagrees
            }
            if (lot != null || expiry != null) {
                labels.put(ObjectIds.key(epc), new Label(lot, expiry));
            }
        }
        Sscc container = null;
        if (a.container() != null) {
            if (!(ObjectIds.parse(a.container()) instanceof Sscc sscc)) {
                throw new ContractException("CONTAINER_NOT_SSCC", "container '" + a.container()
                        + "' must be an SSCC (a case or pallet)");
            }
            container = sscc;
        }
        return new Operation(kind, objects, container, a.to(), a.location(), a.lot(), a.expiry(), a.reason(),
                a.eventId(), List.of(), labels, null);
    }

    /** Lot and expiry carried by a Digital Link (path or query) or an element string; none for an EPC URI. */
    static Label labelOf(String text) {
        if (text.startsWith("urn:")) {
            return new Label(null, null);
        }
        try {
            PackLabel label = PackLabel.read(text);
            return new Label(label.lot().orElse(null), label.expiry().map(LocalDate::toString).orElse(null));
        } catch (CareledgerException e) {
            throw new ContractException(e.code(), "'" + text + "': " + e.getMessage());
        }
    }

    private static String merge(String field, String text, String fromIdentifier, String fromArgs) {
        if (fromIdentifier != null && fromArgs != null && !fromIdentifier.equals(fromArgs)) {
            throw new ContractException("ARGS_INVALID", "'" + text + "' carries " + field + " " + fromIdentifier
                    + " but the event's '" + field + "' is " + fromArgs);
        }
        return fromIdentifier != null ? fromIdentifier : fromArgs;
    }

    private static String date(String expiry) {
        try {
            LocalDate d = LocalDate.parse(expiry);
            if (d.toString().equals(expiry)) {
                return expiry;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new ContractException("EXPIRY_INVALID", "expiry '" + expiry + "' is not a yyyy-MM-dd date");
    }

    private static void requireText(String field, String value, int max) {
        if (value != null && (value.isBlank() || value.length() > max)) {
            throw new ContractException("ARGS_INVALID", field + " must be 1 to " + max + " characters when given");
        }
    }
}
