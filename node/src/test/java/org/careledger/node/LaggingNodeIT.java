package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.careledger.api.HealthView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.FailoverClient;
import org.careledger.client.ReadSession;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.AutoClose;
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
    @AutoClose // after the test, which starts it
    private FourOrgNetwork four;

    @Test
    void aRestartedNodeBehindSaysCatchingUpRefusesWritesAtOnceAndTurnsReadyOnceCaughtUp() throws Exception {
        four = FourOrgNetwork.start(dir);
        TestNetwork net = four.net;
        ReadSession session = four.session;
        String leader = four.awaitLeader();
        String lagger = TestNetwork.ORGS.stream().filter(o -> !(o + "/node").equals(leader)).findFirst().orElseThrow();
        four.awaitHealth(lagger, h -> h.status().equals("UP"), Duration.ofSeconds(30));
        four.stop(lagger);

        // the others commit a few hundred blocks under load from three writers
        List<String> writers = TestNetwork.ORGS.stream().filter(o -> !o.equals(lagger)).toList();
        long target = four.node(writers.getFirst()).ledger().head().height() + BLOCKS_WHILE_DOWN;
        four.load(writers, target, null);
        long othersHeight = four.node(writers.getFirst()).ledger().head().height();

        NodeAssembly restarted = four.start(lagger);
        CareledgerClient anonymous = four.anonymous(lagger);
        HealthView behind = four.awaitHealth(lagger, h -> h.status().equals("CATCHING_UP") && h.lag() > 0
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
        writers.forEach(w -> urls.add(four.node(w).apiUrl()));
        FailoverClient failover = new FailoverClient(urls, session, net.trust(), admin.requestSigner(),
                Duration.ofSeconds(30));
        start = System.nanoTime();
        FailoverClient.Outcome o = failover.submit(net.register(admin, net.member(lagger, "dr-failover", "nurse")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WRITE_BOUND);
        assertThat(o.response().valid()).isTrue();
        assertThat(o.failovers()).containsExactly("NODE_CATCHING_UP");
        assertThat(o.acknowledgedBy()).isNotEqualTo(new CareledgerClient(restarted.apiUrl()).baseUrl());

        // once it applied the backlog it is UP and ready, and holds what was written meanwhile
        HealthView up = four.awaitHealth(lagger, h -> h.status().equals("UP"), Duration.ofSeconds(120));
        assertThat(up.ready()).isTrue();
        assertThat(up.lag()).isLessThanOrEqualTo(NodeHealth.LAG_THRESHOLD);
        assertThat(anonymous.ready().status()).isEqualTo("UP");
        var headThere = new CareledgerClient(restarted.apiUrl(), session, net.trust(), admin.requestSigner()).head();
        assertThat(headThere.height()).isGreaterThanOrEqualTo(o.response().height()); // read through the session's min height
        SubmitResponse after = client.submit(net.register(admin, net.member(lagger, "dr-after", "nurse")),
                Wait.COMMIT);
        assertThat(after.valid()).isTrue();
    }
}
