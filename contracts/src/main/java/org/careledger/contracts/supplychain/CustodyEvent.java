package org.careledger.contracts.supplychain;

/**
 * One entry of an object's history, kept under {@link SupplyChainKeys#event}: which transaction did what, when
 * (block time), by whom. The transaction id is what a verifier proves inclusion of.
 *
 * @param eventIndex position of the event in a {@code capture}/{@code captureEpcis} list, -1 for a single-event call
 * @param eventId the EPCIS eventID (or the caller's id) when one was given
 * @param detail a short sentence: the receiver of a shipment, the case packed into, the reason
 */
public record CustodyEvent(long seq, EventKind kind, String txId, long height, long timeMillis, String org,
                           String signer, int eventIndex, String eventId, String location, String detail) {}
