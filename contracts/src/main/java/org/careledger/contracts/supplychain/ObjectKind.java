package org.careledger.contracts.supplychain;

/** What a tracked object is: a serialized pack (GTIN + serial) or a logistic unit that packs go into (SSCC). */
public enum ObjectKind {
    SGTIN,
    SSCC
}
