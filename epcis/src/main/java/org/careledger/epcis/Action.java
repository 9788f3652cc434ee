package org.careledger.epcis;

/**
 * How an event relates to the lifetime of its objects or aggregation: ADD creates (commissioning, packing),
 * OBSERVE sees without changing (shipping, receiving), DELETE ends (decommissioning, unpacking).
 */
public enum Action {
    ADD,
    OBSERVE,
    DELETE
}
