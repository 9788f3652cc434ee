package org.careledger.contracts.supplychain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The supply-chain events the contract applies, each named by its method (and by {@code kind} in
 * {@code capture}). {@link #RECALL_LOT} is kept on the lot, not in a unit's history.
 */
public enum EventKind {
    COMMISSION("commission", "Commissioned"),
    PACK("pack", "Packed"),
    UNPACK("unpack", "Unpacked"),
    SHIP("ship", "Shipped"),
    RECEIVE("receive", "Received"),
    DISPENSE("dispense", "Dispensed"),
    DECOMMISSION("decommission", "Decommissioned"),
    DESTROY("destroy", "Destroyed"),
    REPORT_STOLEN("reportStolen", "ReportedStolen"),
    RECALL_LOT("recallLot", "LotRecalled");

    private final String method;
    private final String eventType;

    EventKind(String method, String eventType) {
        this.method = method;
        this.eventType = eventType;
    }

    /** The type of the ledger event emitted when it is applied. */
    public String eventType() {
        return eventType;
    }

    /** The contract method (and {@code capture} kind) of this event. */
    public String method() {
        return method;
    }

    /** The event kinds a {@code capture} list may hold: all but the lot recall. */
    public static Optional<EventKind> ofObjectMethod(String method) {
        return Arrays.stream(values()).filter(k -> k != RECALL_LOT && k.method.equals(method)).findFirst();
    }
}
