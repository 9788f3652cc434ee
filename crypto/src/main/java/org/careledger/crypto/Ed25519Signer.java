package org.careledger.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.careledger.core.CareledgerException;

/**
 * Ed25519 signing through BouncyCastle's low-level RFC 8032 code: no JCA provider lookup, no key objects, which is
 * what makes it the fast path. The 32-byte seed is the whole private key.
 */
public final class Ed25519Signer implements Signer {
    public static final int SEED_SIZE = Ed25519.SECRET_KEY_SIZE;
    public static final int PUBLIC_KEY_SIZE = Ed25519.PUBLIC_KEY_SIZE;
    public static final int SIGNATURE_SIZE = Ed25519.SIGNATURE_SIZE;

    private final byte[] seed;
    private final byte[] publicKey;

    private Ed25519Signer(byte[] seed) {
        this.seed = seed;
        this.publicKey = new byte[PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    }

    public static Ed25519Signer generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] seed = new byte[SEED_SIZE];
        Ed25519.generatePrivateKey(random, seed);
        return new Ed25519Signer(seed);
    }

    /** Rebuilds a signer from its RFC 8032 seed (the 32-byte "private key"). */
    public static Ed25519Signer fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_SIZE) {
            throw new CareledgerException(CryptoErrors.PRIVATE_KEY_INVALID,
                    "an Ed25519 seed is 32 bytes, got " + (seed == null ? "none" : seed.length));
        }
        return new Ed25519Signer(seed.clone());
    }

    /** A copy of the seed; handle it like the private key it is. */
    public byte[] seed() {
        return seed.clone();
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.ED25519;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        byte[] signature = new byte[SIGNATURE_SIZE];
        // Passing our own derived public key skips a base-point multiplication per signature; it is safe only
        // because the key was computed from this seed in the constructor, never taken from a caller.
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    @Override
    public String toString() {
        return "Ed25519Signer[publicKey=" + HexFormat.of().formatHex(publicKey) + "]";
    }
}
