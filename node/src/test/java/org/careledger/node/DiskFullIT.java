package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.careledger.api.HealthView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.FailoverClient;
import org.careledger.client.ReadSession;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.careledger.core.proto.TxEnvelope;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose disk is below its free-space floor says DISK_FULL (not ready, naming the directory and the bytes),
 * refuses every write at once with 507 NODE_DISK_FULL so nothing it was sent commits, keeps serving reads, and a
 * FailoverClient that starts at it is acknowledged by another node. With the floor lowered it takes writes again.
 *
 * <p>No root needed: the floor is set through node.json above the size of the real disk, so the real free-space
 * query answers "below". The recovery without a restart (space coming back) is {@link DiskGuardTest}'s.
 */
class DiskFullIT {
    private static final String FULL = "pharmacy-c";

    @TempDir
    Path dir;
    @AutoClose // after the test, which starts it
    private FourOrgNetwork four;

    @Test
    void aNodeBelowItsFreeSpaceFloorRefusesEveryWriteServesReadsAndTakesWritesOnceTheFloorIsMet() throws Exception {
        long beyondTheDisk = 2 * Files.getFileStore(dir).getTotalSpace() + 1;
        four = FourOrgNetwork.start(dir, (org, c) -> org.equals(FULL) ? c.withMinFreeDiskBytes(beyondTheDisk) : c);
        TestNetwork net = four.net;
        ReadSession session = four.session;
        Map<String, NodeAssembly> nodes = four.nodes();
        CareledgerClient anonymous = four.anonymous(FULL);
        HealthView full = four.awaitHealth(FULL, h -> h.status().equals("DISK_FULL"), Duration.ofSeconds(30));
        assertThat(full.ready()).isFalse();
        assertThat(full.reason()).contains(FULL).contains("bytes free").contains(Long.toString(beyondTheDisk))
                .contains("minFreeDiskBytes");

        // readiness: 507 with Retry-After and the code, for a load balancer
        var ready = anonymous.exchange("GET", "/v1/health/ready", null, null);
        assertThat(ready.statusCode()).isEqualTo(507);
        assertThat(ready.headers().firstValue("Retry-After")).hasValue(Integer.toString(DiskGuard.RETRY_SECONDS));
        assertThat(new String(ready.body(), StandardCharsets.UTF_8)).contains("NODE_DISK_FULL");
        // the metric a scraper alerts on
        String metrics = new String(anonymous.exchange("GET", "/metrics", null, null).body(), StandardCharsets.UTF_8);
        assertThat(metrics).contains("careledger_disk_free_bytes{dir=\"data\"").contains("dir=\"raft\"")
                .contains("dir=\"reads\"");

        // every submission route refuses at once, whatever it waits for
        TxSigner admin = net.admin(FULL);
        CareledgerClient client = four.client(FULL, admin);
        List<TxEnvelope> refused = new ArrayList<>();
        for (Wait wait : List.of(Wait.COMMIT, Wait.NONE)) {
            TxEnvelope tx = net.register(admin, net.member(FULL, "dr-" + wait.name().toLowerCase(), "nurse"));
            refused.add(tx);
            var answer = client.exchange("POST", "/v1/txs?wait=" + wait.name().toLowerCase(), "application/x-protobuf",
                    tx.toByteArray());
            assertThat(answer.statusCode()).isEqualTo(507);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("NODE_DISK_FULL");
        }
        TxEnvelope batched = net.register(admin, net.member(FULL, "dr-batch", "nurse"));
        refused.add(batched);
        assertThatThrownBy(() -> client.submitBatch(List.of(batched), Wait.COMMIT))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("NODE_DISK_FULL"));
        TxEnvelope withBlob = net.register(admin, net.member(FULL, "dr-blob", "nurse"));
        refused.add(withBlob);
        assertThatThrownBy(() -> client.submitWithBlobs(withBlob, List.of(), Wait.NONE))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("NODE_DISK_FULL"));

        // a FailoverClient that starts at the full node is acknowledged by another one (once the others heard from a
        // leader: right after start they say CATCHING_UP, which would be a failover of its own)
        for (String org : TestNetwork.ORGS) {
            if (!org.equals(FULL)) {
                four.awaitHealth(org, h -> h.status().equals("UP"), Duration.ofSeconds(60));
            }
        }
        List<String> urls = new ArrayList<>();
        urls.add(nodes.get(FULL).apiUrl());
        TestNetwork.ORGS.stream().filter(o -> !o.equals(FULL)).forEach(o -> urls.add(nodes.get(o).apiUrl()));
        FailoverClient failover = new FailoverClient(urls, session, net.trust(), admin.requestSigner(),
                Duration.ofSeconds(30));
        FailoverClient.Outcome o = failover.submit(net.register(admin, net.member(FULL, "dr-failover", "nurse")));
        assertThat(o.response().valid()).isTrue();
        assertThat(o.failovers()).containsExactly("NODE_DISK_FULL");
        assertThat(o.acknowledgedBy()).isNotEqualTo(client.baseUrl());

        // reads keep working on the full node (through the session, at least the height just acknowledged)
        assertThat(client.head().height()).isGreaterThanOrEqualTo(o.response().height());
        // nothing it refused was ordered: read at the later block's height (the session), no node has those transactions
        for (TxEnvelope tx : refused) {
            for (NodeAssembly n : nodes.values()) {
                assertThatThrownBy(() -> new CareledgerClient(n.apiUrl(), session, net.trust(), admin.requestSigner())
                        .tx(TxSigner.txId(tx).hex()))
                        .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("TX_NOT_FOUND"));
            }
        }

        // the operator lowers the floor (in production: frees space) and restarts it: ready, takes writes again
        four.stop(FULL);
        net.configure(FULL, c -> c.withMinFreeDiskBytes(1));
        four.start(FULL);
        HealthView up = four.awaitHealth(FULL, h -> h.status().equals("UP"), Duration.ofSeconds(60));
        assertThat(up.ready()).isTrue();
        SubmitResponse after = four.client(FULL, admin).submit(net.register(admin, net.member(FULL, "dr-after", "nurse")), Wait.COMMIT);
        assertThat(after.valid()).isTrue();
    }
}
