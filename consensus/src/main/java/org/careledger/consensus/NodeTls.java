package org.careledger.consensus;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.PrivateKeyEncoding;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateInfo;
import org.careledger.crypto.x509.Pem;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;

/**
 * Mutual TLS between the consortium's nodes. Each node presents its genesis node certificate (with its org CA
 * behind it) and accepts a peer only if the peer's certificate carries the key genesis lists for some org's node,
 * was issued by that org's CA and is within its validity. Trusting the org CAs alone would let any member
 * certificate an org issues (a practitioner's, say) join the Raft group; pinning to the genesis node keys does not.
 * Host names are not checked: the key, not the address, identifies a node.
 */
final class NodeTls {
    private NodeTls() {}

    static GrpcTlsConfig config(Genesis genesis, String selfOrg, Signer nodeSigner, X509Certificate nodeCertificate) {
        GenesisOrg self = genesis.org(selfOrg).orElseThrow();
        try {
            PrivateKey key = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(PrivateKeyEncoding.toPkcs8(nodeSigner)));
            X509Certificate ca = Pem.decodeCertificate(self.caCertificate());
            char[] password = "careledger".toCharArray();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("node", key, password, new Certificate[] {nodeCertificate, ca});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(keyStore, password);
            KeyManager keyManager = Arrays.stream(kmf.getKeyManagers()).filter(k -> k instanceof X509KeyManager)
                    .findFirst().orElseThrow();
            return new GrpcTlsConfig(keyManager, new GenesisTrustManager(genesis), true);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CareledgerException("TLS_CONFIG_INVALID", "cannot set up TLS for the node of " + selfOrg + ": "
                    + e.getMessage(), e);
        }
    }

    /** Accepts exactly the consortium's node keys, each under its own org's CA. */
    static final class GenesisTrustManager extends X509ExtendedTrustManager {
        private record NodeEntry(String org, byte[] key, X509Certificate ca) {}

        private final List<NodeEntry> nodes = new ArrayList<>();
        private final X509Certificate[] issuers;

        GenesisTrustManager(Genesis genesis) {
            List<X509Certificate> cas = new ArrayList<>();
            for (GenesisOrg org : genesis.orgs()) {
                X509Certificate ca = Pem.decodeCertificate(org.caCertificate());
                cas.add(ca);
                nodes.add(new NodeEntry(org.id(), CertificateInfo.of(Pem.decodeCertificate(org.nodeCertificate())).publicKey(), ca));
            }
            this.issuers = cas.toArray(X509Certificate[]::new);
        }

        void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the peer presented no certificate");
            }
            X509Certificate leaf = chain[0];
            byte[] key;
            try {
                key = CertificateInfo.of(leaf).publicKey();
            } catch (CareledgerException e) {
                throw new CertificateException("unreadable peer certificate: " + e.getMessage(), e);
            }
            NodeEntry node = nodes.stream().filter(n -> Arrays.equals(n.key(), key)).findFirst().orElseThrow(() ->
                    new CertificateException("the peer certificate (" + leaf.getSubjectX500Principal()
                            + ") does not carry a node key listed in genesis"));
            leaf.checkValidity();
            try {
                leaf.verify(node.ca().getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new CertificateException("the certificate of " + node.org() + "'s node is not issued by its org CA", e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return issuers.clone();
        }
    }
}
