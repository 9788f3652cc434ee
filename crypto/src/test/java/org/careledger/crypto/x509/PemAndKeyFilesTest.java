package org.careledger.crypto.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.careledger.crypto.x509.OrgCertificateAuthorityTest.CA_VALIDITY;
import static org.careledger.crypto.x509.OrgCertificateAuthorityTest.RANDOM;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemAndKeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void certificatesRoundTripAndTheJdkReadsOurPem() throws Exception {
        X509Certificate cert = OrgCertificateAuthority.create("hospital-a",
                SignatureAlgorithm.ED25519.generateSigner(RANDOM), CA_VALIDITY, RANDOM).certificate();
        String pem = Pem.encodeCertificate(cert);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n")
                .doesNotContain("\r");
        assertThat(Pem.decodeCertificate(pem)).isEqualTo(cert);
        assertThat(Pem.decodeCertificate(pem.replace("\n", "\r\n"))).isEqualTo(cert);
        var jdk = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertThat(jdk).isEqualTo(cert);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void keysRoundTripThroughPem(SignatureAlgorithm algorithm) {
        Signer signer = algorithm.generateSigner(RANDOM);
        String pem = Pem.encodePrivateKey(signer);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Pem.decodePrivateKey(pem).publicKey()).isEqualTo(signer.publicKey());
        assertThat(Pem.decodePublicKey(Pem.encodePublicKey(signer.verificationKey())))
                .isEqualTo(signer.verificationKey());
    }

    @Test
    void malformedPemIsRejectedWithAClearCode() {
        Signer signer = SignatureAlgorithm.ED25519.generateSigner(RANDOM);
        String keyPem = Pem.encodePrivateKey(signer);
        assertCode(CryptoErrors.PEM_MALFORMED, () -> Pem.decodeCertificate(keyPem));
        assertCode(CryptoErrors.PEM_MALFORMED, () -> Pem.decodePrivateKey("hello"));
        assertCode(CryptoErrors.PEM_MALFORMED, () -> Pem.decodePrivateKey(null));
        assertCode(CryptoErrors.PEM_MALFORMED, () -> Pem.decodePrivateKey(keyPem + keyPem));
        assertCode(CryptoErrors.PEM_MALFORMED,
                () -> Pem.decodePrivateKey("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"));
        assertCode(CryptoErrors.CERT_MALFORMED,
                () -> Pem.decodeCertificate(Pem.encode(Pem.CERTIFICATE, new byte[] {0x30, 0x03, 2, 1, 1})));
        assertCode(CryptoErrors.KEY_MALFORMED,
                () -> Pem.decodePrivateKey(Pem.encode(Pem.PRIVATE_KEY, new byte[] {0x30, 0x03, 2, 1, 1})));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void keyFilesAreCreatedOwnerOnlyAndReadBack(SignatureAlgorithm algorithm) throws Exception {
        Signer signer = algorithm.generateSigner(RANDOM);
        Path file = dir.resolve("node.key");
        KeyFiles.writePrivateKey(file, signer);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Signer back = KeyFiles.readSigner(file);
        assertThat(back.algorithm()).isEqualTo(algorithm);
        assertThat(back.publicKey()).isEqualTo(signer.publicKey());
    }

    @Test
    void keyFilesAreNeverOverwritten() throws Exception {
        Path file = dir.resolve("ca.key");
        Signer first = SignatureAlgorithm.ED25519.generateSigner(RANDOM);
        KeyFiles.writePrivateKey(file, first);
        assertCode(CryptoErrors.KEY_FILE_EXISTS,
                () -> KeyFiles.writePrivateKey(file, SignatureAlgorithm.ED25519.generateSigner(RANDOM)));
        assertThat(KeyFiles.readSigner(file).publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void readErrorsSayWhatIsWrong() throws Exception {
        assertCode(CryptoErrors.KEY_FILE_NOT_FOUND, () -> KeyFiles.readSigner(dir.resolve("missing.key")));
        assertCode(CryptoErrors.KEY_FILE_UNREADABLE, () -> KeyFiles.readSigner(dir));
        Path garbage = Files.writeString(dir.resolve("garbage.key"), "not a key");
        assertThatThrownBy(() -> KeyFiles.readSigner(garbage)).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo(CryptoErrors.KEY_FILE_MALFORMED)).hasMessageContaining("garbage.key");
        Path cert = Files.writeString(dir.resolve("cert.pem"), Pem.encodeCertificate(OrgCertificateAuthority.create(
                "lab-b", SignatureAlgorithm.ED25519.generateSigner(RANDOM), CA_VALIDITY, RANDOM).certificate()));
        assertCode(CryptoErrors.KEY_FILE_MALFORMED, () -> KeyFiles.readSigner(cert));
        assertCode(CryptoErrors.KEY_FILE_UNWRITABLE, () -> KeyFiles.writePrivateKey(dir.resolve("no/such/dir.key"),
                SignatureAlgorithm.ED25519.generateSigner(RANDOM)));
    }

    private static void assertCode(String code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
