package org.careledger.contracts.supplychain;

/** An eventID that was applied, so that a re-sent EPCIS document does not apply it twice. */
public record EpcisEventRecord(String eventId, String txId, int index, String org) {}
