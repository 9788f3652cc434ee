package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.careledger.api.HealthView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.FailoverClient;
import org.careledger.client.ReadSession;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Raft node restarted hundreds of blocks behind says so (CATCHING_UP with its lag, readiness 503) and never makes a
 * writer wait while it applies them: a write through it is refused at once with NODE_CATCHING_UP, and a
 * FailoverClient that starts at it is acknowledged by another node. Once it caught up it is UP and ready again.
 *
 * <p>Before the change the node said UP throughout and each write through it took as long as applying the backlog.
 */
class LaggingNodeIT {
    private static final int BLOCKS_WHILE_DOWN = 400;
    /** What "never the long wait" means here: a refusal or an answer well under the seconds a backlog takes. */
    private static final Duration WRITE_BOUND = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    private final Map<String, NodeAssembly> nodes = new LinkedHashMap<>();
    private final ReadSession session = new ReadSession();
    private TestNetwork net;

    @AfterEach
    void stop() {
        List<NodeAssembly> all = new ArrayList<>(nodes.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
    }

    @Test
    void aRestartedNodeBehindSaysCatchingUpRefusesWritesAtOnceAndTurnsReadyOnceCaughtUp() throws Exception {
        net = new TestNetwork(dir.resolve("net"));
        for (String org : TestNetwork.ORGS) {
            net.configure(org, c -> new NodeConfig(c.orgId(), c.genesisFile(), c.dataDir(), c.nodeKeyFile(), c.apiHost(),
                    c.apiPort(), c.maxTxBytes(), c.maxBatchTxs(), c.batchLingerMillis(), c.tls(), NodeConfig.RAFT,
                    c.anonymousPaths()));
        }
        for (String org : TestNetwork.ORGS) {
            nodes.put(org, net.start(org));
        }
        String leader = awaitLeader();
        String lagger = TestNetwork.ORGS.stream().filter(o -> !(o + "/node").equals(leader)).findFirst().orElseThrow();
        awaitUp(lagger, Duration.ofSeconds(30));
        nodes.remove(lagger).close();

        // the others commit a few hundred blocks under load from three writers
        List<String> writers = TestNetwork.ORGS.stream().filter(o -> !o.equals(lagger)).toList();
        long target = nodes.get(writers.getFirst()).ledger().head().height() + BLOCKS_WHILE_DOWN;
        load(writers, target);
        long othersHeight = nodes.get(writers.getFirst()).ledger().head().height();

        NodeAssembly restarted = net.start(lagger);
        nodes.put(lagger, restarted);
        CareledgerClient anonymous = new CareledgerClient(restarted.apiUrl(), null, net.trust(), null);
        HealthView behind = awaitHealth(anonymous, h -> h.status().equals("CATCHING_UP") && h.lag() > 0
                && h.reason().contains("behind"), Duration.ofSeconds(30));
        assertThat(behind.ready()).isFalse();
        assertThat(behind.lag()).isGreaterThan(NodeHealth.LAG_THRESHOLD / 2);
        assertThat(behind.commitIndex()).isGreaterThan(behind.appliedIndex());
        assertThat(behind.height()).isLessThan(othersHeight);

        // readiness: 503 with a problem body a load balancer can act on
        var ready = anonymous.exchange("GET", "/v1/health/ready", null, null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.headers().firstValue("Retry-After")).isPresent();
        assertThat(new String(ready.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("NODE_CATCHING_UP");

        // a write through it: refused at once, never the wait for the backlog
        TxSigner admin = net.admin(lagger);
        CareledgerClient client = new CareledgerClient(restarted.apiUrl(), session, net.trust(), admin.requestSigner());
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.submit(net.register(admin, net.member(lagger, "dr-direct", "nurse")),
                Wait.COMMIT))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("NODE_CATCHING_UP"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WRITE_BOUND);

        // a FailoverClient that starts at the lagging node is acknowledged by another one, without waiting on it
        List<String> urls = new ArrayList<>();
        urls.add(restarted.apiUrl());
        writers.forEach(w -> urls.add(nodes.get(w).apiUrl()));
        FailoverClient failover = new FailoverClient(urls, session, net.trust(), admin.requestSigner(),
                Duration.ofSeconds(30));
        start = System.nanoTime();
        FailoverClient.Outcome o = failover.submit(net.register(admin, net.member(lagger, "dr-failover", "nurse")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WRITE_BOUND);
        assertThat(o.response().valid()).isTrue();
        assertThat(o.failovers()).containsExactly("NODE_CATCHING_UP");
        assertThat(o.acknowledgedBy()).isNotEqualTo(new CareledgerClient(restarted.apiUrl()).baseUrl());

        // once it applied the backlog it is UP and ready, and holds what was written meanwhile
        HealthView up = awaitHealth(anonymous, h -> h.status().equals("UP"), Duration.ofSeconds(120));
        assertThat(up.ready()).isTrue();
        assertThat(up.lag()).isLessThanOrEqualTo(NodeHealth.LAG_THRESHOLD);
        assertThat(anonymous.ready().status()).isEqualTo("UP");
        var headThere = new CareledgerClient(restarted.apiUrl(), session, net.trust(), admin.requestSigner()).head();
        assertThat(headThere.height()).isGreaterThanOrEqualTo(o.response().height()); // read through the session's min height
        SubmitResponse after = client.submit(net.register(admin, net.member(lagger, "dr-after", "nurse")),
                Wait.COMMIT);
        assertThat(after.valid()).isTrue();
    }

    /** Writers each submit to their own org's node, one transaction at a time, until the chain reaches {@code target}. */
    private void load(List<String> writers, long target) throws Exception {
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String org : writers) {
                TxSigner admin = net.admin(org);
                CareledgerClient c = new CareledgerClient(nodes.get(org).apiUrl(), session, net.trust(), admin.requestSigner());
                running.add(pool.submit(() -> {
                    while (nodes.get(org).ledger().head().height() < target) {
                        c.submit(net.register(admin, net.member(org, "m" + names.incrementAndGet(), "nurse")),
                                Wait.COMMIT);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String awaitLeader() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (NodeAssembly n : nodes.values()) {
                String leader = new CareledgerClient(n.apiUrl(), null, net.trust(), null).health().leader();
                if (leader != null && !leader.isEmpty()) {
                    return leader;
                }
            }
            pause();
        }
        throw new IllegalStateException("no Raft leader within 60 s");
    }

    private void awaitUp(String org, Duration timeout) {
        awaitHealth(new CareledgerClient(nodes.get(org).apiUrl(), null, net.trust(), null), h -> h.status().equals("UP"),
                timeout);
    }

    /** Polls a node's health until it matches; fails with the last answer after the timeout. */
    private static HealthView awaitHealth(CareledgerClient c, java.util.function.Predicate<HealthView> wanted,
                                          Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HealthView last = null;
        while (System.nanoTime() < deadline) {
            last = c.health();
            if (wanted.test(last)) {
                return last;
            }
            pause();
        }
        throw new AssertionError("health did not get there within " + timeout.toSeconds() + " s; last: " + last);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
