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
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.api.BlockView;
import org.careledger.api.HealthView;
import org.careledger.api.TxView;
import org.careledger.client.auth.NodeTrust;
import org.careledger.client.auth.RequestSigner;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.network.NetworkLayout;

/**
 * A local network of real node processes for the fault tests: {@code network init} and {@code network up} through
 * the CLI, one JVM per org, and what those tests need around it — the live process of each org (from its pid file),
 * health polling, the leader, convergence, each node's chain as its API serves it, and a teardown that leaves no
 * process behind and keeps the node logs of a failed run.
 */
final class ProcessNetwork implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(120);

    final Path dir;
    final List<String> orgs;
    final NetworkLayout layout;
    final Genesis genesis;
    final List<String> urls;
    /** Every node process seen (from the pid files), so none outlives the test. */
    private final Set<ProcessHandle> nodeProcesses = ConcurrentHashMap.newKeySet();
    /** One HTTP client per node API for the whole run (polling must not open a client per call). */
    private final Map<String, CareledgerClient> api = new ConcurrentHashMap<>();
    private boolean down;

    /** {@code network init} into {@code dir}; call {@link #up()} to start the nodes. */
    ProcessNetwork(Path dir, List<String> orgs, String chainId) {
        this.dir = dir;
        this.orgs = List.copyOf(orgs);
        this.layout = new NetworkLayout(dir);
        int base = CliRunner.freeBasePort(orgs.size());
        CliRunner.Result init = CliRunner.run("network", "init", dir, "--orgs", String.join(",", orgs),
                "--base-port", base, "--chain-id", chainId);
        assertThat(init.exitCode()).as(init.all()).isZero();
        this.genesis = Genesis.read(layout.genesis());
        this.urls = genesis.orgs().stream().map(o -> o.node().apiUrl()).toList();
    }

    /** {@code network up}: starts every node that is not running and waits for a leader. */
    CliRunner.Result up() {
        CliRunner.Result up = CliRunner.run("network", "up", dir);
        rememberNodeProcesses();
        assertThat(up.exitCode()).as(up.all()).isZero();
        return up;
    }

    /** {@code network down}: stops every node; asserts each process exited. */
    CliRunner.Result down() {
        rememberNodeProcesses();
        CliRunner.Result down = CliRunner.run("network", "down", dir);
        assertThat(down.exitCode()).as(down.all()).isZero();
        assertThat(nodeProcesses).allSatisfy(p -> assertThat(exited(p)).as("process %d exited", p.pid()).isTrue());
        this.down = true;
        return down;
    }

    NodeTrust trust() {
        return NodeTrust.fromGenesis(layout.genesis());
    }

    /** One signer per org admin, in genesis order. */
    List<TxSigner> adminSigners() {
        return genesis.orgs().stream().map(o -> new TxSigner(genesis.chainId(), o.adminId(),
                KeyFiles.readSigner(layout.adminKey(o.id())))).toList();
    }

    String urlOf(String org) {
        return genesis.org(org).orElseThrow().node().apiUrl();
    }

    /** The live node process of each org, from its pid file. */
    Map<String, ProcessHandle> pids() {
        Map<String, ProcessHandle> out = new LinkedHashMap<>();
        for (String org : orgs) {
            pid(org).ifPresent(p -> out.put(org, p));
        }
        return out;
    }

    /** SIGKILL of an org's node process; returns once it is gone. */
    ProcessHandle kill(String org) {
        ProcessHandle victim = pid(org).orElseThrow(() -> new AssertionError("no live node process of " + org));
        assertThat(victim.destroyForcibly()).isTrue();
        await("the killed node of " + org + " to exit", () -> !victim.isAlive());
        return victim;
    }

    /** SIGTERM of an org's node process (a clean stop); returns once it is gone. */
    ProcessHandle stop(String org) {
        ProcessHandle p = pid(org).orElseThrow(() -> new AssertionError("no live node process of " + org));
        assertThat(p.destroy()).isTrue();
        assertThat(exited(p)).as("the node of %s stopped", org).isTrue();
        return p;
    }

    HealthView health(String url) {
        return client(url).health();
    }

    HealthView healthOrNull(String url) {
        try {
            return health(url);
        } catch (CareledgerException e) {
            return null;
        }
    }

    long heightOrZero(String url) {
        HealthView h = healthOrNull(url);
        return h == null ? 0 : h.height();
    }

    /** A node's API, pinned to the genesis node keys, called as the first org's admin. */
    CareledgerClient client(String url) {
        return api.computeIfAbsent(url, u -> {
            String org = orgs.getFirst();
            return new CareledgerClient(u, null, trust(),
                    new RequestSigner(org + "/admin", KeyFiles.readSigner(layout.adminKey(org))));
        });
    }

    /** Waits for one node that calls itself leader, other than {@code not}, whom every other live node follows. */
    String awaitLeader(String not) {
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
    void awaitConverged() {
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

    /** One node's chain as its API serves it. */
    record Chain(String url, List<String> blockHashes, List<String> txIds, Map<String, String> codes) {
        String head() {
            return blockHashes.get(blockHashes.size() - 1);
        }
    }

    Chain chain(String url) {
        CareledgerClient node = client(url);
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

    /**
     * One chain on every node, and each transaction the clients had acknowledged in it exactly once and VALID;
     * returns it.
     */
    Chain assertOneChainHolding(FailoverAnchorClients clients) {
        awaitConverged();
        List<Chain> chains = urls.parallelStream().map(this::chain).toList();
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
        return reference;
    }

    /** After {@link #down()}: {@code careledger verify} accepts every node's store, all at the reference head. */
    void assertEveryStoreVerifies(Chain reference) {
        CliRunner.Result verify = CliRunner.run("verify", dir);
        System.out.print(verify.out());
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        List<String> lines = verify.out().lines().filter(l -> l.contains(": verified ") && l.contains(" blocks"))
                .toList();
        assertThat(lines).hasSize(orgs.size());
        String expected = ": verified " + reference.blockHashes().size() + " blocks, " + reference.txIds().size()
                + " transactions, " + reference.blockHashes().size() + " certified (head "
                + reference.head().substring(0, 16) + "…)";
        assertThat(lines).allSatisfy(l -> assertThat(l).endsWith(expected));
    }

    static void await(String what, BooleanSupplier condition) {
        await(() -> what, condition);
    }

    static void await(Supplier<String> what, BooleanSupplier condition) {
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

    /** After a failure: every node's health, its log kept under target/ and its warnings printed. */
    void report(String testName) {
        for (GenesisOrg o : genesis.orgs()) {
            System.out.println("health of " + o.id() + ": " + healthOrNull(o.node().apiUrl()));
        }
        Path kept = Path.of("target", testName + "-logs");
        for (String org : orgs) {
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

    /** Stops every node (if {@link #down()} did not) and kills any process that outlived it. */
    @Override
    public void close() {
        rememberNodeProcesses();
        if (!down) {
            CliRunner.run("network", "down", dir);
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

    void rememberNodeProcesses() {
        nodeProcesses.addAll(pids().values());
    }
}
