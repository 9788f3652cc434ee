package org.careledger.contracts.supplychain;

/** Arguments of {@code supplychain.recallLot}: the GTIN (any GS1 syntax), the lot and why. */
public record RecallLot(String gtin, String lot, String reason) {}
