package org.careledger.api;

import java.util.List;

/** The quorum certificate of a block: final when signatures ≥ quorum. */
public record CertificateView(long height, String blockHash, int quorum, boolean isFinal, List<SignatureView> signatures) {
    public CertificateView {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }
}
