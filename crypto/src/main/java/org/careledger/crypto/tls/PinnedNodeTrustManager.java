package org.careledger.crypto.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.x509.CertificateInfo;

/**
 * Accepts a TLS peer only if its certificate carries the key of one of the consortium's nodes, was issued by that
 * node's org CA and is within its validity. Trusting the org CAs alone would let any certificate an org issues (a
 * practitioner's, say) pose as a node; pinning to the genesis node keys does not. Host names are not checked: the key,
 * not the address, identifies a node, and nodes move between addresses.
 */
public final class PinnedNodeTrustManager extends X509ExtendedTrustManager {
    private record Pin(String org, byte[] key, X509Certificate ca) {}

    private final List<Pin> pins;
    private final X509Certificate[] issuers;

    public PinnedNodeTrustManager(List<PinnedNode> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no node to trust");
        }
        this.pins = nodes.stream().map(n -> new Pin(n.org(), CertificateInfo.of(n.nodeCertificate()).publicKey(), n.ca()))
                .toList();
        this.issuers = nodes.stream().map(PinnedNode::ca).toArray(X509Certificate[]::new);
    }

    /** The org whose node presented this chain; throws if it is none of the pinned nodes. */
    public String check(X509Certificate[] chain) throws CertificateException {
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
        Pin pin = pins.stream().filter(p -> Arrays.equals(p.key(), key)).findFirst().orElseThrow(() ->
                new CertificateException("the peer certificate (" + leaf.getSubjectX500Principal()
                        + ") does not carry a node key listed in genesis"));
        leaf.checkValidity();
        try {
            leaf.verify(pin.ca().getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the certificate of " + pin.org() + "'s node is not issued by its org CA", e);
        }
        return pin.org();
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
