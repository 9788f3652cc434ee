package org.careledger.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.careledger.api.HealthView;
import org.careledger.client.CareledgerClient;
import org.careledger.client.auth.NodeTrust;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.NodeLogging;
import org.careledger.node.network.NetworkLayout;

/**
 * The nodes of a network dir run as child processes of this JVM's launcher: {@code java -jar careledger.jar node
 * start ORG_DIR}, logging to ORG_DIR/node.log (rolled over by the node), process output in ORG_DIR/node.out, pid in
 * ORG_DIR/node.pid.
 */
final class LocalNetwork {
    private final Path dir;
    private final Genesis genesis;
    private final NetworkLayout layout;

    private LocalNetwork(Path dir, Genesis genesis) {
        this.dir = dir;
        this.genesis = genesis;
        this.layout = new NetworkLayout(dir);
    }

    static LocalNetwork open(Path dir) {
        Path g = dir.resolve(Genesis.FILE_NAME);
        if (!Files.isRegularFile(g)) {
            throw new CareledgerException("NETWORK_NOT_FOUND", dir + " holds no network (no genesis.json); run 'careledger network init' first");
        }
        return new LocalNetwork(dir, Genesis.read(g));
    }

    Genesis genesis() {
        return genesis;
    }

    void up() {
        for (GenesisOrg org : genesis.orgs()) {
            if (running(org).isPresent()) {
                continue;
            }
            start(org);
        }
        awaitReady(Duration.ofSeconds(90));
    }

    void start(GenesisOrg org) {
        Path orgDir = layout.org(org.id());
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Xmx1g");
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        // the node writes ORG_DIR/node.log itself and rolls it over; the process's own output (the start line,
        // JVM errors) goes to node.out, which must not be node.log: a rename would leave it writing a rolled file
        cmd.add("-D" + NodeLogging.DIR_PROPERTY + "=" + orgDir.toAbsolutePath());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.add("node");
        cmd.add("start");
        cmd.add(orgDir.toAbsolutePath().toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(orgDir.resolve("node.out").toFile())).start();
            Files.writeString(layout.pidFile(org.id()), Long.toString(p.pid()));
        } catch (IOException e) {
            throw new CareledgerException("NODE_START_FAILED", "cannot start node " + org.id() + ": " + e.getMessage());
        }
    }

    Optional<ProcessHandle> running(GenesisOrg org) {
        Path pid = layout.pidFile(org.id());
        if (!Files.isRegularFile(pid)) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Waits until every node answers health and one reports itself leader (or local). */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            int up = 0;
            boolean leader = false;
            for (GenesisOrg org : genesis.orgs()) {
                try {
                    HealthView h = anonymous(org).health();
                    up++;
                    leader |= h.leader() != null && !h.leader().isEmpty();
                } catch (CareledgerException e) {
                    if (running(org).isEmpty()) {
                        throw new CareledgerException("NODE_START_FAILED", "node " + org.id() + " exited; see "
                                + layout.logFile(org.id()));
                    }
                }
            }
            if (up == genesis.orgs().size() && leader) {
                return;
            }
            sleep(300);
        }
        throw new CareledgerException("NETWORK_NOT_READY", "nodes did not become ready within " + timeout.toSeconds()
                + " s; see the node.log and node.out files under " + dir);
    }

    int down() {
        int n = 0;
        for (GenesisOrg org : genesis.orgs()) {
            Optional<ProcessHandle> p = running(org);
            if (p.isPresent()) {
                p.get().destroy();
                try {
                    p.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.get().destroyForcibly();
                }
                n++;
            }
            try {
                Files.deleteIfExists(layout.pidFile(org.id()));
            } catch (IOException e) {
                // stale pid file: harmless, running() checks liveness
            }
        }
        return n;
    }

    void printTable(PrintStream out) {
        out.printf("%-16s %-10s %-8s %-28s %s%n", "NODE", "ROLE", "HEIGHT", "API", "LOG");
        for (GenesisOrg org : genesis.orgs()) {
            String role = "down";
            String height = "-";
            try {
                HealthView h = anonymous(org).health();
                role = h.role();
                height = Long.toString(h.height());
            } catch (CareledgerException e) {
                // shown as down
            }
            out.printf("%-16s %-10s %-8s %-28s %s%n", org.nodeId(), role, height, org.node().apiUrl(), layout.logFile(org.id()));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CareledgerException("INTERRUPTED", "interrupted");
        }
    }

    /** Health needs no signature, but the node's certificate is still checked against genesis. */
    private CareledgerClient anonymous(GenesisOrg o) {
        return new CareledgerClient(o.node().apiUrl(), null, NodeTrust.fromGenesis(layout.genesis()), null);
    }
}
