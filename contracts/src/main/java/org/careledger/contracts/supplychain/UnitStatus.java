package org.careledger.contracts.supplychain;

/**
 * Where a pack or case is in its life. {@link #RECALLED} is never stored: a recall marks the lot, and an ACTIVE or
 * IN_TRANSIT unit of a recalled lot reads as RECALLED (see {@link TrackedObject#effectiveStatus}), so a recall
 * of a lot of any size is one small transaction.
 */
public enum UnitStatus {
    ACTIVE,
    IN_TRANSIT,
    DISPENSED,
    DECOMMISSIONED,
    RECALLED,
    STOLEN,
    DESTROYED;

    /** True for the statuses after which nothing may happen to the object any more. */
    public boolean isFinal() {
        return this == DISPENSED || this == DECOMMISSIONED || this == DESTROYED || this == STOLEN;
    }
}
