package org.careledger.contracts.supplychain;

import java.util.List;

/**
 * A rejected supply-chain event that may point at counterfeiting or diversion (a cloned serial, a receipt of
 * goods never shipped, a second dispensing, …), kept for the authority. Only {@code capture} and
 * {@code captureEpcis} write these: a rejected single-event call discards all its writes.
 *
 * @param objects labels of the objects the event named (at most {@link #MAX_OBJECTS})
 */
public record SuspectRecord(String txId, long height, long timeMillis, String signer, String org, String method,
                            int eventIndex, String eventId, String kind, String code, String message,
                            List<String> objects) {
    public static final int MAX_OBJECTS = 100;

    public SuspectRecord {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }
}
