package org.careledger.core.contract;

import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * The stored form of an {@link Identity}: JSON-friendly (base64 key) and carrying the certificate that proved it,
 * when there is one (patients have none).
 */
public record IdentityRecord(String id, String org, Identity.Kind kind, String algorithm, String publicKey,
                             List<String> roles, String certificatePem) {
    public IdentityRecord {
        roles = roles == null ? List.of() : List.copyOf(new TreeSet<>(roles));
    }

    public static IdentityRecord of(Identity identity, String certificatePem) {
        return new IdentityRecord(identity.id(), identity.org(), identity.kind(), identity.algorithm(),
                Base64.getEncoder().encodeToString(identity.publicKey()), List.copyOf(identity.roles()), certificatePem);
    }

    public Identity toIdentity() {
        return new Identity(id, org, kind, algorithm, Base64.getDecoder().decode(publicKey), new TreeSet<>(roles));
    }
}
