package org.careledger.crypto;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSAEncoding;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Strict, thread-safe signature verification. Every node must reach the same verdict on the same bytes, so anything
 * that is not the one canonical encoding is rejected rather than repaired; malformed input yields {@code false},
 * never an exception, because it usually comes straight off the network.
 *
 * <p>Ed25519: signatures must be 64 bytes with a canonical R (y &lt; p) and S &lt; L; public keys must be canonical
 * points of prime order (small-order and mixed-order points are rejected); the check is RFC 8032's cofactorless
 * equation, encoded R compared byte for byte.
 *
 * <p>ECDSA P-256: public keys must be the canonical SubjectPublicKeyInfo that {@link Signer#publicKey()} produces;
 * {@link #verify} takes DER signatures only (no BER, no padding, no trailing bytes), {@link #verifyP1363} exactly 64
 * bytes r || s. Both require 1 &le; r, s &lt; n. High-S signatures are <em>accepted</em>, as X9.62 and Wycheproof
 * demand; malleability does not matter here because a transaction's id is the hash of its payload, not its signature.
 * Our own signers only ever emit low-S.
 */
public final class SignatureVerifier {
    private static final int CACHE_CAPACITY = 4096;
    private static final PublicKeyCache<Ed25519.PublicPoint> ED25519_KEYS =
            new PublicKeyCache<>(CACHE_CAPACITY, SignatureVerifier::decodeEd25519);
    private static final PublicKeyCache<ECPublicKeyParameters> P256_KEYS =
            new PublicKeyCache<>(CACHE_CAPACITY, SignatureVerifier::decodeP256);

    private SignatureVerifier() {
    }

    /** Verifies a signature in the algorithm's wire form (Ed25519: 64 bytes; ECDSA: DER). */
    public static boolean verify(SignatureAlgorithm algorithm, byte[] publicKey, byte[] message, byte[] signature) {
        if (algorithm == null || publicKey == null || message == null || signature == null) {
            return false;
        }
        return switch (algorithm) {
            case ED25519 -> verifyEd25519(publicKey, message, signature);
            case ECDSA_P256 -> verifyEcdsa(publicKey, message, signature, StandardDSAEncoding.INSTANCE);
        };
    }

    /**
     * Verifies an IEEE P1363 (fixed-width r || s) signature, the form WebCrypto and JOSE use. Ed25519 signatures
     * are fixed-width already, so for Ed25519 this is {@link #verify}.
     */
    public static boolean verifyP1363(SignatureAlgorithm algorithm, byte[] publicKey, byte[] message,
                                      byte[] signature) {
        if (algorithm == null || publicKey == null || message == null || signature == null) {
            return false;
        }
        return switch (algorithm) {
            case ED25519 -> verifyEd25519(publicKey, message, signature);
            case ECDSA_P256 -> verifyEcdsa(publicKey, message, signature, PlainDSAEncoding.INSTANCE);
        };
    }

    /** Whether {@code publicKey} is a key this class would verify signatures under. */
    public static boolean isValidPublicKey(SignatureAlgorithm algorithm, byte[] publicKey) {
        if (algorithm == null || publicKey == null) {
            return false;
        }
        return switch (algorithm) {
            case ED25519 -> publicKey.length == Ed25519.PUBLIC_KEY_SIZE && ED25519_KEYS.get(publicKey) != null;
            case ECDSA_P256 -> P256_KEYS.get(publicKey) != null;
        };
    }

    private static boolean verifyEd25519(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        Ed25519.PublicPoint point = ED25519_KEYS.get(publicKey);
        // BouncyCastle itself rejects a non-canonical R and S >= L before doing any curve arithmetic.
        return point != null && Ed25519.verify(signature, 0, point, message, 0, message.length);
    }

    private static boolean verifyEcdsa(byte[] publicKey, byte[] message, byte[] signature, DSAEncoding encoding) {
        ECPublicKeyParameters key = P256_KEYS.get(publicKey);
        if (key == null) {
            return false;
        }
        BigInteger[] rs;
        try {
            // Both encodings re-encode what they decoded and compare, and range-check r and s against n, so BER,
            // leading zeros, trailing garbage, r = 0 or s >= n all end here.
            rs = encoding.decode(P256.DOMAIN.getN(), signature);
        } catch (IOException | RuntimeException malformed) {
            return false;
        }
        ECDSASigner ecdsa = new ECDSASigner();
        ecdsa.init(false, key);
        return ecdsa.verifySignature(EcdsaP256Signer.sha256(message), rs[0], rs[1]);
    }

    private static Ed25519.PublicPoint decodeEd25519(byte[] publicKey) {
        // Full validation: canonical encoding, on the curve, and in the prime-order subgroup. It costs a scalar
        // multiplication, which the cache pays once per key rather than once per signature.
        return Ed25519.validatePublicKeyFullExport(publicKey, 0);
    }

    private static ECPublicKeyParameters decodeP256(byte[] publicKey) {
        try {
            return P256.decodeSubjectPublicKeyInfo(publicKey);
        } catch (RuntimeException invalid) {
            // BouncyCastle reports bad ASN.1 and bad points with several runtime types; all mean "not a key".
            return null;
        }
    }
}
