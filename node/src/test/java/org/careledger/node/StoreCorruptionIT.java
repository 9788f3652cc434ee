package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.careledger.api.HealthView;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A node whose store turns out corrupt while it serves (a flipped byte in an SST of its blocks, found by the read
 * that hits it) logs one ERROR line naming the store, says DEGRADED on /v1/health, is not ready, and refuses writes
 * with a retryable code; before, it said UP, logged nothing and answered 500s.
 */
class StoreCorruptionIT {
    private static final String ORG = "hospital-a";
    private static final int BLOCKS = 300;

    @TempDir
    Path dir;
    private NodeAssembly node;
    private ListAppender<ILoggingEvent> logs;

    @AfterEach
    void stop() {
        if (logs != null) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aCorruptionSeenWhileServingTurnsTheNodeDegradedWithOneErrorLine() throws Exception {
        TestNetwork net = new TestNetwork(dir.resolve("net"));
        node = net.start(ORG);
        TxSigner admin = net.admin(ORG);
        CareledgerClient client = net.client(node, admin);
        for (int i = 0; i < BLOCKS; i++) {
            client.submit(net.register(admin, net.member(ORG, "m" + i, "nurse")), Wait.COMMIT);
        }
        long height = node.ledger().head().height();
        node.close(); // flushes the store: the blocks are in one SST now
        node = null;

        Path sst = blocksSst(net.dataDir(ORG));
        byte[] bytes = Files.readAllBytes(sst);
        bytes[bytes.length / 4] ^= 0x01; // inside an early data block: low heights, far from the head
        Files.write(sst, bytes);

        node = net.start(ORG);
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        client = net.client(node, admin);
        CareledgerClient anonymous = net.client(node, null);
        assertThat(anonymous.health().status()).isEqualTo("UP");

        long corruptAt = -1;
        for (long h = 1; h <= height && corruptAt < 0; h++) {
            try {
                client.block(h);
            } catch (CareledgerException e) {
                assertThat(e.code()).isEqualTo("STORE_CORRUPTED");
                corruptAt = h;
            }
        }
        assertThat(corruptAt).as("a block read hit the flipped byte").isPositive();
        final long at = corruptAt;
        // a second read of the same block: the same answer, no second ERROR line
        assertThatThrownBy(() -> net.client(node, admin).block(at)).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo("STORE_CORRUPTED"));

        HealthView h = anonymous.health();
        assertThat(h.status()).isEqualTo("DEGRADED");
        assertThat(h.ready()).isFalse();
        assertThat(h.reason()).contains("corruption");
        var ready = anonymous.exchange("GET", "/v1/health/ready", null, null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(new String(ready.body(), StandardCharsets.UTF_8)).contains("NODE_DEGRADED");
        CareledgerClient writer = client;
        assertThatThrownBy(() -> writer.submit(net.register(admin, net.member(ORG, "late", "nurse")),
                Wait.COMMIT)).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo("NODE_DEGRADED"));

        List<String> errors = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst()).contains(net.dataDir(ORG).toString()).contains("CORRUPTED");
        assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("health UP -> DEGRADED"))).hasSize(1);
    }

    /** The SST holding the blocks column (its properties block names the column family). */
    private static Path blocksSst(Path store) throws Exception {
        byte[] marker = "nameblocks".getBytes(StandardCharsets.ISO_8859_1);
        try (Stream<Path> files = Files.list(store)) {
            List<Path> ssts = files.filter(p -> p.getFileName().toString().endsWith(".sst")).toList();
            for (Path p : ssts) {
                String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                if (content.contains(new String(marker, StandardCharsets.ISO_8859_1))) {
                    return p;
                }
            }
            throw new IllegalStateException("no SST of the blocks column among " + ssts);
        }
    }
}
