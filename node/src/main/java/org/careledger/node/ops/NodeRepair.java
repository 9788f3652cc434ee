package org.careledger.node.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.NodeConfig;
import org.careledger.node.NodeFiles;
import org.careledger.storage.LedgerStore;

/**
 * {@code careledger repair NODE_DIR}: the runbook for a damaged store or Raft log (docs/OPERATIONS.md) in one step.
 * With the node stopped, it checks the files a re-sync needs (node.json, genesis, node key, org encryption key, as
 * {@code careledger verify} does) and then moves the store ({@code data/}) and the Raft directory ({@code raft/})
 * into {@code NODE_DIR/quarantine-<UTC time>/} — nothing is deleted. The read log ({@code reads/}) stays: no peer
 * holds it. Started again, the node is a fresh Raft member with an empty store and re-syncs from its peers: the
 * leader sends the log entries it still has, or the node fetches the blocks and checks each against its quorum
 * certificate.
 */
public final class NodeRepair {
    static final String QUARANTINE_PREFIX = "quarantine-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** What was checked, what moved where. */
    public record Result(Path nodeDir, String org, NodeFiles.Report files, Path quarantine, List<String> moved) {}

    private NodeRepair() {}

    public static Result repair(Path nodeDir) {
        nodeDir = nodeDir.toAbsolutePath().normalize();
        // the files the re-sync needs must be right first: moving the store of a node that cannot start helps nobody
        NodeFiles.Report files = NodeFiles.verify(nodeDir);
        NodeConfig config = NodeConfig.read(nodeDir);
        requireStopped(nodeDir, config);
        Path quarantine = nodeDir.resolve(QUARANTINE_PREFIX + STAMP.format(Instant.now()));
        List<String> moved = new ArrayList<>();
        try {
            for (String name : List.of(config.dataDir(), "raft")) {
                Path p = nodeDir.resolve(name);
                if (Files.exists(p)) {
                    Path target = quarantine.resolve(nodeDir.relativize(p).toString());
                    Files.createDirectories(target.getParent());
                    Files.move(p, target);
                    moved.add(name);
                }
            }
            OpsFiles.sync(nodeDir);
        } catch (IOException e) {
            throw new CareledgerException("REPAIR_FAILED", "cannot move the store and Raft log of " + nodeDir
                    + " aside: " + e + (moved.isEmpty() ? "" : "; moved so far " + moved + " into " + quarantine));
        }
        return new Result(nodeDir, config.orgId(), files, moved.isEmpty() ? null : quarantine, List.copyOf(moved));
    }

    /**
     * A running node holds its store's lock and its API port; either means: stop it first ({@code NODE_RUNNING}).
     * A store too damaged to open is what repair is for, so only the lock counts.
     */
    private static void requireStopped(Path nodeDir, NodeConfig config) {
        Path store = nodeDir.resolve(config.dataDir());
        if (Files.isRegularFile(store.resolve("CURRENT"))) {
            try {
                LedgerStore.open(store).close(); // RocksDB locks the store of a running node
            } catch (CareledgerException e) {
                if (e.code().equals("STORE_LOCKED")) {
                    throw new CareledgerException("NODE_RUNNING", "the node using " + store + " is running; stop it"
                            + " before repairing (careledger network down, or its supervisor)");
                }
            }
        }
        int port = apiPort(nodeDir, config);
        if (port > 0 && listening(config.apiHost(), port)) {
            throw new CareledgerException("NODE_RUNNING", "something listens on the API port " + port + " of "
                    + config.orgId() + " (" + config.apiHost() + "); stop the node before repairing");
        }
    }

    private static int apiPort(Path nodeDir, NodeConfig config) {
        if (config.apiPort() > 0) {
            return config.apiPort();
        }
        Genesis genesis = Genesis.read(nodeDir.resolve(config.genesisFile()));
        GenesisOrg org = genesis.org(config.orgId()).orElse(null);
        return org == null || org.node() == null ? 0 : org.node().apiPort();
    }

    private static boolean listening(String host, int port) {
        String h = host == null || host.equals("0.0.0.0") ? "127.0.0.1" : host;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(h, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
