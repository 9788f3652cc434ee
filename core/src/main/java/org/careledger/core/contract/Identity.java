package org.careledger.core.contract;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A signer known to the ledger: an org member ("hospital-a/dr-lee"), an org node or admin, or a patient
 * ("patient/p-7f3a"). The public key is the raw key for Ed25519 and the X.509 SubjectPublicKeyInfo DER for
 * ECDSA P-256.
 */
public record Identity(String id, String org, Kind kind, String algorithm, byte[] publicKey, SortedSet<String> roles) {
    public enum Kind { ORG_ADMIN, NODE, MEMBER, PATIENT }

    public static final String PATIENT_ORG = "patient";

    public Identity {
        if (id == null || !id.contains("/")) {
            throw new IllegalArgumentException("identity id must be 'org/name': " + id);
        }
        if (org == null || !id.startsWith(org + "/")) {
            throw new IllegalArgumentException("identity " + id + " does not belong to org " + org);
        }
        if (kind == null || algorithm == null || publicKey == null || publicKey.length == 0) {
            throw new IllegalArgumentException("identity " + id + " needs a kind, an algorithm and a public key");
        }
        publicKey = publicKey.clone();
        roles = roles == null ? new TreeSet<>() : new TreeSet<>(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Set<String> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }
}
