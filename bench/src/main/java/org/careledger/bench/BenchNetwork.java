package org.careledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.careledger.client.CareledgerClient;
import org.careledger.core.json.CanonicalJson;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;

/**
 * A throw-away network of 1 to 4 real nodes in this JVM (RocksDB, HTTPS on loopback; Raft with TLS from 2 nodes,
 * local ordering for 1), with one admin client per node, ready for writes. Closing it stops the nodes and deletes
 * their directory.
 */
record BenchNetwork(Path dir, Genesis genesis, NetworkLayout layout, List<NodeAssembly> nodes,
                    List<CareledgerClient> clients) implements AutoCloseable {
    static final List<String> ORGS = List.of("hospital-a", "hospital-b", "pharmacy-c", "insurer-d");

    /** @param lingerMillis the nodes' block linger in ms (node.json batchLingerMillis), or -1 for the default */
    static BenchNetwork start(String chainId, int nodeCount, int basePort, int lingerMillis) throws Exception {
        if (nodeCount < 1 || nodeCount > ORGS.size()) {
            throw new IllegalArgumentException("a bench network has 1 to " + ORGS.size() + " nodes");
        }
        Path dir = Files.createTempDirectory("careledger-bench-");
        List<NodeAssembly> nodes = new ArrayList<>();
        try {
            List<OrgSpec> orgs = ORGS.subList(0, nodeCount).stream().map(OrgSpec::parse).toList();
            Genesis genesis = new NetworkInitializer().init(dir, new NetworkInitializer.Options(chainId, orgs,
                    "127.0.0.1", basePort, true, nodeCount == 1 ? NodeConfig.LOCAL : NodeConfig.RAFT));
            NetworkLayout layout = new NetworkLayout(dir);
            if (lingerMillis >= 0) {
                for (GenesisOrg g : genesis.orgs()) {
                    setLinger(layout.org(g.id()), lingerMillis);
                }
            }
            for (GenesisOrg org : genesis.orgs()) {
                nodes.add(NodeAssembly.start(layout.org(org.id())));
            }
            List<CareledgerClient> clients = nodes.stream().map(n -> LoadGenerator.adminClient(layout, n)).toList();
            LoadGenerator.awaitReady(clients);
            return new BenchNetwork(dir, genesis, layout, List.copyOf(nodes), clients);
        } catch (Exception | Error e) {
            nodes.forEach(NodeAssembly::close);
            LoadGenerator.deleteRecursively(dir);
            throw e;
        }
    }

    /** How long an orderer waits for more transactions before it proposes a batch. */
    private static void setLinger(Path orgDir, int lingerMillis) throws IOException {
        NodeConfig c = NodeConfig.read(orgDir);
        Files.write(orgDir.resolve(NodeConfig.FILE_NAME), CanonicalJson.encode(new NodeConfig(c.orgId(), c.genesisFile(),
                c.dataDir(), c.nodeKeyFile(), c.apiHost(), c.apiPort(), c.maxTxBytes(), c.maxBatchTxs(),
                lingerMillis, c.tls(), c.ordering(), c.anonymousPaths())));
    }

    /** Bytes on disk of one node's directory (store, Raft log, read log, keys). */
    long bytesOnDisk(int node) {
        Path org = layout.org(genesis.orgs().get(node).id());
        try (Stream<Path> files = Files.walk(org)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException gone) { // a compaction removed it while we walked
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (NodeAssembly n : nodes) {
            n.close();
        }
        LoadGenerator.deleteRecursively(dir);
    }
}
