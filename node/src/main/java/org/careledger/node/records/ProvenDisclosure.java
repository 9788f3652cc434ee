package org.careledger.node.records;

import org.careledger.contracts.audit.Disclosure;

/** A disclosure with the location and inclusion proof of the transaction that recorded it. */
public record ProvenDisclosure(Disclosure disclosure, ProvenTx tx) {}
