package org.careledger.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.careledger.core.CareledgerException;

/**
 * PKCS#8 (RFC 5208/5958) encoding of careledger's private keys, so key files interoperate with OpenSSL and the JDK:
 * Ed25519 as RFC 8410 specifies, P-256 as an RFC 5915 ECPrivateKey on the named curve.
 */
public final class PrivateKeyEncoding {
    private static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);

    private PrivateKeyEncoding() {
    }

    /** PKCS#8 DER of the signer's private key. */
    public static byte[] toPkcs8(Signer signer) {
        try {
            if (signer instanceof Ed25519Signer ed25519) {
                // Version 1, no embedded public key: the most widely readable form; the seed determines the key.
                return new PrivateKeyInfo(ED25519, new DEROctetString(ed25519.seed())).getEncoded(ASN1Encoding.DER);
            }
            if (signer instanceof EcdsaP256Signer ecdsa) {
                byte[] point = P256.decodeSubjectPublicKeyInfo(ecdsa.publicKey()).getQ().getEncoded(false);
                ECPrivateKey key = new ECPrivateKey(256, ecdsa.privateScalar(), new DERBitString(point), null);
                return new PrivateKeyInfo(P256.SPKI_ALGORITHM, key).getEncoded(ASN1Encoding.DER);
            }
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of a private key failed", e);
        }
        throw new CareledgerException(CryptoErrors.KEY_NOT_EXPORTABLE,
                "cannot export the private key of " + signer.getClass().getName());
    }

    /** The signer for a PKCS#8 Ed25519 or P-256 private key. */
    public static Signer fromPkcs8(byte[] der) {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new CareledgerException(CryptoErrors.KEY_MALFORMED, "not a PKCS#8 private key", e);
        }
        if (info == null) {
            throw new CareledgerException(CryptoErrors.KEY_MALFORMED, "empty PKCS#8 private key");
        }
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        try {
            if (ED25519.getAlgorithm().equals(algorithm.getAlgorithm())) {
                return ed25519(info);
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
                return ecdsaP256(info);
            }
        } catch (CareledgerException specific) {
            throw specific;
        } catch (IOException | RuntimeException e) {
            throw new CareledgerException(CryptoErrors.KEY_MALFORMED, "malformed " + algorithm.getAlgorithm().getId()
                    + " private key", e);
        }
        throw new CareledgerException(CryptoErrors.SIGNATURE_ALGORITHM_UNSUPPORTED,
                "unsupported private key algorithm " + algorithm.getAlgorithm().getId()
                        + "; use Ed25519 or ECDSA P-256");
    }

    private static Signer ed25519(PrivateKeyInfo info) throws IOException {
        byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        Ed25519Signer signer = Ed25519Signer.fromSeed(seed);
        Arrays.fill(seed, (byte) 0);
        // A version-2 key may carry its public key; if it disagrees with the seed the file is corrupt or forged.
        if (info.hasPublicKey() && !Arrays.equals(info.getPublicKeyData().getOctets(), signer.publicKey())) {
            throw new CareledgerException(CryptoErrors.KEY_MALFORMED,
                    "the Ed25519 key's embedded public key does not match its seed");
        }
        return signer;
    }

    private static Signer ecdsaP256(PrivateKeyInfo info) throws IOException {
        if (!P256.SPKI_ALGORITHM.equals(info.getPrivateKeyAlgorithm())) {
            throw new CareledgerException(CryptoErrors.SIGNATURE_ALGORITHM_UNSUPPORTED,
                    "only EC keys on the named curve P-256 (secp256r1) are supported");
        }
        ECPrivateKey key = ECPrivateKey.getInstance(info.parsePrivateKey());
        if (key.getParametersObject() != null && !P256.CURVE_OID.equals(key.getParametersObject())) {
            throw new CareledgerException(CryptoErrors.KEY_MALFORMED, "EC private key names a different curve");
        }
        BigInteger d = key.getKey();
        EcdsaP256Signer signer = EcdsaP256Signer.fromPrivateScalar(d);
        DERBitString embedded = key.getPublicKey() == null ? null : DERBitString.convert(key.getPublicKey());
        if (embedded != null) {
            byte[] ours = P256.decodeSubjectPublicKeyInfo(signer.publicKey()).getQ().getEncoded(false);
            var theirs = P256.DOMAIN.getCurve().decodePoint(embedded.getOctets());
            if (!Arrays.equals(ours, theirs.getEncoded(false))) {
                throw new CareledgerException(CryptoErrors.KEY_MALFORMED,
                        "the P-256 key's embedded public key does not match its private scalar");
            }
        }
        return signer;
    }
}
