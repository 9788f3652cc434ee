package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.careledger.consensus.RaftNode;
import org.careledger.core.CareledgerException;
import org.careledger.node.NodeHealth.Cause;
import org.careledger.node.NodeHealth.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NodeHealthTest {
    private static final long T = NodeHealth.LAG_THRESHOLD;
    private final AtomicReference<RaftNode.Progress> progress = new AtomicReference<>();
    private final AtomicReference<String> halt = new AtomicReference<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(NodeHealth.class);

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    private NodeHealth raft() {
        return new NodeHealth(progress::get, halt::get, Path.of("nodes", "hospital-a", "data"));
    }

    private void at(long applied, long commit, boolean heard) {
        progress.set(new RaftNode.Progress(applied, commit, -1, heard, true));
    }

    @Test
    void aNodeThatHasNotHeardFromALeaderIsNotReadyButDoesNotRefuseWrites() {
        NodeHealth h = raft();
        at(10, 10, false);
        NodeHealth.State s = h.check();
        assertThat(s.status()).isEqualTo(Status.CATCHING_UP);
        assertThat(s.cause()).isEqualTo(Cause.NO_LEADER_YET);
        assertThat(s.ready()).isFalse();
        assertThat(h.writeRefusal()).as("a fresh cluster's writes wait for the election as before").isNull();
        at(10, 10, true);
        assertThat(h.check().status()).isEqualTo(Status.UP);
    }

    @Test
    void behindByMoreThanTheThresholdIsCatchingUpUntilHalfOfIt() {
        NodeHealth h = raft();
        at(1_000, 1_000 + T + 1, true);
        NodeHealth.State s = h.check();
        assertThat(s.status()).isEqualTo(Status.CATCHING_UP);
        assertThat(s.lag()).isEqualTo(T + 1);
        assertThat(s.commitIndex()).isEqualTo(1_000 + T + 1);
        assertThat(s.reason()).contains("behind");
        CareledgerException refusal = h.writeRefusal();
        assertThat(refusal).isNotNull();
        assertThat(refusal.code()).isEqualTo("NODE_CATCHING_UP");

        at(1_000, 1_000 + T / 2 + 1, true); // under the threshold, but not yet at half of it: no flapping
        assertThat(h.check().status()).isEqualTo(Status.CATCHING_UP);
        at(1_000, 1_000 + T / 2, true);
        assertThat(h.check().status()).isEqualTo(Status.UP);
        assertThat(h.writeRefusal()).isNull();
        at(1_000, 1_000 + T, true); // back up to the threshold from UP: still UP
        assertThat(h.check().status()).isEqualTo(Status.UP);

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(m -> m.startsWith("health ")).hasSize(2);
    }

    @Test
    void fetchingBlocksFromPeersIsCatchingUpWithTheLeadersFirstIndexAsTarget() {
        NodeHealth h = raft();
        progress.set(new RaftNode.Progress(50, 50, 5_001, true, true));
        NodeHealth.State s = h.check();
        assertThat(s.status()).isEqualTo(Status.CATCHING_UP);
        assertThat(s.cause()).isEqualTo(Cause.CATCHING_UP_FROM_PEERS);
        assertThat(s.lag()).isEqualTo(4_950);
        assertThat(h.writeRefusal().code()).isEqualTo("NODE_CATCHING_UP");
    }

    @Test
    void aHaltOrAStoppedRaftServerIsDegraded() {
        NodeHealth h = raft();
        progress.set(new RaftNode.Progress(5, 5, -1, true, false));
        assertThat(h.check().cause()).isEqualTo(Cause.RAFT_STOPPED);
        halt.set("block 7: a quorum signed another hash");
        NodeHealth.State s = h.check();
        assertThat(s.status()).isEqualTo(Status.DEGRADED);
        assertThat(s.cause()).isEqualTo(Cause.HALTED);
        assertThat(h.writeRefusal().code()).isEqualTo("NODE_DEGRADED");
    }

    @Test
    void aCorruptionIsLoggedOnceAsErrorAndDegradesALocalNodeForGood() {
        NodeHealth h = new NodeHealth(null, () -> null, Path.of("nodes", "hospital-a", "data"));
        assertThat(h.check().status()).isEqualTo(Status.UP);
        assertThat(h.check().lag()).isZero();
        h.storeCorrupted(new CareledgerException("STORE_CORRUPTED", "cannot read blocks: checksum mismatch"));
        h.storeCorrupted(new CareledgerException("STORE_CORRUPTED", "cannot read blocks: checksum mismatch"));
        NodeHealth.State s = h.check();
        assertThat(s.status()).isEqualTo(Status.DEGRADED);
        assertThat(s.reason()).contains("checksum mismatch");
        assertThat(h.writeRefusal().code()).isEqualTo("NODE_DEGRADED");
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains(Path.of("nodes", "hospital-a", "data").toString()).contains("CORRUPTED");
    }
}
