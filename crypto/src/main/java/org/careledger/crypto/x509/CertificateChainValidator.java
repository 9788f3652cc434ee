package org.careledger.crypto.x509;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.SignatureVerifier;
import org.careledger.crypto.VerificationKey;

/**
 * Validates the two-level chains careledger uses: an org CA (trusted because genesis or a membership transaction
 * lists it) and a leaf it issued. Time is an argument, never a clock read, so every node reaches the same answer
 * for the same ordered transaction. Signatures are checked with {@link SignatureVerifier}, as strictly as
 * transaction signatures. Each failure has its own code: see {@link CryptoErrors}.
 */
public final class CertificateChainValidator {
    private static final int KEY_CERT_SIGN = 5;
    private static final int DIGITAL_SIGNATURE = 0;
    /** The critical extensions we check ourselves; any other critical one must make us refuse (RFC 5280 §4.2). */
    private static final Set<String> UNDERSTOOD_CRITICAL =
            Set.of(Extension.basicConstraints.getId(), Extension.keyUsage.getId());

    private CertificateChainValidator() {
    }

    /**
     * Checks that {@code leaf} was issued by {@code caCert} for the CA's organization and that both are valid at
     * {@code at}.
     *
     * @return what the leaf says about its holder, once it is known to be true
     * @throws CareledgerException CERT_NOT_A_CA, CERT_CA_NOT_SELF_SIGNED, CERT_NOT_SIGNED_BY_CA, CERT_EXPIRED,
     *                             CERT_NOT_YET_VALID, CERT_KEY_USAGE_INVALID, CERT_UNSUPPORTED_CRITICAL_EXTENSION,
     *                             CERT_ORG_MISMATCH or CERT_MALFORMED
     */
    public static CertificateInfo validate(X509Certificate leaf, X509Certificate caCert, Instant at) {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(caCert, "caCert");
        Objects.requireNonNull(at, "at");
        CertificateInfo ca = requireCa(caCert);
        requireValidAt(caCert, ca, at, "CA certificate");

        CertificateInfo holder = CertificateInfo.of(leaf);
        if (!leaf.getIssuerX500Principal().equals(caCert.getSubjectX500Principal())
                || !isSignedBy(leaf, ca.verificationKey())) {
            throw new CareledgerException(CryptoErrors.CERT_NOT_SIGNED_BY_CA,
                    "certificate of " + holder.commonName() + " is not signed by " + ca.commonName());
        }
        requireValidAt(leaf, holder, at, "certificate");
        requireOnlyUnderstoodCriticalExtensions(leaf, holder);
        if (leaf.getBasicConstraints() >= 0) {
            throw new CareledgerException(CryptoErrors.CERT_KEY_USAGE_INVALID,
                    "certificate of " + holder.commonName() + " is a CA certificate, not a member's");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage == null || !keyUsage[DIGITAL_SIGNATURE]) {
            throw new CareledgerException(CryptoErrors.CERT_KEY_USAGE_INVALID,
                    "certificate of " + holder.commonName() + " does not allow digitalSignature");
        }
        if (!holder.org().equals(ca.org())) {
            throw new CareledgerException(CryptoErrors.CERT_ORG_MISMATCH,
                    "certificate of " + holder.commonName() + " names organization '" + holder.org()
                            + "' but its CA speaks for '" + ca.org() + "'");
        }
        return holder;
    }

    /** Reads a certificate's subject, key and validity without validating it. */
    public static CertificateInfo describe(X509Certificate certificate) {
        return CertificateInfo.of(Objects.requireNonNull(certificate, "certificate"));
    }

    /**
     * Checks that {@code caCert} is a self-signed CA certificate careledger can rely on (time is not checked here).
     */
    static CertificateInfo requireCa(X509Certificate caCert) {
        CertificateInfo ca = CertificateInfo.of(caCert);
        boolean[] keyUsage = caCert.getKeyUsage();
        if (caCert.getBasicConstraints() < 0 || keyUsage == null || !keyUsage[KEY_CERT_SIGN]) {
            throw new CareledgerException(CryptoErrors.CERT_NOT_A_CA,
                    "'" + ca.commonName() + "' is not a CA certificate (needs basicConstraints cA and keyCertSign)");
        }
        requireOnlyUnderstoodCriticalExtensions(caCert, ca);
        if (!caCert.getIssuerX500Principal().equals(caCert.getSubjectX500Principal())
                || !isSignedBy(caCert, ca.verificationKey())) {
            throw new CareledgerException(CryptoErrors.CERT_CA_NOT_SELF_SIGNED,
                    "CA certificate '" + ca.commonName() + "' is not validly self-signed");
        }
        return ca;
    }

    private static void requireValidAt(X509Certificate certificate, CertificateInfo info, Instant at, String what) {
        if (at.isBefore(info.notBefore())) {
            throw new CareledgerException(CryptoErrors.CERT_NOT_YET_VALID,
                    what + " of " + info.commonName() + " is not valid before " + info.notBefore() + " (checked at "
                            + at + ")");
        }
        if (at.isAfter(info.notAfter())) {
            throw new CareledgerException(CryptoErrors.CERT_EXPIRED,
                    what + " of " + info.commonName() + " expired at " + info.notAfter() + " (checked at " + at
                            + ")");
        }
    }

    private static void requireOnlyUnderstoodCriticalExtensions(X509Certificate certificate, CertificateInfo info) {
        Set<String> critical = certificate.getCriticalExtensionOIDs();
        if (critical == null) {
            return;
        }
        for (String oid : critical) {
            if (!UNDERSTOOD_CRITICAL.contains(oid)) {
                throw new CareledgerException(CryptoErrors.CERT_UNSUPPORTED_CRITICAL_EXTENSION,
                        "certificate of " + info.commonName() + " has critical extension " + oid
                                + ", which careledger does not process");
            }
        }
    }

    /**
     * Verifies the signature over the exact TBS bytes the certificate carries. The outer and inner algorithm
     * fields must agree (RFC 5280 §4.1.1.2) and match the issuer's key type; otherwise an attacker could choose
     * how we interpret the signature.
     */
    private static boolean isSignedBy(X509Certificate certificate, VerificationKey issuerKey) {
        Certificate structure = Certificates.structure(certificate);
        SignatureAlgorithm algorithm = SignerContentSigner.fromSignatureAlgorithm(structure.getSignatureAlgorithm());
        if (algorithm == null || algorithm != issuerKey.algorithm()
                || !structure.getSignatureAlgorithm().equals(structure.getTBSCertificate().getSignature())) {
            return false;
        }
        try {
            return SignatureVerifier.verify(algorithm, issuerKey.encoded(), certificate.getTBSCertificate(),
                    structure.getSignature().getOctets());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }
}
