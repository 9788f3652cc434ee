package org.careledger.consensus;

import java.security.cert.X509Certificate;
import java.util.List;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.careledger.crypto.Signer;
import org.careledger.crypto.tls.NodeKeyMaterial;
import org.careledger.crypto.tls.PinnedNode;
import org.careledger.crypto.tls.PinnedNodeTrustManager;
import org.careledger.crypto.x509.Pem;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;

/**
 * Mutual TLS between the consortium's nodes. Each node presents its genesis node certificate (with its org CA
 * behind it) and accepts a peer only if the peer's certificate carries the key genesis lists for some org's node
 * ({@link PinnedNodeTrustManager}).
 */
final class NodeTls {
    private NodeTls() {}

    static GrpcTlsConfig config(Genesis genesis, String selfOrg, Signer nodeSigner, X509Certificate nodeCertificate) {
        GenesisOrg self = genesis.org(selfOrg).orElseThrow();
        var keyManager = NodeKeyMaterial.keyManager(nodeSigner, nodeCertificate, Pem.decodeCertificate(self.caCertificate()));
        return new GrpcTlsConfig(keyManager, new PinnedNodeTrustManager(pinnedNodes(genesis)), true);
    }

    /** Every org's node as genesis lists it. */
    static List<PinnedNode> pinnedNodes(Genesis genesis) {
        return genesis.orgs().stream().map(o -> new PinnedNode(o.id(), Pem.decodeCertificate(o.caCertificate()),
                Pem.decodeCertificate(o.nodeCertificate()))).toList();
    }
}
