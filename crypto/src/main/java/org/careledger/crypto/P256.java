package org.careledger.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/** The NIST P-256 domain and careledger's one accepted encoding of its public keys. */
final class P256 {
    static final ASN1ObjectIdentifier CURVE_OID = SECObjectIdentifiers.secp256r1;
    /** BouncyCastle's specialised P-256 arithmetic, much faster than the generic Fp curve. */
    static final ECNamedDomainParameters DOMAIN;
    static final BigInteger HALF_ORDER;
    static final AlgorithmIdentifier SPKI_ALGORITHM =
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, CURVE_OID);

    static {
        X9ECParameters curve = CustomNamedCurves.getByOID(CURVE_OID);
        DOMAIN = new ECNamedDomainParameters(CURVE_OID, curve);
        HALF_ORDER = DOMAIN.getN().shiftRight(1);
    }

    private P256() {
    }

    static byte[] encodeSubjectPublicKeyInfo(ECPoint point) {
        try {
            return new SubjectPublicKeyInfo(SPKI_ALGORITHM, point.normalize().getEncoded(false))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of a P-256 key failed", e);
        }
    }

    /**
     * Decodes a SubjectPublicKeyInfo and insists it is byte-for-byte the canonical one (named curve, uncompressed
     * point, DER). Accepting compressed, hybrid or BER forms would give one key several identities on the ledger.
     *
     * @throws IllegalArgumentException if the bytes are anything else, or the point is not on the curve
     */
    static ECPublicKeyParameters decodeSubjectPublicKeyInfo(byte[] der) {
        SubjectPublicKeyInfo spki;
        try {
            spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a SubjectPublicKeyInfo", e);
        }
        if (spki == null) {
            throw new IllegalArgumentException("empty SubjectPublicKeyInfo");
        }
        if (!SPKI_ALGORITHM.equals(spki.getAlgorithm())) {
            throw new IllegalArgumentException("not a named-curve P-256 key");
        }
        byte[] encodedPoint = spki.getPublicKeyData().getOctets();
        if (encodedPoint.length != 65 || encodedPoint[0] != 0x04) {
            throw new IllegalArgumentException("P-256 point must be uncompressed");
        }
        ECPoint point = DOMAIN.getCurve().decodePoint(encodedPoint);
        // validatePublicPoint rejects infinity and off-curve points; P-256 has cofactor 1, so that is complete.
        ECPublicKeyParameters key = new ECPublicKeyParameters(point, DOMAIN);
        if (!Arrays.equals(der, encodeSubjectPublicKeyInfo(key.getQ()))) {
            throw new IllegalArgumentException("P-256 key is not in canonical DER form");
        }
        return key;
    }
}
