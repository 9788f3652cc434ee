package org.careledger.api;

/** A transaction with the proof of its inclusion under a header (the newest, or the one asked for). */
public record TxProofView(TxView tx, InclusionProofView proof, HeaderView header) {}
