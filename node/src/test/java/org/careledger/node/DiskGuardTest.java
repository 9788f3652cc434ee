package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.Test;

class DiskGuardTest {
    private static final long FLOOR = 1_000_000;
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong dataFree = new AtomicLong(10 * FLOOR);
    private final AtomicLong raftFree = new AtomicLong(10 * FLOOR);
    private final Map<String, Path> dirs = Map.of("data", Path.of("n", "data"), "raft", Path.of("n", "raft"));
    private final DiskGuard guard = new DiskGuard(dirs, FLOOR,
            p -> p.endsWith("data") ? dataFree.get() : raftFree.get(), clock::get);

    private void tick() {
        clock.addAndGet(DiskGuard.CACHE_NANOS);
    }

    @Test
    void belowTheFloorRefusesWithTheDirectoryAndBytesAndRecoversOnlyAboveTheHysteresis() {
        assertThat(guard.low()).isNull();
        assertThat(guard.refusal()).isNull();

        raftFree.set(FLOOR - 1);
        tick();
        DiskGuard.Low low = guard.low();
        assertThat(low).isNotNull();
        assertThat(low.dir()).isEqualTo(dirs.get("raft"));
        assertThat(low.reason()).contains("raft").contains(Long.toString(FLOOR - 1)).contains(Long.toString(FLOOR));
        CareledgerException refusal = guard.refusal();
        assertThat(refusal.code()).isEqualTo("NODE_DISK_FULL");

        raftFree.set(FLOOR); // at the floor but within the hysteresis: still full, no flapping
        tick();
        assertThat(guard.low()).isNotNull();

        raftFree.set(FLOOR + guard.hysteresis());
        tick();
        assertThat(guard.low()).isNull();
        assertThat(guard.free("raft")).isEqualTo(FLOOR + guard.hysteresis());
    }

    @Test
    void theAnswerIsCachedForASecondSoAWriteCostsNoSystemCall() {
        assertThat(guard.low()).isNull();
        dataFree.set(0);
        assertThat(guard.low()).as("cached").isNull();
        clock.addAndGet(DiskGuard.CACHE_NANOS - 1);
        assertThat(guard.low()).as("still cached").isNull();
        clock.addAndGet(1);
        assertThat(guard.low().dir()).isEqualTo(dirs.get("data"));
    }

    @Test
    void aZeroFloorIsOffAndUnknownFreeSpaceRefusesNothing() {
        DiskGuard off = new DiskGuard(dirs, 0, p -> 0, clock::get);
        assertThat(off.low()).isNull();
        DiskGuard unknown = new DiskGuard(dirs, FLOOR, p -> {
            throw new java.io.UncheckedIOException(new java.io.IOException("no file store"));
        }, clock::get);
        assertThat(unknown.low()).isNull();
        assertThat(unknown.free("data")).isEqualTo(-1);
    }

    @Test
    void healthSaysDiskFullNotReadyAndRefusesEveryWriteThenUpAgain() {
        NodeHealth health = new NodeHealth(null, () -> null, Path.of("n", "data"), guard);
        assertThat(health.check().status()).isEqualTo(NodeHealth.Status.UP);
        dataFree.set(FLOOR / 2);
        tick();
        NodeHealth.State s = health.check();
        assertThat(s.status()).isEqualTo(NodeHealth.Status.DISK_FULL);
        assertThat(s.ready()).isFalse();
        assertThat(s.reason()).contains("data").contains(Long.toString(FLOOR / 2));
        assertThat(health.writeRefusal().code()).isEqualTo("NODE_DISK_FULL");
        assertThat(health.intakeRefusal().code()).isEqualTo("NODE_DISK_FULL");

        dataFree.set(2 * FLOOR);
        tick();
        assertThat(health.check().status()).isEqualTo(NodeHealth.Status.UP);
        assertThat(health.intakeRefusal()).isNull();
        assertThat(health.writeRefusal()).isNull();
    }

    @Test
    void theRealFileSystemAnswersForADirectoryNotCreatedYet(@org.junit.jupiter.api.io.TempDir Path tmp) {
        assertThat(DiskGuard.usableSpace(tmp.resolve("not/yet"))).isPositive();
    }

    @Test
    void aNewFloorAppliesAtTheNextCheckWithoutWaitingForTheCache() {
        raftFree.set(FLOOR - 1);
        tick();
        assertThat(guard.low()).isNotNull();
        guard.setFloor(FLOOR / 2); // node.json lowered while the node runs
        assertThat(guard.low()).as("met at once, cache or not").isNull();
        guard.setFloor(2 * FLOOR);
        assertThat(guard.low()).isNotNull();
        guard.setFloor(0);
        assertThat(guard.low()).as("off").isNull();
        assertThat(guard.refusal()).isNull();
    }

    @Test
    void roomForARestartIsAskedOfEveryDirectory() {
        assertThat(guard.hasRoom(10 * FLOOR)).isTrue();
        dataFree.set(FLOOR);
        assertThat(guard.hasRoom(FLOOR)).isTrue();
        assertThat(guard.hasRoom(FLOOR + 1)).isFalse();
    }
}
