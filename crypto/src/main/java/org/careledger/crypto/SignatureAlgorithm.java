package org.careledger.crypto;

import java.security.SecureRandom;
import java.util.Locale;
import org.careledger.core.CareledgerException;

/** The signature schemes careledger accepts. The {@link #id()} is what goes on the wire and into genesis files. */
public enum SignatureAlgorithm {
    /** RFC 8032 Ed25519 (pure, no context); public key = 32 raw bytes, signature = 64 bytes R || S. */
    ED25519("Ed25519", "Ed25519"),
    /** ECDSA over NIST P-256 with SHA-256; public key = X.509 SubjectPublicKeyInfo DER, signature = DER SEQUENCE. */
    ECDSA_P256("ECDSA-P256", "SHA256withECDSA");

    private final String id;
    private final String jcaName;

    SignatureAlgorithm(String id, String jcaName) {
        this.id = id;
        this.jcaName = jcaName;
    }

    /** Stable wire name: {@code Ed25519} or {@code ECDSA-P256}. */
    public String id() {
        return id;
    }

    /** The JCA {@link java.security.Signature} name, for interop with code that goes through a provider. */
    public String jcaName() {
        return jcaName;
    }

    /** A fresh signing key of this algorithm. */
    public Signer generateSigner(SecureRandom random) {
        return switch (this) {
            case ED25519 -> Ed25519Signer.generate(random);
            case ECDSA_P256 -> EcdsaP256Signer.generate(random);
        };
    }

    /** Parses a wire name, case-insensitively because people type these into config files. */
    public static SignatureAlgorithm fromId(String id) {
        if (id != null) {
            String wanted = id.trim().toLowerCase(Locale.ROOT);
            for (SignatureAlgorithm algorithm : values()) {
                if (algorithm.id.toLowerCase(Locale.ROOT).equals(wanted)) {
                    return algorithm;
                }
            }
        }
        throw new CareledgerException(CryptoErrors.SIGNATURE_ALGORITHM_UNSUPPORTED,
                "unsupported signature algorithm '" + id + "'; use Ed25519 or ECDSA-P256");
    }
}
