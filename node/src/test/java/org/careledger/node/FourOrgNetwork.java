package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.careledger.api.HealthView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.ReadSession;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.careledger.node.network.OrgSpec;

/**
 * The four orgs of {@link TestNetwork}, each running a node ordered by Raft (real RocksDB, TLS on loopback), started
 * and waited on the way the multi-node ITs need: one fixture instead of a copy in each. Clients it makes share one
 * {@link ReadSession}, so a read through any node sees the writes made before it through another; waits poll what
 * the nodes report (leader, health, height) with generous bounds, never a fixed sleep. Close it after the test
 * (nodes stop in reverse order of start).
 */
public final class FourOrgNetwork implements AutoCloseable {
    private static final Duration BOUND = Duration.ofSeconds(120);

    public final TestNetwork net;
    public final ReadSession session = new ReadSession();
    private final Map<String, NodeAssembly> nodes = new LinkedHashMap<>();

    private FourOrgNetwork(TestNetwork net) {
        this.net = net;
    }

    /** Four Raft nodes under {@code dir}/net, all started; no leader awaited yet ({@link #awaitLeader()}). */
    public static FourOrgNetwork start(Path dir) {
        return start(dir, (org, c) -> c);
    }

    /** As above, with each org's node.json changed by {@code configure} (given the Raft settings) before it starts. */
    public static FourOrgNetwork start(Path dir, BiFunction<String, NodeConfig, NodeConfig> configure) {
        return start(dir, TestNetwork.ORGS, configure);
    }

    /**
     * Raft nodes of other orgs than {@link TestNetwork#ORGS} ({@code OrgSpec} specs such as {@code sponsor-e} or
     * {@code health-dept=authority}), all started in the order given.
     */
    public static FourOrgNetwork start(Path dir, List<String> orgSpecs) {
        return start(dir, orgSpecs, (org, c) -> c);
    }

    private static FourOrgNetwork start(Path dir, List<String> orgSpecs, BiFunction<String, NodeConfig, NodeConfig> configure) {
        FourOrgNetwork f = new FourOrgNetwork(new TestNetwork(dir.resolve("net"), orgSpecs));
        List<String> orgs = orgSpecs.stream().map(s -> OrgSpec.parse(s).id()).toList();
        for (String org : orgs) {
            f.net.configure(org, c -> configure.apply(org, raft(c)));
        }
        try {
            for (String org : orgs) {
                f.start(org);
            }
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    private static NodeConfig raft(NodeConfig c) {
        return new NodeConfig(c.orgId(), c.genesisFile(), c.dataDir(), c.nodeKeyFile(), c.apiHost(), c.apiPort(),
                c.maxTxBytes(), c.maxBatchTxs(), c.batchLingerMillis(), c.tls(), NodeConfig.RAFT, c.anonymousPaths(),
                c.minFreeDiskBytes());
    }

    /** Starts (or restarts) an org's node from its directory. */
    public NodeAssembly start(String org) {
        NodeAssembly n = net.start(org);
        nodes.put(org, n);
        return n;
    }

    /** Stops an org's node; its directory stays. */
    public void stop(String org) {
        NodeAssembly n = nodes.remove(org);
        if (n != null) {
            n.close();
        }
    }

    public NodeAssembly node(String org) {
        NodeAssembly n = nodes.get(org);
        if (n == null) {
            throw new IllegalStateException(org + "'s node is not running");
        }
        return n;
    }

    /** The running nodes by org, in start order. */
    public Map<String, NodeAssembly> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    /** A client of {@code org}'s node in the shared read session, signing as {@code as} (null: anonymous). */
    public CareledgerClient client(String org, TxSigner as) {
        return new CareledgerClient(node(org).apiUrl(), session, net.trust(), as == null ? null : as.requestSigner());
    }

    /** An anonymous client of {@code org}'s node outside the read session (health, readiness, metrics). */
    public CareledgerClient anonymous(String org) {
        return new CareledgerClient(node(org).apiUrl(), null, net.trust(), null);
    }

    /** A new member of {@code org} with {@code role}, registered by its admin through its node and committed. */
    public TxSigner member(String org, String name, String role) {
        TestNetwork.Member m = net.member(org, name, role);
        SubmitResponse r = client(org, net.admin(org)).submit(net.register(net.admin(org), m), Wait.COMMIT);
        assertThat(r.valid()).as(r.code() + " " + r.errorCode() + " " + r.message()).isTrue();
        return new TxSigner(net.genesis.chainId(), m.id(), m.signer());
    }

    /** The node id of the Raft leader once a running node names one. */
    public String awaitLeader() {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            for (String org : nodes.keySet()) {
                String leader = anonymous(org).health().leader();
                if (leader != null && !leader.isEmpty()) {
                    return leader;
                }
            }
            pause();
        }
        throw new AssertionError("no Raft leader within " + BOUND.toSeconds() + " s");
    }

    /** Polls {@code org}'s health until it matches; fails with the last answer after the timeout. */
    public HealthView awaitHealth(String org, Predicate<HealthView> wanted, Duration timeout) {
        CareledgerClient c = anonymous(org);
        long deadline = System.nanoTime() + timeout.toNanos();
        HealthView last = null;
        while (System.nanoTime() < deadline) {
            last = c.health();
            if (wanted.test(last)) {
                return last;
            }
            pause();
        }
        throw new AssertionError(org + "'s health did not get there within " + timeout.toSeconds() + " s; last: "
                + last);
    }

    /** Waits until {@code org}'s node has applied {@code height}. */
    public void awaitHeight(String org, long height) {
        NodeAssembly n = node(org);
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (n.ledger().head().height() < height) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(org + " did not reach height " + height + " within " + BOUND.toSeconds()
                        + " s (at " + n.ledger().head().height() + ")");
            }
            pause();
        }
    }

    /**
     * Each writer org's admin registers members through its own node, one committed transaction at a time, until that
     * node's chain reaches {@code target} or {@code stop} (may be null) is set. A writer whose node is catching up
     * (NODE_CATCHING_UP) tries again; any other refusal fails the load.
     */
    public void load(List<String> writers, long target, AtomicBoolean stop) throws Exception {
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String org : writers) {
                TxSigner admin = net.admin(org);
                CareledgerClient c = client(org, admin);
                NodeAssembly n = node(org);
                running.add(pool.submit(() -> {
                    while ((stop == null || !stop.get()) && n.ledger().head().height() < target) {
                        try {
                            c.submit(net.register(admin, net.member(org, "m" + names.incrementAndGet(), "nurse")),
                                    Wait.COMMIT);
                        } catch (CareledgerException e) {
                            if (!e.code().equals("NODE_CATCHING_UP")) {
                                throw e;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20); // polling what a node reports, not waiting for a write
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        List<NodeAssembly> all = new ArrayList<>(nodes.values());
        nodes.clear();
        RuntimeException first = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
