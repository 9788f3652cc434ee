package org.careledger.crypto.x509;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x509.Certificate;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.VerificationKey;

/**
 * What careledger reads from a certificate: who (org, name, roles), which key, and when it is valid. The public key
 * is in {@link org.careledger.crypto.Signer#publicKey()} form, so it can be compared with a transaction's signer
 * byte for byte.
 */
public record CertificateInfo(String org, String commonName, List<String> roles, SignatureAlgorithm algorithm,
                              byte[] publicKey, Instant notBefore, Instant notAfter) {
    public CertificateInfo {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        roles = List.copyOf(roles);
        publicKey = publicKey.clone();
    }

    /** Reads a certificate; does not validate it (that is {@link CertificateChainValidator#validate}). */
    public static CertificateInfo of(X509Certificate certificate) {
        Certificate structure = Certificates.structure(certificate);
        SubjectNames.Parsed subject = SubjectNames.parse(structure.getSubject());
        VerificationKey key;
        try {
            key = VerificationKey.fromSubjectPublicKeyInfo(structure.getSubjectPublicKeyInfo().getEncoded());
        } catch (IOException e) {
            throw new CareledgerException(CryptoErrors.CERT_MALFORMED, "certificate public key cannot be read", e);
        }
        return new CertificateInfo(subject.org(), subject.commonName(), subject.roles(), key.algorithm(),
                key.encoded(), certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public VerificationKey verificationKey() {
        return new VerificationKey(algorithm, publicKey);
    }

    public Validity validity() {
        return new Validity(notBefore, notAfter);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateInfo that && org.equals(that.org) && commonName.equals(that.commonName)
                && roles.equals(that.roles) && algorithm == that.algorithm && Arrays.equals(publicKey, that.publicKey)
                && notBefore.equals(that.notBefore) && notAfter.equals(that.notAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(org, commonName, roles, algorithm, Arrays.hashCode(publicKey), notBefore, notAfter);
    }

    @Override
    public String toString() {
        return "CertificateInfo[" + commonName + " of " + org + ", roles " + roles + ", " + verificationKey()
                + ", valid " + notBefore + " to " + notAfter + "]";
    }
}
