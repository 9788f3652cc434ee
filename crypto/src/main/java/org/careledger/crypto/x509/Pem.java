package org.careledger.crypto.x509;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.PrivateKeyEncoding;
import org.careledger.crypto.Signer;
import org.careledger.crypto.VerificationKey;

/**
 * RFC 7468 PEM text for certificates ({@code CERTIFICATE}), public keys ({@code PUBLIC KEY}) and unencrypted PKCS#8
 * private keys ({@code PRIVATE KEY}), the forms OpenSSL and the JDK read. Output always uses {@code \n} line ends,
 * so files are byte-identical whichever OS wrote them; input may use any.
 */
public final class Pem {
    static final String CERTIFICATE = "CERTIFICATE";
    static final String PUBLIC_KEY = "PUBLIC KEY";
    static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    public static String encodeCertificate(X509Certificate certificate) {
        return encode(CERTIFICATE, Certificates.der(Objects.requireNonNull(certificate, "certificate")));
    }

    public static X509Certificate decodeCertificate(String pem) {
        return Certificates.fromDer(decode(CERTIFICATE, pem));
    }

    public static String encodePublicKey(VerificationKey key) {
        return encode(PUBLIC_KEY, key.toSubjectPublicKeyInfo());
    }

    public static VerificationKey decodePublicKey(String pem) {
        return VerificationKey.fromSubjectPublicKeyInfo(decode(PUBLIC_KEY, pem));
    }

    /** Unencrypted PKCS#8: protect the result as the key itself (see {@link KeyFiles} for files). */
    public static String encodePrivateKey(Signer signer) {
        return encode(PRIVATE_KEY, PrivateKeyEncoding.toPkcs8(Objects.requireNonNull(signer, "signer")));
    }

    public static Signer decodePrivateKey(String pem) {
        return PrivateKeyEncoding.fromPkcs8(decode(PRIVATE_KEY, pem));
    }

    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The DER inside the one PEM block of {@code type}; a second block is an error, not something to ignore. */
    static byte[] decode(String type, String pem) {
        if (pem == null) {
            throw new CareledgerException(CryptoErrors.PEM_MALFORMED, "no PEM text given");
        }
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject block = reader.readPemObject();
            if (block == null) {
                throw new CareledgerException(CryptoErrors.PEM_MALFORMED, "no PEM " + type + " block found");
            }
            if (!type.equals(block.getType())) {
                throw new CareledgerException(CryptoErrors.PEM_MALFORMED,
                        "expected a PEM " + type + " block, found " + block.getType());
            }
            if (reader.readPemObject() != null) {
                throw new CareledgerException(CryptoErrors.PEM_MALFORMED,
                        "expected one PEM " + type + " block, found more");
            }
            return block.getContent();
        } catch (CareledgerException specific) {
            throw specific;
        } catch (IOException | RuntimeException e) {
            throw new CareledgerException(CryptoErrors.PEM_MALFORMED, "malformed PEM " + type + " block", e);
        }
    }
}
