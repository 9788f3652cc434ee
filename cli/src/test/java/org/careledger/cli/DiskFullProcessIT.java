package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.careledger.api.HealthView;
import org.careledger.core.json.CanonicalJson;
import org.careledger.node.NodeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that really fills, on a network of real node processes under load: one node's whole directory (store, Raft
 * log, read log, logs) sits on a small tmpfs. First with the default free-space floor (the floor keeps the disk from
 * filling), then with the floor off (0), so the disk genuinely runs out under RocksDB and Ratis — the case of issue
 * 10. Each time: writers are served by the other nodes, the node says it is not ready, and once the tmpfs is grown
 * (a remount) it is UP again and on the network's head by itself. Needs root for the mount; skips elsewhere.
 */
@Timeout(value = 480, unit = TimeUnit.SECONDS)
class DiskFullProcessIT {
    private static final List<String> ORGS = List.of("hospital-a", "hospital-b", "pharmacy-c", "insurer-d");
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path tmp;
    private ProcessNetwork net;
    private FailoverAnchorClients clients;
    private Tmpfs disk;
    private final long t0 = System.nanoTime();

    @AfterEach
    void stopEverything(TestInfo test) {
        try {
            if (clients != null) {
                clients.abort();
            }
            if (net != null) {
                net.close();
            }
        } finally {
            if (disk != null) {
                keepLogs();
                disk.close(); // after the node processes are gone, so nothing holds a file on it
            }
        }
        System.out.printf("%s total %.1f s%n", test.getDisplayName(), secs());
    }

    @Test
    void aNodeWhoseDiskFillsIsRoutedAroundAndRecoversOnceSpaceIsBack() throws IOException {
        boolean passed = false;
        try {
            net = new ProcessNetwork(tmp.resolve("net"), ORGS, "careledger-disk-full");
            net.up();
            String leader = net.awaitLeader(null);
            String victim = ORGS.stream().filter(o -> !o.equals(leader)).reduce((a, b) -> b).orElseThrow();
            url = net.urlOf(victim);
            Path orgDir = net.layout.org(victim);
            net.stop(victim);
            try {
                disk = Tmpfs.mountOver(orgDir, DEFAULT_FLOOR + 96 * MIB, tmp);
            } catch (IllegalStateException e) {
                System.out.println("SKIPPED (needs root and tmpfs): " + e.getMessage());
                Assumptions.abort(e.getMessage());
            }
            net.up();
            clients = new FailoverAnchorClients(net.urls, net.trust(), net.adminSigners(), Duration.ofMillis(100));
            awaitAcked(20);
            awaitUpAtHead("on the tmpfs");
            System.out.printf("%s (a follower of %s) runs on a %d MiB tmpfs, %d MiB free, after %.1f s%n", victim,
                    leader, disk.size() / MIB, disk.free() / MIB, secs());

            // 1. the default floor: the node stops taking writes while its disk still has room
            disk.fill("filler-1", disk.free() - DEFAULT_FLOOR - 256 * 1024);
            HealthView full = awaitHealth("DISK_FULL below the default floor", h -> h.status().equals("DISK_FULL"));
            assertThat(full.ready()).isFalse();
            assertThat(full.reason()).contains("minFreeDiskBytes");
            assertServedElsewhere();
            long leftAtFull = disk.free();
            assertThat(leftAtFull).as("the floor kept the disk from filling").isGreaterThan(DEFAULT_FLOOR / 2);
            disk.resize(disk.size() + 64 * MIB); // space is back: no restart, no operator step
            awaitUpAtHead("after the tmpfs grew above the floor");
            System.out.printf("default floor: DISK_FULL with %d MiB left, UP again at the head once the tmpfs grew;"
                    + " %s, after %.1f s%n", leftAtFull / MIB, clients.summary(), secs());

            // 2. the floor off: the disk genuinely runs out under RocksDB and Ratis
            net.stop(victim);
            Path config = orgDir.resolve(NodeConfig.FILE_NAME);
            Files.write(config, CanonicalJson.encode(NodeConfig.read(orgDir).withMinFreeDiskBytes(0)));
            net.up();
            awaitUpAtHead("restarted with the floor off");
            HealthView out;
            try (AutoCloseable filler = disk.fillUpContinuously("filler-2")) {
                out = awaitHealth("not UP on a disk that ran out", h -> !h.status().equals("UP")
                        && freeOrMinus() < 256 * 1024);
                assertServedElsewhere();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            System.out.printf("floor off: the disk ran out (%d KiB free): %s %s, after %.1f s%n", disk.free() / 1024,
                    out.status(), out.reason(), secs());
            assertThat(out.ready()).isFalse();
            disk.resize(disk.size() + 128 * MIB);
            awaitUpAtHead("after the tmpfs grew (floor off)");
            System.out.printf("floor off: UP again at the head once the tmpfs grew; %s, after %.1f s%n",
                    clients.summary(), secs());

            clients.close();
            assertThat(clients.errors).as("answers no client should get").isEmpty();
            ProcessNetwork.Chain reference = net.assertOneChainHolding(clients);
            net.down();
            net.assertEveryStoreVerifies(reference);
            System.out.printf("%d blocks, %d txs, every node verified, after %.1f s%n", reference.blockHashes().size(),
                    reference.txIds().size(), secs());
            passed = true;
        } finally {
            if (!passed && net != null) {
                net.report("disk-full");
            }
        }
    }

    private String url;

    private long freeOrMinus() {
        try {
            return disk.free();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The victim's own writer keeps being acknowledged, by the other nodes. */
    private void assertServedElsewhere() {
        int elsewhere = clients.ackedElsewhere.get();
        awaitAcked(clients.ackedCount() + 20);
        assertThat(clients.ackedElsewhere.get()).as("txs another node acknowledged for the full node's writer")
                .isGreaterThan(elsewhere);
    }

    private HealthView awaitHealth(String what, java.util.function.Predicate<HealthView> condition) {
        HealthView[] seen = new HealthView[1];
        ProcessNetwork.await(() -> what + "; last seen " + seen[0] + ", free " + freeOrMinus() + " bytes",
                () -> (seen[0] = net.healthOrNull(url)) != null && condition.test(seen[0]));
        return seen[0];
    }

    /** The victim UP, ready, and at least at the height the others had when this started waiting. */
    private void awaitUpAtHead(String when) {
        long target = net.urls.stream().filter(u -> !u.equals(url)).mapToLong(net::heightOrZero).max().orElseThrow();
        awaitHealth("UP at height " + target + " " + when, h -> h.status().equals("UP") && h.ready()
                && h.height() >= target);
    }

    private static final long DEFAULT_FLOOR = org.careledger.node.DiskGuard.DEFAULT_MIN_FREE_BYTES;

    /** The tmpfs goes with the unmount: keep the node's own log under target/ first. */
    private void keepLogs() {
        try {
            Path kept = Path.of("target", "disk-full-logs");
            Files.createDirectories(kept);
            for (String name : List.of("node.log", "node.out")) {
                Path f = disk.dir.resolve(name);
                if (Files.isRegularFile(f)) {
                    Files.copy(f, kept.resolve(disk.dir.getFileName() + "-" + name),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.out.println("cannot keep the logs of " + disk.dir + ": " + e);
        }
    }

    private void awaitAcked(int count) {
        ProcessNetwork.await(() -> count + " acknowledged txs (" + clients.summary() + ")",
                () -> clients.ackedCount() >= count || !clients.errors.isEmpty());
        assertThat(clients.errors).as("answers no client should get").isEmpty();
    }

    private double secs() {
        return (System.nanoTime() - t0) / 1e9;
    }
}
