package org.careledger.crypto.x509;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x509.Certificate;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;

/** Moves certificates between the JDK's type (the API) and BouncyCastle's ASN.1 view (for reading fields). */
final class Certificates {
    private Certificates() {
    }

    /** Parses DER with the JDK's own X.509 factory, which understands Ed25519 keys since JDK 15. */
    static X509Certificate fromDer(byte[] der) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new CareledgerException(CryptoErrors.CERT_MALFORMED, "not a DER X.509 certificate", e);
        }
    }

    static Certificate structure(X509Certificate certificate) {
        try {
            return Certificate.getInstance(certificate.getEncoded());
        } catch (CertificateEncodingException | RuntimeException e) {
            throw new CareledgerException(CryptoErrors.CERT_MALFORMED, "certificate cannot be re-read", e);
        }
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CareledgerException(CryptoErrors.CERT_MALFORMED, "certificate cannot be encoded", e);
        }
    }

    static byte[] der(Certificate structure) {
        try {
            return structure.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of a certificate failed", e);
        }
    }
}
