package org.careledger.node.network;

import java.nio.file.Path;

/**
 * Where things live in a network directory made by {@code careledger network init}:
 * <pre>
 * NET/genesis.json                 the consortium's genesis (copied into each node dir)
 * NET/ORG/node.json                node settings (ports, paths)
 * NET/ORG/genesis.json
 * NET/ORG/ca/ca.pem, ca.key        the org's CA (in production keep ca.key offline)
 * NET/ORG/admin/admin.pem, .key    the org admin's identity (signs membership txs)
 * NET/ORG/node/node.pem, .key      the node's identity (signs blocks, TLS between nodes)
 * NET/ORG/org/encryption.key       the org's X25519 key that record data keys are wrapped for
 * NET/ORG/data/                    the node's RocksDB store
 * NET/ORG/raft/                    the node's Raft log and snapshots
 * </pre>
 * Key files are created with mode 0600.
 */
public record NetworkLayout(Path root) {
    public Path genesis() {
        return root.resolve("genesis.json");
    }

    public Path org(String org) {
        return root.resolve(org);
    }

    public Path caCert(String org) {
        return org(org).resolve("ca/ca.pem");
    }

    public Path caKey(String org) {
        return org(org).resolve("ca/ca.key");
    }

    public Path adminCert(String org) {
        return org(org).resolve("admin/admin.pem");
    }

    public Path adminKey(String org) {
        return org(org).resolve("admin/admin.key");
    }

    public Path nodeCert(String org) {
        return org(org).resolve("node/node.pem");
    }

    public Path nodeKey(String org) {
        return org(org).resolve("node/node.key");
    }

    public Path orgEncryptionKey(String org) {
        return org(org).resolve("org/encryption.key");
    }

    public Path pidFile(String org) {
        return org(org).resolve("node.pid");
    }

    public Path logFile(String org) {
        return org(org).resolve("node.log");
    }
}
