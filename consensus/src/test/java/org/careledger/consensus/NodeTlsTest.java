package org.careledger.consensus;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.careledger.crypto.EcdsaP256Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateRequest;
import org.junit.jupiter.api.Test;

class NodeTlsTest {
    private final TestNetwork net = TestNetwork.create(4);
    private final org.careledger.crypto.tls.PinnedNodeTrustManager trust =
            new org.careledger.crypto.tls.PinnedNodeTrustManager(NodeTls.pinnedNodes(net.genesis));

    @Test
    void acceptsEveryGenesisNodeCertificate() {
        for (TestNetwork.Org org : net.orgs) {
            assertThatCode(() -> trust.checkClientTrusted(new X509Certificate[] {org.nodeCertificate()}, "ECDHE_ECDSA"))
                    .doesNotThrowAnyException();
            assertThatCode(() -> trust.checkServerTrusted(new X509Certificate[] {org.nodeCertificate()}, "ECDHE_ECDSA"))
                    .doesNotThrowAnyException();
        }
        assertThatCode(() -> NodeTls.config(net.genesis, "org-a", net.orgs.get(0).node(), net.orgs.get(0).nodeCertificate()))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAMemberCertificateFromAConsortiumCa() {
        Signer key = EcdsaP256Signer.generate(new SecureRandom());
        X509Certificate member = net.orgs.get(0).ca().issue(new CertificateRequest("dr-lee", List.of("physician"),
                key.algorithm(), key.publicKey(), net.validity));
        assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {member}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("does not carry a node key");
    }

    @Test
    void refusesANodeKeyCertifiedByAnotherOrgsCa() {
        TestNetwork.Org a = net.orgs.get(0);
        X509Certificate wrongIssuer = net.orgs.get(1).ca().issue(new CertificateRequest("node", List.of("node"),
                a.node().algorithm(), a.node().publicKey(), net.validity));
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {wrongIssuer}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("not issued by its org CA");
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[0], "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }
}
