package org.careledger.crypto.x509;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.Signer;

/**
 * Lets BouncyCastle's certificate builder sign with a careledger {@link Signer}, so a CA key never has to become a
 * JCA key object and the same code signs blocks and certificates. One instance signs one certificate.
 */
final class SignerContentSigner implements ContentSigner {
    private final Signer signer;
    private final ByteArrayOutputStream tbs = new ByteArrayOutputStream();

    SignerContentSigner(Signer signer) {
        this.signer = signer;
    }

    /** RFC 8410 (Ed25519) and RFC 5758 (ecdsa-with-SHA256) both require the parameters to be absent. */
    static AlgorithmIdentifier signatureAlgorithm(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case ED25519 -> new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
            case ECDSA_P256 -> new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        };
    }

    /** The inverse of {@link #signatureAlgorithm}, or {@code null} for anything careledger does not accept. */
    static SignatureAlgorithm fromSignatureAlgorithm(AlgorithmIdentifier identifier) {
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            if (signatureAlgorithm(algorithm).equals(identifier)) {
                return algorithm;
            }
        }
        return null;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return signatureAlgorithm(signer.algorithm());
    }

    @Override
    public OutputStream getOutputStream() {
        return tbs;
    }

    @Override
    public byte[] getSignature() {
        return signer.sign(tbs.toByteArray());
    }
}
