package org.careledger.crypto.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509KeyManager;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.PrivateKeyEncoding;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.Signer;

/** The key and certificate chain a node presents in TLS, and the SSL contexts built from them. */
public final class NodeKeyMaterial {
    private NodeKeyMaterial() {}

    /** A key manager presenting {@code nodeCertificate} (then its org CA) with the node's P-256 key. */
    public static X509KeyManager keyManager(Signer nodeKey, X509Certificate nodeCertificate, X509Certificate orgCa) {
        if (nodeKey.algorithm() != SignatureAlgorithm.ECDSA_P256) {
            throw new CareledgerException("TLS_CONFIG_INVALID", "a node's TLS key must be ECDSA P-256, not "
                    + nodeKey.algorithm().id());
        }
        try {
            PrivateKey key = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(PrivateKeyEncoding.toPkcs8(nodeKey)));
            // the store lives only in memory; its password protects nothing and is required by the API
            char[] password = "careledger".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("node", key, password, new Certificate[] {nodeCertificate, orgCa});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(store, password);
            return (X509KeyManager) Arrays.stream(kmf.getKeyManagers()).filter(k -> k instanceof X509KeyManager)
                    .findFirst().orElseThrow();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CareledgerException("TLS_CONFIG_INVALID", "cannot load the node's TLS key: " + e.getMessage(), e);
        }
    }

    /** A server context presenting the node's certificate; clients are authenticated per request, not by TLS. */
    public static SSLContext serverContext(X509KeyManager keyManager) {
        return context(new KeyManager[] {keyManager}, null);
    }

    /** A client context that trusts exactly the consortium's node keys. */
    public static SSLContext clientContext(List<PinnedNode> nodes) {
        return context(null, new PinnedNodeTrustManager(nodes));
    }

    private static SSLContext context(KeyManager[] keys, PinnedNodeTrustManager trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(keys, trust == null ? null : new javax.net.ssl.TrustManager[] {trust}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new CareledgerException("TLS_CONFIG_INVALID", "cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
