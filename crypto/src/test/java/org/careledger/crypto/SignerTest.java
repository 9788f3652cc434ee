package org.careledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.Test;

class SignerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = "careledger block 42".getBytes(StandardCharsets.UTF_8);

    @Test
    void ed25519MatchesRfc8032TestVector1() {
        Ed25519Signer signer = Ed25519Signer.fromSeed(
                HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertThat(HEX.formatHex(signer.publicKey()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(HEX.formatHex(signer.sign(new byte[0]))).isEqualTo(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void ed25519SeedRoundTripsAndIsCopied() {
        Ed25519Signer signer = Ed25519Signer.generate(RANDOM);
        byte[] seed = signer.seed();
        Ed25519Signer again = Ed25519Signer.fromSeed(seed);
        seed[0] ^= 1;
        assertThat(again.publicKey()).isEqualTo(signer.publicKey());
        assertThat(signer.publicKey()).hasSize(32);
        assertThat(signer.toString()).doesNotContain(HEX.formatHex(signer.seed()));
    }

    @Test
    void ed25519RejectsSeedsOfTheWrongSize() {
        assertThatThrownBy(() -> Ed25519Signer.fromSeed(new byte[31]))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(CryptoErrors.PRIVATE_KEY_INVALID));
        assertThatThrownBy(() -> Ed25519Signer.fromSeed(null)).isInstanceOf(CareledgerException.class);
    }

    @Test
    void ed25519SignaturesVerifyWithTheJdk() throws Exception {
        Ed25519Signer signer = Ed25519Signer.generate(RANDOM);
        PublicKey jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(signer.verificationKey().toSubjectPublicKeyInfo()));
        Signature jdk = Signature.getInstance(SignatureAlgorithm.ED25519.jcaName());
        jdk.initVerify(jdkKey);
        jdk.update(MESSAGE);
        assertThat(jdk.verify(signer.sign(MESSAGE))).isTrue();
    }

    @Test
    void ecdsaSignaturesAreLowSDeterministicDerAndVerifyWithTheJdk() throws Exception {
        EcdsaP256Signer signer = EcdsaP256Signer.generate(RANDOM);
        PublicKey jdkKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(signer.publicKey()));
        assertThat(jdkKey.getEncoded()).isEqualTo(signer.publicKey());
        BigInteger halfOrder = new BigInteger(
                "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16).shiftRight(1);
        for (int i = 0; i < 64; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            byte[] signature = signer.sign(message);
            assertThat(signer.sign(message)).as("RFC 6979 nonces make signing deterministic").isEqualTo(signature);
            BigInteger s = ASN1Integer.getInstance(ASN1Sequence.getInstance(signature).getObjectAt(1)).getValue();
            assertThat(s).isLessThanOrEqualTo(halfOrder);
            Signature jdk = Signature.getInstance(SignatureAlgorithm.ECDSA_P256.jcaName());
            jdk.initVerify(jdkKey);
            jdk.update(message);
            assertThat(jdk.verify(signature)).isTrue();
        }
    }

    @Test
    void ecdsaVerifierAcceptsTheHighSTwinButOurSignerNeverEmitsIt() throws Exception {
        EcdsaP256Signer signer = EcdsaP256Signer.generate(RANDOM);
        byte[] signature = signer.sign(MESSAGE);
        ASN1Sequence seq = ASN1Sequence.getInstance(signature);
        BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
        BigInteger n = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
        byte[] highS = new DERSequence(new ASN1Encodable[] {
                new ASN1Integer(r), new ASN1Integer(n.subtract(s))}).getEncoded();
        assertThat(SignatureVerifier.verify(SignatureAlgorithm.ECDSA_P256, signer.publicKey(), MESSAGE, highS))
                .isTrue();
    }

    @Test
    void ecdsaRejectsOutOfRangeScalars() {
        assertThatThrownBy(() -> EcdsaP256Signer.fromPrivateScalar(BigInteger.ZERO))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(CryptoErrors.PRIVATE_KEY_INVALID));
    }

    @Test
    void jdkGeneratedP256KeysHaveTheCanonicalEncoding() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
        assertThat(SignatureVerifier.isValidPublicKey(SignatureAlgorithm.ECDSA_P256, spki)).isTrue();
        assertThat(VerificationKey.fromSubjectPublicKeyInfo(spki).encoded()).isEqualTo(spki);
    }

    @Test
    void algorithmIdsRoundTrip() {
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            assertThat(SignatureAlgorithm.fromId(algorithm.id())).isSameAs(algorithm);
            Signer signer = algorithm.generateSigner(RANDOM);
            assertThat(signer.algorithm()).isSameAs(algorithm);
        }
        assertThat(SignatureAlgorithm.fromId("ed25519")).isSameAs(SignatureAlgorithm.ED25519);
        assertThat(SignatureAlgorithm.ED25519.id()).isEqualTo("Ed25519");
        assertThat(SignatureAlgorithm.ECDSA_P256.id()).isEqualTo("ECDSA-P256");
        assertThatThrownBy(() -> SignatureAlgorithm.fromId("RSA"))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(CryptoErrors.SIGNATURE_ALGORITHM_UNSUPPORTED));
    }
}
