package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.careledger.api.BlockView;
import org.careledger.api.HealthView;
import org.careledger.api.TxView;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.client.auth.NodeTrust;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.network.NetworkLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network init}, {@code network up} and {@code network down} with real node processes: four org nodes (one
 * JVM each, Raft over mutual TLS and HTTP on loopback) take signed notary transactions from clients that fail over
 * between nodes; the Raft leader's process is killed with SIGKILL mid-load and brought back with {@code network up}.
 * Every acknowledged transaction must be in the chain exactly once, at the same position on every node, and
 * {@code careledger verify} must accept every node's store.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NetworkProcessIT {
    private static final List<String> ORGS = List.of("hospital-a", "hospital-b", "pharmacy-c", "insurer-d");
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;
    private Path net;
    private NetworkLayout layout;
    private FailoverAnchorClients clients;
    /** Every node process this test saw (from the pid files), so none outlives it. */
    private final Set<ProcessHandle> nodeProcesses = ConcurrentHashMap.newKeySet();
    /** One HTTP client per node API for the whole run (polling must not open a client per call). */
    private final Map<String, CareledgerClient> api = new ConcurrentHashMap<>();
    private final long t0 = System.nanoTime();

    @AfterEach
    void stopEverything() {
        if (clients != null) {
            clients.abort();
        }
        if (net != null) {
            rememberNodeProcesses();
            CliRunner.run("network", "down", net);
        }
        for (ProcessHandle p : nodeProcesses) {
            if (p.isAlive()) {
                System.out.println("teardown: node process " + p.pid() + " still alive; killing it");
                p.destroyForcibly();
            }
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("teardown: node process " + p.pid() + " did not exit: " + e);
            }
        }
        System.out.printf("NetworkProcessIT total %.1f s%n", secs());
    }

    @Test
    void killedLeaderProcessLosesNoAcknowledgedTransactionAndEveryNodeVerifies() {
        try {
            scenario();
        } catch (Throwable t) {
            if (layout != null) {
                Genesis g = Genesis.read(layout.genesis());
                g.orgs().forEach(o -> System.out.println("health of " + o.id() + ": " + healthOrNull(o.node().apiUrl())));
            }
            keepNodeLogs();
            throw t;
        }
    }

    private void scenario() {
        // 1. init + up: four child JVMs, one per org
        net = tmp.resolve("net");
        layout = new NetworkLayout(net);
        int base = CliRunner.freeBasePort(ORGS.size());
        CliRunner.Result init = CliRunner.run("network", "init", net, "--orgs", String.join(",", ORGS),
                "--base-port", base, "--chain-id", "careledger-process-it");
        assertThat(init.exitCode()).as(init.all()).isZero();
        Genesis genesis = Genesis.read(layout.genesis());
        List<String> urls = genesis.orgs().stream().map(o -> o.node().apiUrl()).toList();

        CliRunner.Result up = CliRunner.run("network", "up", net);
        rememberNodeProcesses();
        assertThat(up.exitCode()).as(up.all()).isZero();
        Map<String, ProcessHandle> firstPids = pids();
        assertThat(firstPids).as("a live node process per org").hasSize(ORGS.size());
        assertThat(firstPids.values()).allSatisfy(p ->
                assertThat(p.pid()).as("nodes run in their own JVMs").isNotEqualTo(ProcessHandle.current().pid()));
        for (GenesisOrg o : genesis.orgs()) {
            assertThat(up.out()).contains(o.nodeId()).contains(o.node().apiUrl());
        }
        String leader = awaitLeader(urls, null);
        System.out.printf("network up, leader %s, after %.1f s%n", leader, secs());

        // 2. every org admin anchors documents through its own node, failing over to the others
        List<TxSigner> signers = genesis.orgs().stream().map(o -> new TxSigner(genesis.chainId(), o.adminId(),
                KeyFiles.readSigner(layout.adminKey(o.id())))).toList();
        // a steady trickle rather than flat out: every tx is a block that all four JVMs sign and the restarted one
        // must re-execute, on two shared cores
        clients = new FailoverAnchorClients(urls, NodeTrust.fromGenesis(layout.genesis()), signers, Duration.ofMillis(250));
        awaitAcked(30);

        // 3. SIGKILL the leader's process while the clients submit
        ProcessHandle victim = firstPids.get(leader);
        int ackedAtKill = clients.ackedCount();
        long heightAtKill = health(urlOf(genesis, leader)).height();
        assertThat(victim.destroyForcibly()).isTrue();
        await("the killed leader's process to exit", () -> !victim.isAlive());
        System.out.printf("killed leader %s (pid %d) at height %d with %d acknowledged, after %.1f s%n", leader,
                victim.pid(), heightAtKill, ackedAtKill, secs());
        String newLeader = awaitLeader(urls, leader);
        assertThat(newLeader).isNotEqualTo(leader);
        awaitAcked(ackedAtKill + 40);
        System.out.printf("new leader %s; %d acknowledged after the kill, after %.1f s%n", newLeader,
                clients.ackedCount() - ackedAtKill, secs());

        // 4. `network up` again starts only the node that is not running; it catches up under load
        CliRunner.Result again = CliRunner.run("network", "up", net);
        rememberNodeProcesses();
        System.out.printf("network up again returned after %.1f s%n", secs());
        assertThat(again.exitCode()).as(again.all()).isZero();
        Map<String, ProcessHandle> secondPids = pids();
        assertThat(secondPids).hasSize(ORGS.size());
        assertThat(secondPids.get(leader).pid()).as("the killed node runs again, in a new process")
                .isNotEqualTo(victim.pid());
        for (String org : ORGS) {
            if (!org.equals(leader)) {
                assertThat(secondPids.get(org).pid()).as("%s was left running", org).isEqualTo(firstPids.get(org).pid());
            }
        }
        String restartedUrl = urlOf(genesis, leader);
        long target = urls.stream().filter(u -> !u.equals(restartedUrl)).mapToLong(u -> health(u).height()).max()
                .orElseThrow();
        await("the restarted node to reach height " + target, () -> heightOrZero(restartedUrl) >= target);
        int ackedAtCatchUp = clients.ackedCount();
        awaitAcked(ackedAtCatchUp + 15);
        clients.close();
        System.out.printf("restarted %s caught up to %d; load stopped: %s, after %.1f s%n", leader, target,
                clients.summary(), secs());

        assertThat(clients.errors).as("answers no client should get").isEmpty();
        assertThat(clients.failovers.get()).as("clients failed over").isPositive();
        assertThat(clients.ackedElsewhere.get()).as("txs acknowledged by a node other than the client's own").isPositive();

        // 5. one chain: the same blocks on every node, each acknowledged tx in it once
        awaitConverged(urls);
        System.out.printf("converged after %.1f s%n", secs());
        List<Chain> chains = urls.parallelStream().map(this::chain).toList();
        System.out.printf("chains fetched after %.1f s%n", secs());
        Chain reference = chains.get(0);
        for (Chain c : chains) {
            assertThat(c.blockHashes()).as("block hashes on %s", c.url()).isEqualTo(reference.blockHashes());
            assertThat(c.txIds()).as("tx order on %s", c.url()).isEqualTo(reference.txIds());
        }
        Map<String, Integer> occurrences = new HashMap<>();
        reference.txIds().forEach(id -> occurrences.merge(id, 1, Integer::sum));
        Set<String> missing = new TreeSet<>(clients.acked.keySet());
        missing.removeAll(occurrences.keySet());
        assertThat(missing).as("acknowledged txs missing from the chain").isEmpty();
        assertThat(occurrences.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("txs in the chain more than once").isEmpty();
        assertThat(clients.acked.keySet()).allSatisfy(id -> assertThat(reference.codes().get(id))
                .as("validation code of acknowledged tx %s", id).isEqualTo("VALID"));
        assertThat(occurrences.keySet()).as("only txs these clients sent").isSubsetOf(clients.submitted);

        // network down stops all four processes; verify re-derives every store from genesis
        CliRunner.Result down = CliRunner.run("network", "down", net);
        assertThat(down.exitCode()).as(down.all()).isZero();
        assertThat(down.out()).contains("stopped " + ORGS.size() + " node(s)");
        assertThat(nodeProcesses).allSatisfy(p -> assertThat(exited(p)).as("process %d exited", p.pid()).isTrue());
        for (String org : ORGS) {
            assertThat(layout.pidFile(org)).doesNotExist();
        }
        System.out.printf("network down after %.1f s%n", secs());
        CliRunner.Result verify = CliRunner.run("verify", net);
        System.out.print(verify.out());
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        List<String> lines = verify.out().lines().filter(l -> l.contains(": verified ") && l.contains(" blocks"))
                .toList();
        assertThat(lines).hasSize(ORGS.size());
        String expected = ": verified " + reference.blockHashes().size() + " blocks, " + reference.txIds().size()
                + " transactions, " + reference.blockHashes().size() + " certified (head "
                + reference.head().substring(0, 16) + "…)";
        assertThat(lines).allSatisfy(l -> assertThat(l).endsWith(expected));
        System.out.printf("%d blocks, %d txs, every node verified, after %.1f s%n", reference.blockHashes().size(),
                reference.txIds().size(), secs());
    }

    /** One node's chain as its API serves it. */
    private record Chain(String url, List<String> blockHashes, List<String> txIds, Map<String, String> codes) {
        String head() {
            return blockHashes.get(blockHashes.size() - 1);
        }
    }

    private Chain chain(String url) {
        CareledgerClient node = api.computeIfAbsent(url, this::client);
        long height = node.head().height();
        List<String> hashes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Map<String, String> codes = new HashMap<>();
        for (long h = 1; h <= height; h++) {
            BlockView b = node.block(h);
            assertThat(b.header().height()).isEqualTo(h);
            hashes.add(b.header().hash());
            for (TxView t : b.txs()) {
                ids.add(t.txId());
                codes.putIfAbsent(t.txId(), t.code());
            }
        }
        return new Chain(url, hashes, ids, codes);
    }

    /** Waits for one node that calls itself leader, other than {@code not}, whom every other live node follows. */
    private String awaitLeader(List<String> urls, String not) {
        String[] found = new String[1];
        await("a Raft leader" + (not == null ? "" : " other than " + not), () -> {
            List<HealthView> live = urls.stream().map(this::healthOrNull).filter(h -> h != null).toList();
            Optional<HealthView> self = live.stream().filter(h -> "leader".equals(h.role())).findFirst();
            if (self.isEmpty() || live.size() < 3) {
                return false;
            }
            String id = self.get().nodeId();
            boolean followed = live.stream().allMatch(h -> id.equals(h.leader()));
            found[0] = id.substring(0, id.indexOf('/'));
            return followed && !found[0].equals(not);
        });
        return found[0];
    }

    /** Every node at the same height and head, and every block certified final. */
    private void awaitConverged(List<String> urls) {
        List<HealthView> seen = new CopyOnWriteArrayList<>();
        await(() -> "every node at one certified head; last seen " + seen, () -> {
            List<HealthView> hs = urls.stream().map(this::healthOrNull).toList();
            seen.clear();
            hs.forEach(h -> seen.add(h == null ? new HealthView("DOWN", null, null, -1, "", "", "", -1) : h));
            if (hs.contains(null)) {
                return false;
            }
            HealthView first = hs.get(0);
            return hs.stream().allMatch(h -> h.height() == first.height() && h.headHash().equals(first.headHash())
                    && h.finalHeight() == h.height());
        });
    }

    private void awaitAcked(int count) {
        await(() -> count + " acknowledged txs (" + clients.summary() + ")", () -> clients.ackedCount() >= count
                || !clients.errors.isEmpty());
        assertThat(clients.errors).as("answers no client should get").isEmpty();
    }

    private static void await(String what, BooleanSupplier condition) {
        await(() -> what, condition);
    }

    private static void await(Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what.get());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what.get());
            }
        }
    }

    private HealthView health(String url) {
        return api.computeIfAbsent(url, this::client).health();
    }

    /** A node's API, pinned to the genesis node keys, called as the first org's admin. */
    private CareledgerClient client(String url) {
        String org = ORGS.getFirst();
        return new CareledgerClient(url, null, NodeTrust.fromGenesis(layout.genesis()),
                new org.careledger.client.auth.RequestSigner(org + "/admin", KeyFiles.readSigner(layout.adminKey(org))));
    }

    private HealthView healthOrNull(String url) {
        try {
            return health(url);
        } catch (CareledgerException e) {
            return null;
        }
    }

    private long heightOrZero(String url) {
        HealthView h = healthOrNull(url);
        return h == null ? 0 : h.height();
    }

    private static String urlOf(Genesis genesis, String org) {
        return genesis.org(org).orElseThrow().node().apiUrl();
    }

    /** The live node process of each org, from its pid file. */
    private Map<String, ProcessHandle> pids() {
        Map<String, ProcessHandle> out = new LinkedHashMap<>();
        for (String org : ORGS) {
            pid(org).ifPresent(p -> out.put(org, p));
        }
        return out;
    }

    private Optional<ProcessHandle> pid(String org) {
        try {
            Path file = layout.pidFile(org);
            return Files.isRegularFile(file)
                    ? ProcessHandle.of(Long.parseLong(Files.readString(file).trim())).filter(ProcessHandle::isAlive)
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean exited(ProcessHandle p) {
        try {
            p.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private void rememberNodeProcesses() {
        if (layout != null) {
            nodeProcesses.addAll(pids().values());
        }
    }

    /** After a failure: the node logs go to target/ (the temp dir is deleted), their warnings to the output. */
    private void keepNodeLogs() {
        if (layout == null) {
            return;
        }
        Path kept = Path.of("target", "network-process-it-logs");
        for (String org : ORGS) {
            Path log = layout.logFile(org);
            try {
                if (!Files.isRegularFile(log)) {
                    continue;
                }
                Files.createDirectories(kept);
                Files.copy(log, kept.resolve(org + ".log"), StandardCopyOption.REPLACE_EXISTING);
                System.out.println("---- warnings in " + log + " (whole log kept in " + kept.toAbsolutePath() + ") ----");
                Files.readAllLines(log).stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                        .limit(60).forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("cannot keep " + log + ": " + e.getMessage());
            }
        }
    }

    private double secs() {
        return (System.nanoTime() - t0) / 1e9;
    }
}
