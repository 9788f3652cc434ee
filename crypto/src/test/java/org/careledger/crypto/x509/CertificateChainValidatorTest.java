package org.careledger.crypto.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.careledger.crypto.x509.OrgCertificateAuthorityTest.CA_VALIDITY;
import static org.careledger.crypto.x509.OrgCertificateAuthorityTest.LEAF_VALIDITY;
import static org.careledger.crypto.x509.OrgCertificateAuthorityTest.RANDOM;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CertificateChainValidatorTest {
    private static final Instant DURING = Instant.parse("2026-06-01T00:00:00Z");

    private Signer caKey;
    private OrgCertificateAuthority ca;
    private Signer member;
    private X509Certificate leaf;

    @BeforeEach
    void issue() {
        caKey = SignatureAlgorithm.ED25519.generateSigner(RANDOM);
        ca = OrgCertificateAuthority.create("hospital-a", caKey, CA_VALIDITY, RANDOM);
        member = SignatureAlgorithm.ED25519.generateSigner(RANDOM);
        leaf = ca.issue(new CertificateRequest("dr-lee", List.of("member"), member.verificationKey(), LEAF_VALIDITY));
    }

    @Test
    void acceptsAValidChainIncludingTheExactEndsOfTheValidity() {
        assertThat(CertificateChainValidator.validate(leaf, ca.certificate(), DURING).commonName()).isEqualTo("dr-lee");
        CertificateChainValidator.validate(leaf, ca.certificate(), LEAF_VALIDITY.notBefore());
        CertificateChainValidator.validate(leaf, ca.certificate(), LEAF_VALIDITY.notAfter());
    }

    @Test
    void expiredAndNotYetValid() {
        assertCode(CryptoErrors.CERT_EXPIRED, () -> CertificateChainValidator.validate(leaf, ca.certificate(),
                LEAF_VALIDITY.notAfter().plusSeconds(1)));
        assertCode(CryptoErrors.CERT_NOT_YET_VALID, () -> CertificateChainValidator.validate(leaf, ca.certificate(),
                LEAF_VALIDITY.notBefore().minusSeconds(1)));
        assertCode(CryptoErrors.CERT_EXPIRED, () -> CertificateChainValidator.validate(leaf, ca.certificate(),
                CA_VALIDITY.notAfter().plusSeconds(1)));
    }

    @Test
    void aLeafFromAnotherCaWithTheSameNameIsNotSignedByThisCa() {
        OrgCertificateAuthority impostor = OrgCertificateAuthority.create("hospital-a",
                SignatureAlgorithm.ED25519.generateSigner(RANDOM), CA_VALIDITY, RANDOM);
        X509Certificate forged = impostor.issue(new CertificateRequest("dr-lee", List.of("member", "admin"),
                member.verificationKey(), LEAF_VALIDITY));
        assertCode(CryptoErrors.CERT_NOT_SIGNED_BY_CA,
                () -> CertificateChainValidator.validate(forged, ca.certificate(), DURING));
        OrgCertificateAuthority otherAlgorithm = OrgCertificateAuthority.create("hospital-a",
                SignatureAlgorithm.ECDSA_P256.generateSigner(RANDOM), CA_VALIDITY, RANDOM);
        X509Certificate ecdsaSigned = otherAlgorithm.issue(new CertificateRequest("dr-lee", List.of("member"),
                member.verificationKey(), LEAF_VALIDITY));
        assertCode(CryptoErrors.CERT_NOT_SIGNED_BY_CA,
                () -> CertificateChainValidator.validate(ecdsaSigned, ca.certificate(), DURING));
    }

    @Test
    void aTamperedLeafIsRejected() throws Exception {
        byte[] der = leaf.getEncoded();
        String text = new String(der, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("dr-lee");
        der[at] = 'D'; // same length, so the certificate still parses: only the signature can tell
        X509Certificate tampered = Certificates.fromDer(der);
        assertCode(CryptoErrors.CERT_NOT_SIGNED_BY_CA,
                () -> CertificateChainValidator.validate(tampered, ca.certificate(), DURING));
    }

    @Test
    void theCaArgumentMustBeACa() {
        assertCode(CryptoErrors.CERT_NOT_A_CA, () -> CertificateChainValidator.validate(leaf, leaf, DURING));
    }

    @Test
    void aLeafNamingAnotherOrgIsAnOrgMismatch() throws Exception {
        X509Certificate otherOrg = build(new X500Name("O=lab-b,OU=member,CN=dr-lee"), true, KeyUsage.digitalSignature,
                null);
        assertCode(CryptoErrors.CERT_ORG_MISMATCH,
                () -> CertificateChainValidator.validate(otherOrg, ca.certificate(), DURING));
    }

    @Test
    void aLeafWithoutDigitalSignatureOrThatIsACaIsRejected() throws Exception {
        X500Name subject = new X500Name("O=hospital-a,OU=member,CN=dr-lee");
        X509Certificate noDigitalSignature = build(subject, true, KeyUsage.keyEncipherment, null);
        assertCode(CryptoErrors.CERT_KEY_USAGE_INVALID,
                () -> CertificateChainValidator.validate(noDigitalSignature, ca.certificate(), DURING));
        X509Certificate subCa = build(subject, false, KeyUsage.digitalSignature | KeyUsage.keyCertSign, null);
        assertCode(CryptoErrors.CERT_KEY_USAGE_INVALID,
                () -> CertificateChainValidator.validate(subCa, ca.certificate(), DURING));
    }

    @Test
    void anUnknownCriticalExtensionIsRefused() throws Exception {
        X509Certificate withPolicy = build(new X500Name("O=hospital-a,OU=member,CN=dr-lee"), true,
                KeyUsage.digitalSignature, new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"));
        assertCode(CryptoErrors.CERT_UNSUPPORTED_CRITICAL_EXTENSION,
                () -> CertificateChainValidator.validate(withPolicy, ca.certificate(), DURING));
    }

    @Test
    void describeNeedsExactlyOneOrgAndCommonName() throws Exception {
        X509Certificate noOrg = build(new X500Name("OU=member,CN=dr-lee"), true, KeyUsage.digitalSignature, null);
        assertCode(CryptoErrors.CERT_MALFORMED, () -> CertificateChainValidator.describe(noOrg));
    }

    /** A certificate signed by the test CA's key but built by hand, for the shapes our CA refuses to issue. */
    private X509Certificate build(X500Name subject, boolean leafConstraints, int keyUsage,
                                  ASN1ObjectIdentifier extraCriticalExtension) throws Exception {
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                Certificates.structure(ca.certificate()).getSubject(), BigInteger.TEN,
                Date.from(LEAF_VALIDITY.notBefore()), Date.from(LEAF_VALIDITY.notAfter()), subject,
                SubjectPublicKeyInfo.getInstance(member.verificationKey().toSubjectPublicKeyInfo()));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(!leafConstraints));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        if (extraCriticalExtension != null) {
            builder.addExtension(extraCriticalExtension, true, new DERUTF8String("unknown"));
        }
        return Certificates.fromDer(builder.build(new SignerContentSigner(caKey)).getEncoded());
    }

    private static void assertCode(String code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
