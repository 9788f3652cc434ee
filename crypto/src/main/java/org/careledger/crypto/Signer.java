package org.careledger.crypto;

/**
 * Something that holds a private key and signs exact bytes. Implementations must be thread-safe: nodes sign block
 * hashes from several threads. Keys held elsewhere (an HSM, a remote signer) can implement this too; only {@link
 * PrivateKeyEncoding} needs the careledger implementations.
 */
public interface Signer {
    SignatureAlgorithm algorithm();

    /**
     * The public key in careledger's canonical form: 32 raw bytes for Ed25519, X.509 SubjectPublicKeyInfo DER (named
     * curve, uncompressed point) for P-256. Byte-equal keys are the same key; nothing else is.
     */
    byte[] publicKey();

    /** Signs {@code message} as is: no re-serialization, no prehash beyond what the algorithm itself defines. */
    byte[] sign(byte[] message);

    /** The public half as a validated value, for certificates and registries. */
    default VerificationKey verificationKey() {
        return new VerificationKey(algorithm(), publicKey());
    }
}
