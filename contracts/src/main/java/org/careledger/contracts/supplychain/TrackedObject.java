package org.careledger.contracts.supplychain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A serialized pack ({@link ObjectKind#SGTIN}) or a case/pallet ({@link ObjectKind#SSCC}) as kept in state.
 * {@code owner} changes only on {@code receive}: while IN_TRANSIT the sender still owns it and {@code shippedTo}
 * names the org that may receive it. {@code container} and {@code children} are state keys of the other objects.
 *
 * @param key its own state key ({@code unit/…} or {@code container/…})
 * @param lot lot (batch) number, packs only
 * @param expiry expiry date {@code yyyy-MM-dd}, packs only; the pack may be dispensed through that day (UTC)
 * @param location a GLN/SGLN URI or free text given by the last event, else the org id of the holder
 * @param createdBy org that commissioned the pack or first packed the case
 * @param eventCount number of custody events under {@link SupplyChainKeys#eventsPrefix}
 */
public record TrackedObject(String key, ObjectKind kind, String gtin, String serial, String sscc, String lot,
                            String expiry, UnitStatus status, String owner, String location, String container,
                            String shippedTo, String shippedFrom, List<String> children, String createdBy,
                            long createdAtMillis, long updatedAtMillis, long eventCount, String lastTxId) {
    public TrackedObject {
        if (key == null || kind == null || status == null || owner == null) {
            throw new IllegalArgumentException("a tracked object needs a key, a kind, a status and an owner");
        }
        children = children == null ? List.of() : List.copyOf(children);
    }

    public static TrackedObject newUnit(String gtin, String serial, String lot, String expiry, String owner,
                                        String location, long now) {
        return new TrackedObject(SupplyChainKeys.unit(gtin, serial), ObjectKind.SGTIN, gtin, serial, null, lot, expiry,
                UnitStatus.ACTIVE, owner, location, null, null, null, List.of(), owner, now, now, 0, null);
    }

    public static TrackedObject newContainer(String sscc, String owner, String location, long now) {
        return new TrackedObject(SupplyChainKeys.container(sscc), ObjectKind.SSCC, null, null, sscc, null, null,
                UnitStatus.ACTIVE, owner, location, null, null, null, List.of(), owner, now, now, 0, null);
    }

    /** How people write it: {@code (01)GTIN(21)SERIAL} or {@code (00)SSCC}. */
    public String label() {
        return kind == ObjectKind.SGTIN ? "(01)" + gtin + "(21)" + serial : "(00)" + sscc;
    }

    /** The stored status, except that an ACTIVE or IN_TRANSIT pack of a recalled lot is RECALLED. */
    public UnitStatus effectiveStatus(boolean lotRecalled) {
        return lotRecalled && (status == UnitStatus.ACTIVE || status == UnitStatus.IN_TRANSIT) ? UnitStatus.RECALLED
                : status;
    }

    /** True when the pack's expiry date is before the UTC date of {@code atMillis}. */
    public boolean expiredAt(long atMillis) {
        return expiry != null
                && LocalDate.parse(expiry).isBefore(Instant.ofEpochMilli(atMillis).atZone(ZoneOffset.UTC).toLocalDate());
    }

    public TrackedObject withStatus(UnitStatus newStatus) {
        return new TrackedObject(key, kind, gtin, serial, sscc, lot, expiry, newStatus, owner, location, container,
                newStatus == UnitStatus.IN_TRANSIT ? shippedTo : null, newStatus == UnitStatus.IN_TRANSIT ? shippedFrom : null,
                children, createdBy, createdAtMillis, updatedAtMillis, eventCount, lastTxId);
    }

    public TrackedObject shipped(String to) {
        return new TrackedObject(key, kind, gtin, serial, sscc, lot, expiry, UnitStatus.IN_TRANSIT, owner, location,
                container, to, owner, children, createdBy, createdAtMillis, updatedAtMillis, eventCount, lastTxId);
    }

    public TrackedObject received(String newOwner, String newLocation) {
        return new TrackedObject(key, kind, gtin, serial, sscc, lot, expiry, UnitStatus.ACTIVE, newOwner, newLocation,
                container, null, null, children, createdBy, createdAtMillis, updatedAtMillis, eventCount, lastTxId);
    }

    public TrackedObject at(String newLocation) {
        return new TrackedObject(key, kind, gtin, serial, sscc, lot, expiry, status, owner, newLocation, container,
                shippedTo, shippedFrom, children, createdBy, createdAtMillis, updatedAtMillis, eventCount, lastTxId);
    }

    public TrackedObject inContainer(String containerKey) {
        return new TrackedObject(key, kind, gtin, serial, sscc, lot, expiry, status, owner, location, containerKey,
                shippedTo, shippedFrom, children, createdBy, createdAtMillis, updatedAtMillis, eventCount, lastTxId);
    }

    public TrackedObject withChildren(List<String> newChildren) {
        return new TrackedObject(key, kind, gtin, serial, sscc, lot, expiry, status, owner, location, container,
                shippedTo, shippedFrom, newChildren, createdBy, createdAtMillis, updatedAtMillis, eventCount, lastTxId);
    }

    /** This object after one more custody event, written by transaction {@code txId} at {@code now}. */
    public TrackedObject recorded(String txId, long now) {
        return new TrackedObject(key, kind, gtin, serial, sscc, lot, expiry, status, owner, location, container,
                shippedTo, shippedFrom, children, createdBy, createdAtMillis, now, eventCount + 1, txId);
    }
}
