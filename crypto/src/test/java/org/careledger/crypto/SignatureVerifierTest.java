package org.careledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = "tx payload".getBytes(StandardCharsets.UTF_8);

    @Test
    void nullsAndGarbageAreFalseNotExceptions() {
        Signer signer = Ed25519Signer.generate(RANDOM);
        byte[] signature = signer.sign(MESSAGE);
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            assertThat(SignatureVerifier.verify(null, signer.publicKey(), MESSAGE, signature)).isFalse();
            assertThat(SignatureVerifier.verify(algorithm, null, MESSAGE, signature)).isFalse();
            assertThat(SignatureVerifier.verify(algorithm, signer.publicKey(), null, signature)).isFalse();
            assertThat(SignatureVerifier.verify(algorithm, signer.publicKey(), MESSAGE, null)).isFalse();
            assertThat(SignatureVerifier.verify(algorithm, new byte[0], MESSAGE, new byte[0])).isFalse();
            assertThat(SignatureVerifier.verifyP1363(algorithm, new byte[7], MESSAGE, new byte[64])).isFalse();
            assertThat(SignatureVerifier.verify(algorithm, new byte[91], MESSAGE, new byte[72])).isFalse();
        }
    }

    @Test
    void aSignatureDoesNotVerifyUnderTheOtherAlgorithm() {
        Signer ed = Ed25519Signer.generate(RANDOM);
        Signer ec = EcdsaP256Signer.generate(RANDOM);
        assertThat(SignatureVerifier.verify(SignatureAlgorithm.ECDSA_P256, ed.publicKey(), MESSAGE, ed.sign(MESSAGE)))
                .isFalse();
        assertThat(SignatureVerifier.verify(SignatureAlgorithm.ED25519, ec.publicKey(), MESSAGE, ec.sign(MESSAGE)))
                .isFalse();
    }

    @Test
    void ed25519SmallOrderAndNonCanonicalKeysAreInvalid() {
        HexFormat hex = HexFormat.of();
        // The neutral element (0, 1), the order-2 point (0, -1), and y = p, a non-canonical encoding of y = 0.
        byte[] neutral = hex.parseHex("0100000000000000000000000000000000000000000000000000000000000000");
        byte[] order2 = hex.parseHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        byte[] yEqualsP = hex.parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        for (byte[] key : List.of(neutral, order2, yEqualsP)) {
            assertThat(SignatureVerifier.isValidPublicKey(SignatureAlgorithm.ED25519, key)).isFalse();
            assertThatThrownBy(() -> new VerificationKey(SignatureAlgorithm.ED25519, key))
                    .isInstanceOfSatisfying(CareledgerException.class,
                            e -> assertThat(e.code()).isEqualTo(CryptoErrors.PUBLIC_KEY_INVALID));
        }
    }

    @Test
    void p256KeysMustBeCanonicalUncompressedSpki() throws Exception {
        EcdsaP256Signer signer = EcdsaP256Signer.generate(RANDOM);
        byte[] signature = signer.sign(MESSAGE);
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(signer.publicKey());
        var point = P256.decodeSubjectPublicKeyInfo(signer.publicKey()).getQ();
        byte[] compressed = new SubjectPublicKeyInfo(spki.getAlgorithm(), point.getEncoded(true)).getEncoded();
        assertThat(SignatureVerifier.verify(SignatureAlgorithm.ECDSA_P256, compressed, MESSAGE, signature)).isFalse();
        // ...but a certificate carrying the compressed form still maps to the one canonical key.
        assertThat(VerificationKey.fromSubjectPublicKeyInfo(compressed).encoded()).isEqualTo(signer.publicKey());
        byte[] trailing = Arrays.copyOf(signer.publicKey(), signer.publicKey().length + 1);
        assertThat(SignatureVerifier.verify(SignatureAlgorithm.ECDSA_P256, trailing, MESSAGE, signature)).isFalse();
        byte[] withTrailingSignatureByte = Arrays.copyOf(signature, signature.length + 1);
        assertThat(SignatureVerifier.verify(SignatureAlgorithm.ECDSA_P256, signer.publicKey(), MESSAGE,
                withTrailingSignatureByte)).isFalse();
    }

    @Test
    void mutatingTheCallersKeyArrayAfterwardsDoesNotPoisonTheCache() {
        Signer a = Ed25519Signer.generate(RANDOM);
        Signer b = Ed25519Signer.generate(RANDOM);
        byte[] key = a.publicKey();
        assertThat(SignatureVerifier.verify(SignatureAlgorithm.ED25519, key, MESSAGE, a.sign(MESSAGE))).isTrue();
        System.arraycopy(b.publicKey(), 0, key, 0, key.length);
        assertThat(SignatureVerifier.verify(SignatureAlgorithm.ED25519, key, MESSAGE, a.sign(MESSAGE))).isFalse();
        assertThat(SignatureVerifier.verify(SignatureAlgorithm.ED25519, a.publicKey(), MESSAGE, a.sign(MESSAGE)))
                .isTrue();
    }

    @Test
    void verificationIsThreadSafe() throws Exception {
        List<Signer> signers = List.of(Ed25519Signer.generate(RANDOM), Ed25519Signer.generate(RANDOM),
                EcdsaP256Signer.generate(RANDOM), EcdsaP256Signer.generate(RANDOM));
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                Signer signer = signers.get(i % signers.size());
                byte[] message = ("m" + i).getBytes(StandardCharsets.UTF_8);
                boolean tamper = i % 3 == 0;
                results.add(pool.submit(() -> {
                    byte[] signature = signer.sign(message);
                    byte[] checked = tamper ? "other".getBytes(StandardCharsets.UTF_8) : message;
                    return SignatureVerifier.verify(signer.algorithm(), signer.publicKey(), checked, signature)
                            != tamper;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    @Test
    void verificationKeyValueSemantics() {
        Signer signer = EcdsaP256Signer.generate(RANDOM);
        VerificationKey key = signer.verificationKey();
        assertThat(key).isEqualTo(new VerificationKey(SignatureAlgorithm.ECDSA_P256, signer.publicKey()));
        assertThat(key.hashCode())
                .isEqualTo(new VerificationKey(SignatureAlgorithm.ECDSA_P256, signer.publicKey()).hashCode());
        assertThat(VerificationKey.fromSubjectPublicKeyInfo(key.toSubjectPublicKeyInfo())).isEqualTo(key);
        assertThat(key.verify(MESSAGE, signer.sign(MESSAGE))).isTrue();
        Signer ed = Ed25519Signer.generate(RANDOM);
        assertThat(VerificationKey.fromSubjectPublicKeyInfo(ed.verificationKey().toSubjectPublicKeyInfo()))
                .isEqualTo(ed.verificationKey());
        assertThat(key.toString()).startsWith("ECDSA-P256:");
    }
}
