package org.careledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flipped bit in a closed Raft log segment, in an entry of the open one, or in the open one's preallocated tail is
 * found by {@link RaftLogCheck} (which {@code careledger verify} runs) naming the file and what to do, and a node
 * started on such a log fails with that message instead of Ratis' bare "Failed to initRaftLog".
 */
class RaftLogCheckIT {
    @TempDir
    Path dir;
    private Cluster cluster;

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void flippedBitsInClosedOpenAndPreallocatedSegmentBytesAreNamedAndExplained() throws Exception {
        // small segments and no purge: the log has closed segments and an open, preallocated one
        cluster = new Cluster(4, dir, o -> Cluster.fast(o).withSnapshots(1_000_000, 16 * 1024)).startAll();
        cluster.awaitLeader();
        try (Load load = new Load(cluster, 4)) {
            load.awaitAcked(200);
        }
        // A running node's open segment is preallocated (zeros after the last entry); a graceful stop truncates it,
        // a crash (kill -9) leaves it. Take the file as the running node has it once the log is quiet, and put it
        // back after the stop, as a crash at that moment would have left it.
        Path raft = cluster.raftDir(0);
        byte[] running = quietOpenSegment(raft);
        for (int i = 0; i < cluster.size(); i++) {
            cluster.stop(i);
        }
        Path openPath = RaftLogCheck.segments(raft).stream()
                .filter(p -> p.getFileName().toString().contains("inprogress")).findFirst().orElseThrow();
        byte[] stopped = Files.readAllBytes(openPath);
        assertThat(running.length).isGreaterThan(stopped.length);
        assertThat(java.util.Arrays.copyOf(running, stopped.length)).as("nothing was appended after the capture")
                .isEqualTo(stopped);
        Files.write(openPath, running);
        RaftLogCheck.Report clean = RaftLogCheck.verify(raft);
        assertThat(clean.segments()).isGreaterThan(2);
        assertThat(clean.entries()).isEqualTo(clean.lastIndex() - clean.firstIndex() + 1).isGreaterThan(100);

        List<Path> segments = RaftLogCheck.segments(raft);
        Path closed = segments.stream().filter(p -> !p.getFileName().toString().contains("inprogress")).skip(1)
                .findFirst().orElseThrow();
        Path open = segments.stream().filter(p -> p.getFileName().toString().contains("inprogress")).findFirst()
                .orElseThrow();
        byte[] openBytes = Files.readAllBytes(open);
        int dataEnd = lastNonZero(openBytes);
        assertThat(dataEnd).as("the open segment holds entries").isGreaterThan(8);
        assertThat(openBytes.length - 1).as("and a preallocated zero tail").isGreaterThan(dataEnd + 16);

        // a closed segment: in the middle of its entries
        flipped(closed, (int) (Files.size(closed) / 2), () -> {
            assertNamed(closed);
            // the node refuses to start, naming the segment (Ratis alone says "Failed to initRaftLog")
            assertThatThrownBy(() -> cluster.start(0)).isInstanceOfSatisfying(CareledgerException.class, e -> {
                assertThat(e.code()).isEqualTo("RAFT_LOG_CORRUPTED");
                assertThat(e.getMessage()).contains(closed.getFileName().toString()).contains("move its Raft directory");
            });
            cluster.stop(0);
        });
        // the open segment: inside its last entries, then in the zeros after them
        flipped(open, (8 + dataEnd) / 2, () -> assertNamed(open));
        flipped(open, openBytes.length - 1 - (openBytes.length - dataEnd) / 2, () -> assertNamed(open));

        // every byte back: clean again, and the node starts
        assertThat(RaftLogCheck.verify(raft)).isEqualTo(clean);
        cluster.start(0);
    }

    /** The open segment's bytes once two reads a second apart agree (no entry is being appended). */
    private static byte[] quietOpenSegment(Path raft) throws Exception {
        byte[] last = null;
        for (int i = 0; i < 30; i++) {
            Path open = RaftLogCheck.segments(raft).stream()
                    .filter(p -> p.getFileName().toString().contains("inprogress")).findFirst().orElseThrow();
            byte[] now = Files.readAllBytes(open);
            if (last != null && java.util.Arrays.equals(last, now)) {
                return now;
            }
            last = now;
            Thread.sleep(1000);
        }
        throw new AssertionError("the open segment kept changing");
    }

    private static void assertNamed(Path segment) {
        assertThatThrownBy(() -> RaftLogCheck.verify(segment.getParent().getParent().getParent()))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("RAFT_LOG_CORRUPTED");
                    assertThat(e.getMessage()).contains(segment.toString()).contains("What to do");
                });
    }

    /** Runs the check with one bit of the file flipped at the offset, then puts the byte back. */
    private static void flipped(Path file, int offset, ThrowingRunnable check) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x10;
        Files.write(file, bytes);
        try {
            check.run();
        } finally {
            bytes[offset] ^= 0x10;
            Files.write(file, bytes);
        }
    }

    private static int lastNonZero(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
