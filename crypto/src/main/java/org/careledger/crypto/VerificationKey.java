package org.careledger.crypto;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.careledger.core.CareledgerException;

/**
 * A public signing key that is known to be valid, in {@link Signer#publicKey()} form. Constructing one is the place
 * where untrusted key bytes (a registration, a certificate) are checked once.
 */
public record VerificationKey(SignatureAlgorithm algorithm, byte[] encoded) {
    private static final AlgorithmIdentifier ED25519_ALGORITHM = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);

    public VerificationKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(encoded, "encoded");
        encoded = encoded.clone();
        if (!SignatureVerifier.isValidPublicKey(algorithm, encoded)) {
            throw new CareledgerException(CryptoErrors.PUBLIC_KEY_INVALID,
                    "not a valid canonical " + algorithm.id() + " public key");
        }
    }

    /** Reads an X.509 SubjectPublicKeyInfo (DER) holding an Ed25519 or P-256 key. */
    public static VerificationKey fromSubjectPublicKeyInfo(byte[] der) {
        SubjectPublicKeyInfo spki;
        try {
            spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new CareledgerException(CryptoErrors.PUBLIC_KEY_INVALID, "not an X.509 SubjectPublicKeyInfo", e);
        }
        if (spki == null) {
            throw new CareledgerException(CryptoErrors.PUBLIC_KEY_INVALID, "empty SubjectPublicKeyInfo");
        }
        var oid = spki.getAlgorithm().getAlgorithm();
        if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
            if (spki.getAlgorithm().getParameters() != null || spki.getPublicKeyData().getPadBits() != 0) {
                throw new CareledgerException(CryptoErrors.PUBLIC_KEY_INVALID, "malformed Ed25519 SubjectPublicKeyInfo");
            }
            return new VerificationKey(SignatureAlgorithm.ED25519, spki.getPublicKeyData().getOctets());
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            // Normalise through the point so a compressed but valid certificate key still maps to our one form.
            try {
                if (!P256.SPKI_ALGORITHM.equals(spki.getAlgorithm()) || spki.getPublicKeyData().getPadBits() != 0) {
                    throw new IllegalArgumentException("not a named-curve P-256 key");
                }
                var point = P256.DOMAIN.getCurve().decodePoint(spki.getPublicKeyData().getOctets());
                return new VerificationKey(SignatureAlgorithm.ECDSA_P256, P256.encodeSubjectPublicKeyInfo(point));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new CareledgerException(CryptoErrors.PUBLIC_KEY_INVALID, "not a valid P-256 public key", e);
            }
        }
        throw new CareledgerException(CryptoErrors.SIGNATURE_ALGORITHM_UNSUPPORTED,
                "unsupported public key algorithm " + oid.getId() + "; use Ed25519 or ECDSA P-256");
    }

    /** The key as an X.509 SubjectPublicKeyInfo (DER), for certificates and PEM. */
    public byte[] toSubjectPublicKeyInfo() {
        return switch (algorithm) {
            case ED25519 -> {
                try {
                    yield new SubjectPublicKeyInfo(ED25519_ALGORITHM, encoded).getEncoded(ASN1Encoding.DER);
                } catch (IOException e) {
                    throw new IllegalStateException("DER encoding of an Ed25519 key failed", e);
                }
            }
            case ECDSA_P256 -> encoded.clone();
        };
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }

    /** Convenience for {@link SignatureVerifier#verify} with this key. */
    public boolean verify(byte[] message, byte[] signature) {
        return SignatureVerifier.verify(algorithm, encoded, message, signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerificationKey that && algorithm == that.algorithm
                && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return algorithm.id() + ":" + HexFormat.of().formatHex(encoded);
    }
}
