package org.careledger.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.node.NodeAssembly;
import org.careledger.node.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wait behind X-Careledger-Min-Height, on one real node with a short limit. */
class HeightGateIT {
    @TempDir
    Path dir;

    @Test
    void waitsForTheNextBlockAndGivesUpAtItsLimitWithTheHeightItHas() throws Exception {
        TestNetwork net = new TestNetwork(dir.resolve("net"));
        try (NodeAssembly node = net.start("hospital-a")) {
            HeightGate gate = new HeightGate(node.ledger(), Duration.ofMillis(300));
            long head = node.ledger().head().height();
            assertThat(gate.awaitHeight(head)).as("already there").isEqualTo(head);

            long start = System.nanoTime();
            assertThat(gate.awaitHeight(head + 3)).as("nothing commits: the height it has").isEqualTo(head);
            assertThat(System.nanoTime() - start).as("waited its limit").isGreaterThanOrEqualTo(300_000_000L);

            HeightGate patient = new HeightGate(node.ledger(), Duration.ofSeconds(20));
            CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> patient.awaitHeight(head + 1));
            Thread.sleep(200);
            assertThat(waiting).isNotDone();
            var r = net.client(node, net.admin("hospital-a")).submit(
                    net.register(net.admin("hospital-a"), net.member("hospital-a", "dr-gate", "nurse")), Wait.COMMIT);
            assertThat(r.height()).isEqualTo(head + 1);
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(head + 1);
        }
    }
}
