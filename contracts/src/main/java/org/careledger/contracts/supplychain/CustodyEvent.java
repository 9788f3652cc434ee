package org.careledger.contracts.supplychain;

/**
 * One entry of an object's history, kept under {@link SupplyChainKeys#event}: which transaction did what, when
 * (block time), by whom. The transaction id is what a verifier proves inclusion of.
 *
 * @param eventIndex position of the event in a {@code capture}/{@code captureEpcis} list, -1 for a single-event call
 * @param eventId the EPCIS eventID (or the caller's id) when one was given
 * @param detail a short sentence: the receiver of a shipment, the case packed into, the reason
 * @param eventTime the EPCIS eventTime (ISO-8601 instant) as the sender declared it; {@code timeMillis} stays the
 *                  block time, the only time the ledger itself vouches for. Null for non-EPCIS events
 * @param eventTimeZoneOffset the EPCIS eventTimeZoneOffset ({@code +01:00}), null for non-EPCIS events
 * @param readPoint the EPCIS readPoint id, when given
 * @param bizLocation the EPCIS bizLocation id, when given
 */
public record CustodyEvent(long seq, EventKind kind, String txId, long height, long timeMillis, String org,
                           String signer, int eventIndex, String eventId, String location, String detail,
                           String eventTime, String eventTimeZoneOffset, String readPoint, String bizLocation) {
    /** An event without EPCIS context. */
    public CustodyEvent(long seq, EventKind kind, String txId, long height, long timeMillis, String org,
                        String signer, int eventIndex, String eventId, String location, String detail) {
        this(seq, kind, txId, height, timeMillis, org, signer, eventIndex, eventId, location, detail, null, null, null,
                null);
    }
}
