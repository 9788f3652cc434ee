package org.careledger.client;

import com.google.protobuf.ByteString;
import java.util.concurrent.atomic.AtomicLong;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxPayload;
import org.careledger.crypto.Signer;

/**
 * Builds and signs transactions for one identity. Nonces start from the creation time in microseconds and
 * increase by one, so a restarted client does not reuse nonces it already spent.
 */
public final class TxSigner {
    private final String chainId;
    private final String signerId;
    private final Signer signer;
    private final AtomicLong nonce;

    public TxSigner(String chainId, String signerId, Signer signer) {
        this(chainId, signerId, signer, System.currentTimeMillis() * 1000);
    }

    public TxSigner(String chainId, String signerId, Signer signer, long firstNonce) {
        this.chainId = chainId;
        this.signerId = signerId;
        this.signer = signer;
        this.nonce = new AtomicLong(firstNonce);
    }

    public String signerId() {
        return signerId;
    }

    public String chainId() {
        return chainId;
    }

    public Signer signer() {
        return signer;
    }

    /** Signs API requests as this same identity. */
    public org.careledger.client.auth.RequestSigner requestSigner() {
        return new org.careledger.client.auth.RequestSigner(signerId, signer);
    }

    /** Signs a call whose arguments are encoded as canonical JSON. */
    public TxEnvelope sign(String contract, String method, Object args) {
        return signRaw(contract, method, CanonicalJson.encode(args), nonce.getAndIncrement());
    }

    public TxEnvelope signRaw(String contract, String method, byte[] args, long nonce) {
        byte[] payload = TxPayload.newBuilder()
                .setChainId(chainId)
                .setSignerId(signerId)
                .setNonce(nonce)
                .setContract(contract)
                .setMethod(method)
                .setArgs(ByteString.copyFrom(args))
                .build()
                .toByteArray();
        return TxEnvelope.newBuilder()
                .setPayload(ByteString.copyFrom(payload))
                .setSignature(ByteString.copyFrom(signer.sign(payload)))
                .build();
    }

    public static Hash txId(TxEnvelope envelope) {
        return Hash.sha256(envelope.getPayload().toByteArray());
    }
}
