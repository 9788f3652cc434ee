package org.careledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PrivateKeyEncodingTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = {1, 2, 3};

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void roundTripsAndTheJdkReadsTheSameKey(SignatureAlgorithm algorithm) throws Exception {
        Signer signer = algorithm.generateSigner(RANDOM);
        byte[] pkcs8 = PrivateKeyEncoding.toPkcs8(signer);
        Signer back = PrivateKeyEncoding.fromPkcs8(pkcs8);
        assertThat(back.algorithm()).isEqualTo(algorithm);
        assertThat(back.publicKey()).isEqualTo(signer.publicKey());

        String keyAlgorithm = algorithm == SignatureAlgorithm.ED25519 ? "Ed25519" : "EC";
        PrivateKey jdkKey = KeyFactory.getInstance(keyAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        Signature jdk = Signature.getInstance(algorithm.jcaName());
        jdk.initSign(jdkKey);
        jdk.update(MESSAGE);
        assertThat(SignatureVerifier.verify(algorithm, signer.publicKey(), MESSAGE, jdk.sign())).isTrue();
    }

    @Test
    void readsKeysTheJdkWrote() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ecPair = ec.generateKeyPair();
        assertThat(PrivateKeyEncoding.fromPkcs8(ecPair.getPrivate().getEncoded()).publicKey())
                .isEqualTo(ecPair.getPublic().getEncoded());

        KeyPair edPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signer ed = PrivateKeyEncoding.fromPkcs8(edPair.getPrivate().getEncoded());
        assertThat(ed.verificationKey().toSubjectPublicKeyInfo()).isEqualTo(edPair.getPublic().getEncoded());
    }

    @Test
    void rejectsGarbageOtherCurvesAndForeignSigners() throws Exception {
        assertThatThrownBy(() -> PrivateKeyEncoding.fromPkcs8(new byte[] {0x30, 0x00}))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(CryptoErrors.KEY_MALFORMED));
        byte[] truncated = Arrays.copyOf(PrivateKeyEncoding.toPkcs8(Ed25519Signer.generate(RANDOM)), 20);
        assertThatThrownBy(() -> PrivateKeyEncoding.fromPkcs8(truncated)).isInstanceOf(CareledgerException.class);

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        byte[] p384 = ec.generateKeyPair().getPrivate().getEncoded();
        assertThatThrownBy(() -> PrivateKeyEncoding.fromPkcs8(p384))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(CryptoErrors.SIGNATURE_ALGORITHM_UNSUPPORTED));

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        byte[] rsaKey = rsa.generateKeyPair().getPrivate().getEncoded();
        assertThatThrownBy(() -> PrivateKeyEncoding.fromPkcs8(rsaKey))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(CryptoErrors.SIGNATURE_ALGORITHM_UNSUPPORTED));

        Signer foreign = new Signer() {
            public SignatureAlgorithm algorithm() { return SignatureAlgorithm.ED25519; }
            public byte[] publicKey() { return new byte[32]; }
            public byte[] sign(byte[] message) { return new byte[64]; }
        };
        assertThatThrownBy(() -> PrivateKeyEncoding.toPkcs8(foreign))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(CryptoErrors.KEY_NOT_EXPORTABLE));
    }
}
