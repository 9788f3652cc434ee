package org.careledger.contracts.supplychain;

/**
 * A lot (batch) of one GTIN: its expiry, who commissioned it, how many packs, and its recall. A lot has one
 * expiry; every pack of it carries that date.
 */
public record LotRecord(String gtin, String lot, String expiry, String manufacturer, long units,
                        long firstCommissionedAtMillis, boolean recalled, String recallReason, String recalledBy,
                        long recalledAtMillis, String recallTxId) {
    public static LotRecord first(String gtin, String lot, String expiry, String manufacturer, long now) {
        return new LotRecord(gtin, lot, expiry, manufacturer, 0, now, false, null, null, 0, null);
    }

    public LotRecord plusUnits(long n) {
        return new LotRecord(gtin, lot, expiry, manufacturer, units + n, firstCommissionedAtMillis, recalled,
                recallReason, recalledBy, recalledAtMillis, recallTxId);
    }

    public LotRecord recall(String reason, String by, long now, String txId) {
        return new LotRecord(gtin, lot, expiry, manufacturer, units, firstCommissionedAtMillis, true, reason, by, now,
                txId);
    }
}
