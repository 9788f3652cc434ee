package org.careledger.ledger;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.careledger.core.CareledgerException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.IdentityRecord;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.x509.CertificateChainValidator;
import org.careledger.crypto.x509.CertificateInfo;
import org.careledger.crypto.x509.Pem;

/**
 * The world state before the first block: one org record per consortium member and the identities of each org's
 * admin and node, taken from the certificates in genesis (each must be issued by its org's CA).
 */
final class GenesisState {
    private GenesisState() {}

    static TreeMap<String, byte[]> of(Genesis genesis) {
        TreeMap<String, byte[]> state = new TreeMap<>();
        for (GenesisOrg org : genesis.orgs()) {
            state.put(StateKeys.org(org.id()), CanonicalJson.encode(
                    new OrgRecord(org.id(), org.name(), org.roles(), org.caCertificate(), org.companyPrefixes(), org.encryptionKey())));
            X509Certificate ca = certificate(org, "caCertificate", org.caCertificate());
            List<String> adminRoles = new ArrayList<>(org.roles());
            adminRoles.add("admin");
            put(state, org, org.adminId(), Identity.Kind.ORG_ADMIN, org.adminCertificate(), ca, adminRoles);
            put(state, org, org.nodeId(), Identity.Kind.NODE, org.nodeCertificate(), ca, List.of("node"));
        }
        return state;
    }

    private static void put(TreeMap<String, byte[]> state, GenesisOrg org, String id, Identity.Kind kind, String pem,
                            X509Certificate ca, List<String> roles) {
        X509Certificate cert = certificate(org, id, pem);
        CertificateInfo info = CertificateChainValidator.describe(cert);
        try {
            // genesis certificates are checked at their own notBefore: validity windows are the operators' concern
            CertificateChainValidator.validate(cert, ca, cert.getNotBefore().toInstant());
        } catch (CareledgerException e) {
            throw new CareledgerException("GENESIS_INVALID", "certificate of " + id + ": " + e.getMessage());
        }
        Identity identity = new Identity(id, org.id(), kind, info.algorithm().name(), info.publicKey(), new TreeSet<>(roles));
        state.put(StateKeys.identity(id), CanonicalJson.encode(IdentityRecord.of(identity, pem)));
    }

    private static X509Certificate certificate(GenesisOrg org, String what, String pem) {
        try {
            return Pem.decodeCertificate(pem);
        } catch (CareledgerException e) {
            throw new CareledgerException("GENESIS_INVALID", "org " + org.id() + ": " + what + " is not a PEM certificate: "
                    + e.getMessage());
        }
    }
}
