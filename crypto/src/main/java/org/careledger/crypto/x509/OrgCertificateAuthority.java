package org.careledger.crypto.x509;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.Signer;
import org.careledger.crypto.VerificationKey;

/**
 * One organization's certificate authority: a self-signed certificate ({@code CN=<org> CA, O=<org>}) plus the
 * {@link Signer} holding its key. It issues leaf certificates for the org's members, nodes and admins, always with
 * {@code O=<org>}, so the organization in a valid leaf is whatever the consortium's genesis says this CA speaks for.
 * Thread-safe; the caller supplies all times, so issuing is reproducible in tests.
 */
public final class OrgCertificateAuthority {
    private static final int SERIAL_BITS = 127;

    private final String org;
    private final Signer signer;
    private final X509Certificate certificate;
    private final X500Name subject;
    private final Validity validity;
    private final SecureRandom random;

    private OrgCertificateAuthority(String org, Signer signer, X509Certificate certificate, SecureRandom random) {
        this.org = org;
        this.signer = signer;
        this.certificate = certificate;
        this.subject = Certificates.structure(certificate).getSubject();
        this.validity = CertificateInfo.of(certificate).validity();
        this.random = random;
    }

    /**
     * Creates the CA certificate for {@code org}, self-signed with {@code signer}'s key (Ed25519 or P-256).
     *
     * @param random source of serial numbers, here and for every certificate this CA issues
     */
    public static OrgCertificateAuthority create(String org, Signer signer, Validity validity, SecureRandom random) {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(random, "random");
        X500Name name = SubjectNames.caName(org);
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(signer.verificationKey().toSubjectPublicKeyInfo());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, serialNumber(random),
                time(validity.notBefore()), time(validity.notAfter()), name, key);
        try {
            // pathLen 0: an org CA signs its own members only, never another CA.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, keyIdentifier(key));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode CA extensions", e);
        }
        X509Certificate certificate = Certificates.fromDer(
                Certificates.der(builder.build(new SignerContentSigner(signer)).toASN1Structure()));
        return new OrgCertificateAuthority(org, signer, certificate, random);
    }

    /** Re-opens an existing CA from its certificate and key, e.g. after reading both from files. */
    public static OrgCertificateAuthority of(X509Certificate certificate, Signer signer, SecureRandom random) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(random, "random");
        CertificateInfo info = CertificateInfo.of(certificate);
        if (info.algorithm() != signer.algorithm() || !Arrays.equals(info.publicKey(), signer.publicKey())) {
            throw new CareledgerException(CryptoErrors.CA_KEY_MISMATCH,
                    "the key given for CA '" + info.commonName() + "' is not the key in its certificate");
        }
        CertificateChainValidator.requireCa(certificate);
        return new OrgCertificateAuthority(info.org(), signer, certificate, random);
    }

    public String org() {
        return org;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Issues {@code CN=<name>, O=<org>, OU=<role>...} for the request's key, with keyUsage digitalSignature. The
     * leaf's validity must lie within the CA's, since a leaf cannot outlive the authority that vouches for it.
     */
    public X509Certificate issue(CertificateRequest request) {
        return issue(request, java.util.List.of());
    }

    /**
     * As {@link #issue(CertificateRequest)}, naming the hosts a TLS server certificate answers for in a
     * subjectAltName extension (an IP literal becomes an iPAddress, anything else a dNSName): browsers check the
     * name they connected to there, never in the CN. Empty: no extension.
     */
    public X509Certificate issue(CertificateRequest request, java.util.List<String> hostNames) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(hostNames, "hostNames");
        if (!validity.encloses(request.validity())) {
            throw new CareledgerException(CryptoErrors.CERT_REQUEST_INVALID,
                    "validity " + request.validity().notBefore() + " to " + request.validity().notAfter()
                            + " for " + request.commonName() + " is outside the CA's " + validity.notBefore()
                            + " to " + validity.notAfter());
        }
        VerificationKey subjectKey = request.subjectKey();
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(subjectKey.toSubjectPublicKeyInfo());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, serialNumber(random),
                time(request.validity().notBefore()), time(request.validity().notAfter()),
                SubjectNames.leafName(org, request.commonName(), request.roles()), key);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, keyIdentifier(key));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new BcX509ExtensionUtils()
                    .createAuthorityKeyIdentifier(Certificates.structure(certificate).getSubjectPublicKeyInfo()));
            if (!hostNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                        hostNames.stream().distinct().map(OrgCertificateAuthority::generalName)
                                .toArray(GeneralName[]::new)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode certificate extensions", e);
        }
        return Certificates.fromDer(Certificates.der(builder.build(new SignerContentSigner(signer)).toASN1Structure()));
    }

    private static GeneralName generalName(String host) {
        if (host == null || host.isBlank() || host.length() > 253) {
            throw new CareledgerException(CryptoErrors.CERT_REQUEST_INVALID, "a host name must be 1 to 253 characters");
        }
        boolean ip = host.matches("[0-9.]+") || host.contains(":");
        return new GeneralName(ip ? GeneralName.iPAddress
                : GeneralName.dNSName, host);
    }

    /** Positive, non-zero and unpredictable, as RFC 5280 §4.1.2.2 and the CA/B Forum's 64-bit minimum ask. */
    static BigInteger serialNumber(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(SERIAL_BITS, random);
        } while (serial.signum() == 0);
        return serial;
    }

    /** BouncyCastle picks UTCTime up to 2049 and GeneralizedTime after, as RFC 5280 §4.1.2.5 requires. */
    private static Time time(Instant instant) {
        return new Time(Date.from(instant));
    }

    private static SubjectKeyIdentifier keyIdentifier(SubjectPublicKeyInfo key) {
        // RFC 5280 §4.2.1.2 method 1 (SHA-1 of the key bits): an identifier for path building, not a security check.
        return new BcX509ExtensionUtils().createSubjectKeyIdentifier(key);
    }

    @Override
    public String toString() {
        return "OrgCertificateAuthority[" + org + ", " + signer.algorithm().id() + "]";
    }
}
