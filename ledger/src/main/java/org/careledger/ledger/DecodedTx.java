package org.careledger.ledger;

import org.careledger.core.Hash;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxPayload;

/** A transaction whose envelope and payload parsed; nothing about its signature or signer is known yet. */
public record DecodedTx(TxEnvelope envelope, TxPayload payload, Hash txId) {}
