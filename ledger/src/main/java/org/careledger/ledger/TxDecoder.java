package org.careledger.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxPayload;

/** Parses envelopes strictly: size limit, no unknown fields, required fields present. */
public final class TxDecoder {
    public static final int DEFAULT_MAX_TX_BYTES = 4 * 1024 * 1024;
    private final int maxTxBytes;

    public TxDecoder(int maxTxBytes) {
        this.maxTxBytes = maxTxBytes;
    }

    public DecodedTx decode(byte[] envelopeBytes) {
        if (envelopeBytes == null || envelopeBytes.length == 0) {
            throw new CareledgerException("TX_MALFORMED", "the request body is empty; expected a TxEnvelope");
        }
        if (envelopeBytes.length > maxTxBytes) {
            throw new CareledgerException("TX_TOO_LARGE", "transaction is " + envelopeBytes.length
                    + " bytes; the limit is " + maxTxBytes);
        }
        try {
            return decode(TxEnvelope.parseFrom(envelopeBytes));
        } catch (InvalidProtocolBufferException e) {
            throw new CareledgerException("TX_MALFORMED", "not a TxEnvelope: " + e.getMessage());
        }
    }

    public DecodedTx decode(TxEnvelope envelope) {
        if (envelope.getSerializedSize() > maxTxBytes) {
            throw new CareledgerException("TX_TOO_LARGE", "transaction is " + envelope.getSerializedSize()
                    + " bytes; the limit is " + maxTxBytes);
        }
        if (!envelope.getUnknownFields().asMap().isEmpty()) {
            throw new CareledgerException("TX_MALFORMED", "TxEnvelope has unknown fields");
        }
        if (envelope.getPayload().isEmpty() || envelope.getSignature().isEmpty()) {
            throw new CareledgerException("TX_MALFORMED", "TxEnvelope needs a payload and a signature");
        }
        byte[] payloadBytes = envelope.getPayload().toByteArray();
        TxPayload payload;
        try {
            payload = TxPayload.parseFrom(payloadBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new CareledgerException("TX_MALFORMED", "payload is not a TxPayload: " + e.getMessage());
        }
        if (!payload.getUnknownFields().asMap().isEmpty()) {
            throw new CareledgerException("TX_MALFORMED", "TxPayload has unknown fields");
        }
        if (payload.getSignerId().isEmpty() || payload.getContract().isEmpty() || payload.getMethod().isEmpty()) {
            throw new CareledgerException("TX_MALFORMED", "TxPayload needs signer_id, contract and method");
        }
        return new DecodedTx(envelope, payload, Hash.sha256(payloadBytes));
    }
}
