package org.careledger.contracts.supplychain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.careledger.core.contract.ContractException;
import org.careledger.epcis.gs1.Epc;
import org.careledger.epcis.gs1.Sscc;

/**
 * One supply-chain event, with identifiers parsed, ready to apply: from a method's JSON arguments or mapped from
 * an EPCIS event.
 *
 * @param objects the packs and cases named (for pack/unpack: the children)
 * @param container the case of pack/unpack
 * @param notes what of the source event is not applied (e.g. an EPCIS quantityList)
 */
record Operation(EventKind kind, List<Epc> objects, Sscc container, String to, String location, String lot,
                 String expiry, String reason, String eventId, List<String> notes) {
    static final int MAX_TEXT = 256;
    static final int MAX_REASON = 512;

    Operation {
        objects = List.copyOf(objects);
        notes = notes == null ? List.of() : List.copyOf(notes);
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

    static Operation from(EventKind kind, SupplyEventArgs a) {
        List<Epc> objects = new ArrayList<>(a.epcs().size());
        for (String text : a.epcs()) {
            objects.add(ObjectIds.parse(text));
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
                a.eventId(), List.of());
    }

    private static void requireText(String field, String value, int max) {
        if (value != null && (value.isBlank() || value.length() > max)) {
            throw new ContractException("ARGS_INVALID", field + " must be 1 to " + max + " characters when given");
        }
    }
}
