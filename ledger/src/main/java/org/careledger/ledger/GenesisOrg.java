package org.careledger.ledger;

import java.util.List;

/**
 * One consortium member as listed in genesis: its roles, its CA, its admin and node certificates, its node, and
 * its X25519 encryption key (base64) that record data keys are wrapped for.
 */
public record GenesisOrg(String id, String name, List<String> roles, String caCertificate, String adminCertificate,
                         String nodeCertificate, List<String> companyPrefixes, NodeEndpoint node, String encryptionKey) {
    public GenesisOrg {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("org id must be lowercase letters, digits and dashes: " + id);
        }
        if (caCertificate == null || adminCertificate == null || nodeCertificate == null) {
            throw new IllegalArgumentException("org " + id + " needs caCertificate, adminCertificate and nodeCertificate");
        }
        roles = roles == null ? List.of() : List.copyOf(roles);
        companyPrefixes = companyPrefixes == null ? List.of() : List.copyOf(companyPrefixes);
        name = name == null ? id : name;
    }

    public String nodeId() {
        return id + "/node";
    }

    public String adminId() {
        return id + "/admin";
    }

    /** An org without an encryption key: it can sign and run a node but cannot be given wrapped record keys. */
    public GenesisOrg(String id, String name, List<String> roles, String caCertificate, String adminCertificate,
                      String nodeCertificate, List<String> companyPrefixes, NodeEndpoint node) {
        this(id, name, roles, caCertificate, adminCertificate, nodeCertificate, companyPrefixes, node, null);
    }
}
