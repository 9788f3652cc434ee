package org.careledger.contracts.supplychain;

/**
 * The answer to "may this pack be handed to a patient?". The contract's dispense rule and the node's verify
 * endpoint both use {@link #of}, so a pack that verifies GENUINE is exactly one the owning pharmacy may dispense.
 */
public enum Verdict {
    /** Commissioned, in circulation (active or in transit), lot not recalled, not expired. */
    GENUINE,
    /** Never commissioned: the serial is not on the ledger, most likely a counterfeit. */
    UNKNOWN,
    ALREADY_DISPENSED,
    /** Decommissioned or destroyed. */
    DECOMMISSIONED,
    RECALLED,
    STOLEN,
    /** Expiry date before the reference day (UTC date of the block time). */
    EXPIRED,
    /**
     * The GTIN and serial were commissioned, but the label's lot (AI 10) is not the commissioned lot: no genuine
     * pack carries this label. Given by verification of a label ({@link LabelMismatch}), never by {@link #of}.
     */
    LOT_MISMATCH,
    /** As {@link #LOT_MISMATCH}, for the label's expiry date (AI 17). */
    EXPIRY_MISMATCH;

    /**
     * The verdict for a pack ({@code unit} null when unknown) given its lot record (may be null) at a time.
     * Precedence: end-of-life statuses, then recall, then expiry.
     */
    public static Verdict of(TrackedObject unit, LotRecord lot, long atMillis) {
        if (unit == null) {
            return UNKNOWN;
        }
        return switch (unit.effectiveStatus(lot != null && lot.recalled())) {
            case DISPENSED -> ALREADY_DISPENSED;
            case DECOMMISSIONED, DESTROYED -> DECOMMISSIONED;
            case STOLEN -> STOLEN;
            case RECALLED -> RECALLED;
            case ACTIVE, IN_TRANSIT -> unit.expiredAt(atMillis) ? EXPIRED : GENUINE;
        };
    }
}
