package org.careledger.crypto.tls;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * One node a TLS peer may be: its org, the org CA that issued its certificate, and that certificate (whose key is
 * what is pinned).
 */
public record PinnedNode(String org, X509Certificate ca, X509Certificate nodeCertificate) {
    public PinnedNode {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(nodeCertificate, "nodeCertificate");
    }
}
