package org.careledger.core.contract;

import java.util.List;

/**
 * An organization of the consortium as kept in state under {@link StateKeys#org(String)}; {@code encryptionKey} is
 * its X25519 public key (base64) for wrapped record keys.
 */
public record OrgRecord(String id, String name, List<String> roles, String caCertificatePem, List<String> companyPrefixes,
                        String encryptionKey) {
    public OrgRecord {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("org id must be lowercase letters, digits and dashes: " + id);
        }
        roles = roles == null ? List.of() : List.copyOf(roles);
        companyPrefixes = companyPrefixes == null ? List.of() : List.copyOf(companyPrefixes);
        if (caCertificatePem == null || caCertificatePem.isBlank()) {
            throw new IllegalArgumentException("org " + id + " needs a CA certificate");
        }
        name = name == null ? id : name;
    }

    /** An org without an encryption key (cannot receive wrapped record keys). */
    public OrgRecord(String id, String name, List<String> roles, String caCertificatePem, List<String> companyPrefixes) {
        this(id, name, roles, caCertificatePem, companyPrefixes, null);
    }
}
