package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.careledger.api.HealthView;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flipped byte in a table file of a node that serves nothing is found by the background scrub alone: the node
 * turns DEGRADED and not ready on the path a serving read takes (STORE_CORRUPTED), and exports what it found.
 */
class StoreScrubIT {
    private static final String ORG = "hospital-a";

    @TempDir
    Path dir;

    @Test
    void aFlippedByteInAnSstIsFoundByTheScrubWithoutAnyRead() throws Exception {
        TestNetwork net = new TestNetwork(dir.resolve("net"));
        net.configure(ORG, c -> c.withScrubPerSecond(5_000));
        TxSigner admin = net.admin(ORG);
        String previousDelay = System.setProperty("careledger.scrub.firstDelayMillis", "200");
        try {
            try (NodeAssembly node = net.start(ORG)) {
                CareledgerClient client = net.client(node, admin);
                for (int i = 0; i < 40; i++) {
                    client.submit(net.register(admin, net.member(ORG, "nurse-" + i, "nurse")), Wait.COMMIT);
                }
                // a clean store: the scrub passes and says so
                await(() -> node.scrub().passes() >= 1, "a clean scrub pass");
                assertThat(node.scrub().corruptions()).isZero();
                assertThat(node.health().check().status()).isEqualTo(NodeHealth.Status.UP);
            } // a clean stop flushes the store into table files
            Path sst = blocksSst(net.dataDir(ORG));
            byte[] bytes = Files.readAllBytes(sst);
            bytes[bytes.length / 4] ^= 0x01;
            Files.write(sst, bytes);

            try (NodeAssembly node = net.start(ORG)) {
                // nobody reads a block: only the scrub can find it
                await(() -> node.scrub().corruptions() >= 1, "the scrub to find the flipped byte");
                NodeHealth.State s = node.health().check();
                assertThat(s.status()).isEqualTo(NodeHealth.Status.DEGRADED);
                assertThat(s.cause()).isEqualTo(NodeHealth.Cause.STORE_CORRUPTED);
                assertThat(s.reason()).contains("background scrub").contains("block ").contains(sst.getFileName().toString());
                CareledgerClient client = net.client(node, admin);
                HealthView h = client.health();
                assertThat(h.status()).isEqualTo("DEGRADED");
                assertThat(h.ready()).isFalse();
                String metrics = new String(client.exchange("GET", "/metrics", null, null).body(), StandardCharsets.UTF_8);
                assertThat(metrics).contains("careledger_scrub_corruptions 1.0").contains("careledger_scrub_blocks")
                        .contains("careledger_scrub_last_pass_seconds");
            }
        } finally {
            if (previousDelay == null) {
                System.clearProperty("careledger.scrub.firstDelayMillis");
            } else {
                System.setProperty("careledger.scrub.firstDelayMillis", previousDelay);
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The SST holding the blocks column (its properties block names the column family). */
    private static Path blocksSst(Path store) throws java.io.IOException {
        try (Stream<Path> files = Files.list(store)) {
            List<Path> ssts = files.filter(p -> p.getFileName().toString().endsWith(".sst")).toList();
            for (Path p : ssts) {
                if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains("nameblocks")) {
                    return p;
                }
            }
            throw new IllegalStateException("no SST of the blocks column among " + ssts);
        }
    }
}
