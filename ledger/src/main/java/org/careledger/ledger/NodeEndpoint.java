package org.careledger.ledger;

/** Where an org's node listens: REST API and Raft (peer-to-peer) ports on a host. */
public record NodeEndpoint(String host, int apiPort, int raftPort) {
    public NodeEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("node host is required");
        }
        if (apiPort < 0 || apiPort > 65535 || raftPort < 0 || raftPort > 65535) {
            throw new IllegalArgumentException("ports must be 0..65535");
        }
    }

    /** The API URL: nodes serve HTTPS with their genesis node certificate (node.json {@code tls}, on by default). */
    public String apiUrl() {
        return "https://" + host + ":" + apiPort;
    }
}
