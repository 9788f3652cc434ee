package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.careledger.client.CareledgerClient;
import org.careledger.api.HealthView;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on a network of real node processes under load from clients that fail over between nodes (the leader's
 * SIGKILL is {@link NetworkProcessIT}). Each asserts what docs/OPERATIONS.md promises for it: no acknowledged
 * transaction lost or duplicated, one chain on every node, every store verified, and the runbook's recovery works.
 */
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class FaultSuiteIT {
    private static final List<String> ORGS = List.of("hospital-a", "hospital-b", "pharmacy-c", "insurer-d");
    /**
     * The longest a writer may wait for an acknowledgement while a lagging node rejoins. Before nodes refused
     * writes while catching up, writers waited 17-31 s on such a node; a failover costs one refused round trip.
     */
    private static final Duration WRITER_WAIT_BOUND = Duration.ofSeconds(15);

    @TempDir
    Path tmp;
    private ProcessNetwork net;
    private FailoverAnchorClients clients;
    private final long t0 = System.nanoTime();

    @AfterEach
    void stopEverything(TestInfo test) {
        if (clients != null) {
            clients.abort();
        }
        if (net != null) {
            net.close();
        }
        System.out.printf("%s total %.1f s%n", test.getDisplayName(), secs());
    }

    @Test
    void aKilledFollowerRejoinsUnderLoadWithoutMakingWritersWait() throws IOException {
        run("fault-suite-follower", () -> {
            start();
            String leader = net.awaitLeader(null);
            String follower = ORGS.stream().filter(o -> !o.equals(leader)).findFirst().orElseThrow();
            awaitAcked(20);

            ProcessHandle victim = net.kill(follower);
            int ackedAtKill = clients.ackedCount();
            System.out.printf("killed follower %s (pid %d) with %d acknowledged, after %.1f s%n", follower,
                    victim.pid(), ackedAtKill, secs());
            awaitAcked(ackedAtKill + 120); // it falls well behind: every tx is a block it must re-execute

            long rejoin = System.nanoTime();
            net.up();
            String url = net.urlOf(follower);
            long target = net.urls.stream().filter(u -> !u.equals(url)).mapToLong(u -> net.health(u).height())
                    .max().orElseThrow();
            ProcessNetwork.await("the rejoining follower to reach height " + target,
                    () -> net.heightOrZero(url) >= target);
            awaitAcked(clients.ackedCount() + 15);
            clients.close();
            Duration longest = clients.longestWaitSince(rejoin);
            System.out.printf("%s rejoined and caught up to %d; longest writer wait since it rejoined %d ms"
                    + " (bound %d ms); %s, after %.1f s%n", follower, target, longest.toMillis(),
                    WRITER_WAIT_BOUND.toMillis(), clients.summary(), secs());
            assertThat(clients.errors).as("answers no client should get").isEmpty();
            assertThat(longest).as("no writer waits long on a node that is catching up")
                    .isLessThan(WRITER_WAIT_BOUND);

            finish();
        });
    }

    @Test
    void aStoreCorruptedWhileServingIsRoutedAroundAndRebuiltFromItsPeers() throws IOException {
        run("fault-suite-corruption", () -> {
            start();
            String leader = net.awaitLeader(null);
            String victim = ORGS.stream().filter(o -> !o.equals(leader)).findFirst().orElseThrow();
            String url = net.urlOf(victim);
            awaitAcked(80);

            // a clean stop flushes its store into SSTs; flip one byte in an early data block of its blocks
            net.stop(victim);
            Path data = net.layout.org(victim).resolve("data");
            Path sst = blocksSst(data);
            byte[] bytes = Files.readAllBytes(sst);
            bytes[bytes.length / 4] ^= 0x01;
            Files.write(sst, bytes);
            net.up();
            System.out.printf("flipped a byte of %s in %s and restarted it, after %.1f s%n", sst.getFileName(),
                    victim, secs());

            // serving: the read that hits the damage answers STORE_CORRUPTED and the node turns DEGRADED
            CareledgerClient node = net.client(url);
            long height = node.head().height();
            long corruptAt = -1;
            for (long h = 1; h <= height && corruptAt < 0; h++) {
                try {
                    node.block(h);
                } catch (CareledgerException e) {
                    assertThat(e.code()).isEqualTo("STORE_CORRUPTED");
                    corruptAt = h;
                }
            }
            assertThat(corruptAt).as("a block read on %s hit the flipped byte", victim).isPositive();
            HealthView h = node.health();
            assertThat(h.status()).isEqualTo("DEGRADED");
            assertThat(h.ready()).isFalse();
            // the writers whose own node it is are served by the others meanwhile
            int ackedAtDamage = clients.ackedCount();
            int elsewhereAtDamage = clients.ackedElsewhere.get();
            awaitAcked(ackedAtDamage + 30);
            assertThat(clients.ackedElsewhere.get()).as("txs the other nodes acknowledged for the damaged node's"
                    + " writer").isGreaterThan(elsewhereAtDamage);

            // the runbook (docs/OPERATIONS.md, store corruption) is `careledger repair`: it refuses while the node
            // runs; stopped, it quarantines the store and the Raft log and the node rebuilds from its peers
            Path orgDir = net.layout.org(victim);
            CliRunner.Result refused = CliRunner.run("repair", orgDir);
            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
            assertThat(refused.err()).startsWith("NODE_RUNNING: ");
            assertThat(data).as("a refused repair moves nothing").isDirectory();
            net.stop(victim);
            CliRunner.Result repair = CliRunner.run("repair", orgDir);
            System.out.print(repair.out());
            assertThat(repair.exitCode()).as(repair.all()).isZero();
            assertThat(repair.out()).contains("moved data and raft").contains("re-syncs");
            assertThat(data).doesNotExist();
            assertThat(orgDir.resolve("raft")).doesNotExist();
            assertThat(orgDir.resolve("reads")).as("the read log stays").isDirectory();
            try (Stream<Path> quarantined = Files.list(orgDir)) {
                Path q = quarantined.filter(p -> p.getFileName().toString().startsWith("quarantine-")).findFirst()
                        .orElseThrow();
                assertThat(q.resolve("data").resolve(sst.getFileName())).as("the damaged store is kept").exists();
                assertThat(q.resolve("raft")).isDirectory();
            }
            net.up();
            long target = net.urls.stream().filter(u -> !u.equals(url)).mapToLong(u -> net.health(u).height())
                    .max().orElseThrow();
            ProcessNetwork.await("the rebuilt node to reach height " + target, () -> net.heightOrZero(url) >= target);
            awaitAcked(clients.ackedCount() + 15);
            clients.close();
            assertThat(clients.errors).as("answers no client should get").isEmpty();
            // it reached the head; it says UP once it has also applied the log entries after it (health lag)
            ProcessNetwork.await(() -> "the rebuilt node to say UP (" + net.healthOrNull(url) + ")",
                    () -> net.healthOrNull(url) != null && "UP".equals(net.healthOrNull(url).status()));
            System.out.printf("%s rebuilt from its peers to %d; %s, after %.1f s%n", victim, target,
                    clients.summary(), secs());

            finish();
        });
    }

    private void start() {
        net = new ProcessNetwork(tmp.resolve("net"), ORGS, "careledger-fault-suite");
        net.up();
        clients = new FailoverAnchorClients(net.urls, net.trust(), net.adminSigners(), Duration.ofMillis(250));
    }

    /** One chain holding every acknowledged tx once; then every store verifies from genesis. */
    private void finish() {
        ProcessNetwork.Chain reference = net.assertOneChainHolding(clients);
        net.down();
        net.assertEveryStoreVerifies(reference);
        System.out.printf("%d blocks, %d txs, every node verified, after %.1f s%n", reference.blockHashes().size(),
                reference.txIds().size(), secs());
    }

    private interface Scenario {
        void run() throws IOException;
    }

    /** Runs a scenario; on failure, first prints every node's health and warnings and keeps the logs. */
    private void run(String name, Scenario scenario) throws IOException {
        boolean passed = false;
        try {
            scenario.run();
            passed = true;
        } finally {
            if (!passed && net != null) {
                net.report(name);
            }
        }
    }

    private void awaitAcked(int count) {
        ProcessNetwork.await(() -> count + " acknowledged txs (" + clients.summary() + ")",
                () -> clients.ackedCount() >= count || !clients.errors.isEmpty());
        assertThat(clients.errors).as("answers no client should get").isEmpty();
    }

    /** The SST holding the blocks column (its properties block names the column family). */
    private static Path blocksSst(Path store) throws IOException {
        String marker = "nameblocks";
        try (Stream<Path> files = Files.list(store)) {
            List<Path> ssts = files.filter(p -> p.getFileName().toString().endsWith(".sst")).toList();
            for (Path p : ssts) {
                if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(marker)) {
                    return p;
                }
            }
            throw new IllegalStateException("no SST of the blocks column among " + ssts);
        }
    }

    private double secs() {
        return (System.nanoTime() - t0) / 1e9;
    }
}
