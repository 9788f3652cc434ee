package org.careledger.api.auth;

import org.careledger.core.CareledgerException;
import org.careledger.crypto.SignatureAlgorithm;

/** RFC 9421 algorithm names (its §6.2 registry) of the key types careledger identities hold. */
public final class SignatureAlgorithms {
    public static final String ED25519 = "ed25519";
    public static final String ECDSA_P256 = "ecdsa-p256-sha256";

    private SignatureAlgorithms() {}

    public static String name(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case ED25519 -> ED25519;
            case ECDSA_P256 -> ECDSA_P256;
        };
    }

    public static SignatureAlgorithm of(String name) {
        return switch (name) {
            case ED25519 -> SignatureAlgorithm.ED25519;
            case ECDSA_P256 -> SignatureAlgorithm.ECDSA_P256;
            default -> throw new CareledgerException("AUTH_INVALID", "signature algorithm '" + name
                    + "' is not accepted; use " + ED25519 + " or " + ECDSA_P256);
        };
    }
}
