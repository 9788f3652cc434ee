package org.careledger.crypto.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.Signer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class OrgCertificateAuthorityTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Validity CA_VALIDITY = new Validity(T0, Instant.parse("2036-01-01T00:00:00Z"));
    static final Validity LEAF_VALIDITY = new Validity(T0.plusSeconds(3600), Instant.parse("2027-01-01T00:00:00Z"));

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void caCertificateIsASelfSignedOrgCa(SignatureAlgorithm algorithm) throws Exception {
        Signer key = algorithm.generateSigner(RANDOM);
        OrgCertificateAuthority ca = OrgCertificateAuthority.create("hospital-a", key, CA_VALIDITY, RANDOM);
        X509Certificate cert = ca.certificate();

        assertThat(ca.org()).isEqualTo("hospital-a");
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=hospital-a CA,O=hospital-a");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getBasicConstraints()).isEqualTo(0);
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(CA_VALIDITY.notBefore());
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(CA_VALIDITY.notAfter());
        cert.verify(cert.getPublicKey()); // the JDK agrees it is self-signed

        CertificateInfo info = CertificateChainValidator.describe(cert);
        assertThat(info.org()).isEqualTo("hospital-a");
        assertThat(info.commonName()).isEqualTo("hospital-a CA");
        assertThat(info.roles()).isEmpty();
        assertThat(info.algorithm()).isEqualTo(algorithm);
        assertThat(info.publicKey()).isEqualTo(key.publicKey());
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void issuesLeavesForEitherKeyTypeUnderEitherCaType(SignatureAlgorithm caAlgorithm) throws Exception {
        OrgCertificateAuthority ca = OrgCertificateAuthority.create("lab-b", caAlgorithm.generateSigner(RANDOM),
                CA_VALIDITY, RANDOM);
        for (SignatureAlgorithm leafAlgorithm : SignatureAlgorithm.values()) {
            Signer member = leafAlgorithm.generateSigner(RANDOM);
            X509Certificate leaf = ca.issue(new CertificateRequest("dr-lee", List.of("member", "admin"),
                    leafAlgorithm, member.publicKey(), LEAF_VALIDITY));

            assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=dr-lee,OU=admin,OU=member,O=lab-b");
            assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
            assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(leaf.getKeyUsage()[5]).as("keyCertSign").isFalse();
            leaf.verify(ca.certificate().getPublicKey());
            assertThatJdkPkixAccepts(leaf, ca.certificate(), T0.plusSeconds(7200));

            CertificateInfo info = CertificateChainValidator.validate(leaf, ca.certificate(), T0.plusSeconds(7200));
            assertThat(info.org()).isEqualTo("lab-b");
            assertThat(info.commonName()).isEqualTo("dr-lee");
            assertThat(info.roles()).containsExactly("member", "admin");
            assertThat(info.hasRole("admin")).isTrue();
            assertThat(info.algorithm()).isEqualTo(leafAlgorithm);
            assertThat(info.publicKey()).isEqualTo(member.publicKey());
            assertThat(info.verificationKey()).isEqualTo(member.verificationKey());
            assertThat(info.validity()).isEqualTo(LEAF_VALIDITY);
            assertThat(info).isEqualTo(CertificateInfo.of(leaf));
        }
    }

    @Test
    void aNodeCertificateNamesItsHostsInSubjectAltNameForBrowsers() throws Exception {
        OrgCertificateAuthority ca = OrgCertificateAuthority.create("hospital-a",
                SignatureAlgorithm.ECDSA_P256.generateSigner(RANDOM), CA_VALIDITY, RANDOM);
        Signer node = SignatureAlgorithm.ECDSA_P256.generateSigner(RANDOM);
        CertificateRequest request = new CertificateRequest("node", List.of("node"), node.verificationKey(),
                LEAF_VALIDITY);
        X509Certificate withHosts = ca.issue(request, List.of("localhost", "127.0.0.1", "::1", "node-a.example"));
        // RFC 5280 GeneralName tags: 2 dNSName, 7 iPAddress (the JDK renders IPv6 in full)
        assertThat(withHosts.getSubjectAlternativeNames()).extracting(n -> n.get(0) + " " + n.get(1))
                .containsExactly("2 localhost", "7 127.0.0.1", "7 0:0:0:0:0:0:0:1", "2 node-a.example");
        assertThat(ca.issue(request).getSubjectAlternativeNames()).isNull();
    }

    @Test
    void serialNumbersDiffer() {
        OrgCertificateAuthority ca = OrgCertificateAuthority.create("pharmacy-c",
                SignatureAlgorithm.ED25519.generateSigner(RANDOM), CA_VALIDITY, RANDOM);
        Signer member = SignatureAlgorithm.ED25519.generateSigner(RANDOM);
        CertificateRequest request = new CertificateRequest("node-1", List.of("node"), member.verificationKey(),
                LEAF_VALIDITY);
        assertThat(ca.issue(request).getSerialNumber()).isNotEqualTo(ca.issue(request).getSerialNumber());
    }

    @Test
    void reopensACaFromItsCertificateAndKeyOnly() {
        Signer key = SignatureAlgorithm.ECDSA_P256.generateSigner(RANDOM);
        OrgCertificateAuthority created = OrgCertificateAuthority.create("insurer-d", key, CA_VALIDITY, RANDOM);
        OrgCertificateAuthority reopened = OrgCertificateAuthority.of(created.certificate(), key, RANDOM);
        assertThat(reopened.org()).isEqualTo("insurer-d");
        Signer member = SignatureAlgorithm.ED25519.generateSigner(RANDOM);
        X509Certificate leaf = reopened.issue(new CertificateRequest("clerk", List.of("member"),
                member.verificationKey(), LEAF_VALIDITY));
        assertThat(CertificateChainValidator.validate(leaf, created.certificate(), T0.plusSeconds(3600)).org())
                .isEqualTo("insurer-d");

        Signer otherKey = SignatureAlgorithm.ECDSA_P256.generateSigner(RANDOM);
        assertThatThrownBy(() -> OrgCertificateAuthority.of(created.certificate(), otherKey, RANDOM))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(CryptoErrors.CA_KEY_MISMATCH));
        assertThatThrownBy(() -> OrgCertificateAuthority.of(leaf, member, RANDOM))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(CryptoErrors.CERT_NOT_A_CA));
    }

    @Test
    void rejectsBadRequests() {
        OrgCertificateAuthority ca = OrgCertificateAuthority.create("hospital-a",
                SignatureAlgorithm.ED25519.generateSigner(RANDOM), CA_VALIDITY, RANDOM);
        Signer member = SignatureAlgorithm.ED25519.generateSigner(RANDOM);
        var key = member.verificationKey();
        assertRequestInvalid(() -> new CertificateRequest(" ", List.of("member"), key, LEAF_VALIDITY));
        assertRequestInvalid(() -> new CertificateRequest("dr-lee ", List.of("member"), key, LEAF_VALIDITY));
        assertRequestInvalid(() -> new CertificateRequest("x".repeat(65), List.of("member"), key, LEAF_VALIDITY));
        assertRequestInvalid(() -> new CertificateRequest("dr\nlee", List.of("member"), key, LEAF_VALIDITY));
        assertRequestInvalid(() -> new CertificateRequest("dr-lee", List.of(), key, LEAF_VALIDITY));
        assertRequestInvalid(() -> new CertificateRequest("dr-lee", List.of("member", "member"), key, LEAF_VALIDITY));
        assertRequestInvalid(() -> new Validity(T0, T0));
        assertRequestInvalid(() -> ca.issue(new CertificateRequest("dr-lee", List.of("member"), key,
                new Validity(T0.minusSeconds(1), T0.plusSeconds(60)))));
        assertRequestInvalid(() -> OrgCertificateAuthority.create("x".repeat(62), member, CA_VALIDITY, RANDOM));
        assertThatThrownBy(() -> new CertificateRequest("dr-lee", List.of("member"), SignatureAlgorithm.ED25519,
                new byte[32], LEAF_VALIDITY))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(CryptoErrors.PUBLIC_KEY_INVALID));
    }

    @Test
    void validityIsTruncatedToWholeSeconds() {
        Validity validity = new Validity(T0.plusMillis(999), T0.plusSeconds(10).plusNanos(5));
        assertThat(validity.notBefore()).isEqualTo(T0);
        assertThat(validity.notAfter()).isEqualTo(T0.plusSeconds(10));
        assertThat(validity.contains(T0)).isTrue();
        assertThat(validity.contains(T0.plusSeconds(10))).isTrue();
        assertThat(validity.contains(T0.plusSeconds(11))).isFalse();
    }

    @Test
    void datesAfter2049UseGeneralizedTimeAndRoundTrip() {
        Validity longLived = new Validity(T0, Instant.parse("2070-06-30T12:00:00Z"));
        OrgCertificateAuthority ca = OrgCertificateAuthority.create("authority-e",
                SignatureAlgorithm.ED25519.generateSigner(RANDOM), longLived, RANDOM);
        assertThat(ca.certificate().getNotAfter().toInstant()).isEqualTo(longLived.notAfter());
    }

    private static void assertRequestInvalid(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo(CryptoErrors.CERT_REQUEST_INVALID));
    }

    /** Independent check that what we issue is ordinary RFC 5280: the JDK's PKIX validator accepts the chain. */
    private static void assertThatJdkPkixAccepts(X509Certificate leaf, X509Certificate ca, Instant at)
            throws Exception {
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }
}
