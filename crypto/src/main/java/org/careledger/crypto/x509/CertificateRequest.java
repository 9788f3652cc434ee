package org.careledger.crypto.x509;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.CryptoErrors;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.VerificationKey;

/**
 * What an org CA needs to issue a member, node or admin certificate. The organization is not part of the request:
 * a CA only ever issues for its own org, which is what makes {@code O} trustworthy.
 *
 * @param commonName the member's or node's name within the org, e.g. {@code dr-lee} or {@code node-1}
 * @param roles      one or more roles, each becoming an {@code OU}, in this order
 */
public record CertificateRequest(String commonName, List<String> roles, VerificationKey subjectKey,
                                 Validity validity) {
    public CertificateRequest {
        SubjectNames.requireAttribute("common name", commonName);
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(validity, "validity");
        roles = List.copyOf(roles);
        if (roles.isEmpty()) {
            throw new CareledgerException(CryptoErrors.CERT_REQUEST_INVALID,
                    "a certificate for " + commonName + " needs at least one role");
        }
        for (String role : roles) {
            SubjectNames.requireAttribute("role", role);
        }
        if (new HashSet<>(roles).size() != roles.size()) {
            throw new CareledgerException(CryptoErrors.CERT_REQUEST_INVALID,
                    "roles for " + commonName + " repeat: " + roles);
        }
    }

    /** A request for a key given the way {@link org.careledger.crypto.Signer#publicKey()} gives it. */
    public CertificateRequest(String commonName, List<String> roles, SignatureAlgorithm algorithm, byte[] publicKey,
                              Validity validity) {
        this(commonName, roles, new VerificationKey(algorithm, publicKey), validity);
    }
}
