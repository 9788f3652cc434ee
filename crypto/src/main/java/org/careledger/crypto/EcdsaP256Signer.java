package org.careledger.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.careledger.core.CareledgerException;

/**
 * ECDSA P-256 / SHA-256 signing for organisations whose policy or hardware wants a NIST curve. Nonces are RFC 6979
 * deterministic, so a weak random source at signing time cannot leak the key, and s is normalised to the lower half
 * of the group order so that every signature we emit has exactly one encoding.
 */
public final class EcdsaP256Signer implements Signer {
    private final ECPrivateKeyParameters privateKey;
    private final byte[] publicKey;

    private EcdsaP256Signer(ECPrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = P256.encodeSubjectPublicKeyInfo(
                new FixedPointCombMultiplier().multiply(P256.DOMAIN.getG(), privateKey.getD()));
    }

    public static EcdsaP256Signer generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(P256.DOMAIN, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new EcdsaP256Signer((ECPrivateKeyParameters) pair.getPrivate());
    }

    /** Rebuilds a signer from its private scalar d, which must lie in [1, n-1]. */
    public static EcdsaP256Signer fromPrivateScalar(BigInteger d) {
        if (d == null || d.signum() <= 0 || d.compareTo(P256.DOMAIN.getN()) >= 0) {
            throw new CareledgerException(CryptoErrors.PRIVATE_KEY_INVALID,
                    "a P-256 private scalar must be in [1, n-1]");
        }
        return new EcdsaP256Signer(new ECPrivateKeyParameters(d, P256.DOMAIN));
    }

    /** The private scalar d; only PKCS#8 export needs it, so it stays inside the package. */
    BigInteger privateScalar() {
        return privateKey.getD();
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.ECDSA_P256;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        // ECDSASigner keeps per-call state, so each signature gets its own; that is what keeps this class thread-safe.
        ECDSASigner ecdsa = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        ecdsa.init(true, privateKey);
        BigInteger[] rs = ecdsa.generateSignature(sha256(message));
        BigInteger n = P256.DOMAIN.getN();
        BigInteger s = rs[1].compareTo(P256.HALF_ORDER) > 0 ? n.subtract(rs[1]) : rs[1];
        try {
            return StandardDSAEncoding.INSTANCE.encode(n, rs[0], s);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of an ECDSA signature failed", e);
        }
    }

    /** A DER signature of this class in IEEE P1363 form (r || s, 32 bytes each), as WebCrypto and RFC 9421 use. */
    public static byte[] toP1363(byte[] der) {
        BigInteger n = P256.DOMAIN.getN();
        try {
            BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(n, der);
            return org.bouncycastle.crypto.signers.PlainDSAEncoding.INSTANCE.encode(n, rs[0], rs[1]);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER ECDSA P-256 signature", e);
        }
    }

    static byte[] sha256(byte[] message) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(message, 0, message.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    @Override
    public String toString() {
        return "EcdsaP256Signer[publicKey=" + HexFormat.of().formatHex(publicKey) + "]";
    }
}
