package org.careledger.contracts.supplychain;

import java.util.List;

/**
 * Arguments of the single-event methods, and one entry of {@code capture}. Objects are named by EPC URI, GS1
 * Digital Link or element string, packs and cases alike.
 *
 * @param kind the event's method name; only read inside {@code capture}
 * @param epcs the packs and cases the event is about (for pack/unpack: the children)
 * @param container the SSCC for pack and unpack
 * @param to the receiving org of a shipment
 * @param location where it happened or where the goods are now (SGLN URI or text); defaults to the org
 * @param lot lot number, for commission
 * @param expiry expiry date yyyy-MM-dd, for commission
 * @param reason free text for decommission, destroy and reportStolen
 * @param eventId optional caller id; an id that was applied before is refused as EVENT_DUPLICATE
 */
public record SupplyEventArgs(String kind, List<String> epcs, String container, String to, String location, String lot,
                              String expiry, String reason, String eventId) {
    public SupplyEventArgs {
        epcs = epcs == null ? List.of() : List.copyOf(epcs);
    }
}
