package org.careledger.consensus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.raftlog.segmented.LogSegment;
import org.apache.ratis.server.raftlog.segmented.LogSegmentPath;
import org.apache.ratis.util.SizeInBytes;
import org.careledger.core.CareledgerException;

/**
 * Reads every segment of a node's Raft log ({@code <raftDir>/<group>/current/log_<first>-<last>} closed,
 * {@code log_inprogress_<first>} open) with Ratis' own segment reader, which checks the file header, each entry's
 * CRC32C and, after the last entry of an open segment, that the preallocated rest is still zeros; then that the
 * segments' entries follow each other without a gap. Each failure names the file and what to do.
 *
 * <p>Next to a running node the open segment may end in an entry still being written: a failure there counts only
 * if a second read a moment later fails at the same place, and a segment the node purged meanwhile is skipped.
 */
public final class RaftLogCheck {
    /** Largest entry a segment may hold: above the 16 MiB write buffer Ratis is configured with. */
    private static final SizeInBytes MAX_ENTRY = SizeInBytes.valueOf(64L * 1024 * 1024);

    /** What was read: segments, entries, and the index range they cover (-1, -1 for an empty log). */
    public record Report(Path raftDir, int segments, long entries, long firstIndex, long lastIndex) {}

    private RaftLogCheck() {}

    public static Report verify(Path raftDir) {
        List<Path> segments = segments(raftDir);
        long entries = 0;
        long first = -1;
        long last = -1;
        Path previous = null;
        for (Path segment : segments) {
            long[] range;
            try {
                range = read(segment);
            } catch (CareledgerException e) {
                if (!segment.getFileName().toString().contains("inprogress")) {
                    throw e;
                }
                sleep();
                range = read(segment); // a node writing its open segment: only a failure that stays is damage
            }
            if (range == null || range[0] < 0) {
                continue; // purged meanwhile, or an open segment with no entry yet
            }
            if (last >= 0 && range[0] != last + 1) {
                throw corrupted(segment, "starts at index " + range[0] + " but the previous segment (" + previous
                        .getFileName() + ") ends at " + last + (range[0] > last + 1 ? " (a segment is missing)" : ""));
            }
            first = first < 0 ? range[0] : first;
            last = range[1];
            entries += range[1] - range[0] + 1;
            previous = segment;
        }
        return new Report(raftDir, segments.size(), entries, first, last);
    }

    /** First and last index of a segment's entries; null if the file is gone, {-1, -1} if it holds none. */
    private static long[] read(Path segment) {
        try {
            if (Files.size(segment) == 0) {
                return new long[] {-1, -1}; // Ratis deletes an empty open segment at start
            }
            LogSegmentPath parsed = LogSegmentPath.matchLogSegment(segment);
            AtomicLong firstIndex = new AtomicLong(-1);
            AtomicLong lastIndex = new AtomicLong(-1);
            LogSegment.readSegmentFile(segment.toFile(), parsed.getStartEnd(), MAX_ENTRY,
                    RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION, null, entry -> {
                        firstIndex.compareAndSet(-1, entry.getIndex());
                        lastIndex.set(entry.getIndex());
                    });
            long[] named = namedRange(segment);
            if (firstIndex.get() >= 0 && firstIndex.get() != named[0]) {
                throw corrupted(segment, "its first entry has index " + firstIndex.get() + ", its name says " + named[0]);
            }
            if (named[1] >= 0 && lastIndex.get() != named[1]) {
                throw corrupted(segment, "its last entry has index " + lastIndex.get() + ", its name says " + named[1]
                        + " (the closed segment was cut short)");
            }
            return new long[] {firstIndex.get(), lastIndex.get()};
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            if (e instanceof CareledgerException ce) {
                throw ce;
            }
            throw corrupted(segment, describe(e));
        }
    }

    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            if (c.getMessage() != null && !out.toString().contains(c.getMessage())) {
                out.append(": ").append(c.getMessage());
            }
        }
        return out.toString();
    }

    /** The index range in a segment's file name; the end is -1 for an open segment. */
    private static long[] namedRange(Path segment) {
        String name = segment.getFileName().toString();
        if (name.startsWith("log_inprogress_")) {
            return new long[] {Long.parseLong(name.substring("log_inprogress_".length())), -1};
        }
        String[] parts = name.substring("log_".length()).split("-");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    /** The log segments of every Raft group under raftDir, in index order (closed before the open one). */
    static List<Path> segments(Path raftDir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(raftDir)) {
            return out;
        }
        try (Stream<Path> groups = Files.list(raftDir)) {
            for (Path group : groups.filter(Files::isDirectory).sorted().toList()) {
                Path current = group.resolve("current");
                if (!Files.isDirectory(current)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(current)) {
                    files.filter(p -> p.getFileName().toString().matches("log_(inprogress_)?\\d+(-\\d+)?"))
                            .sorted(Comparator.comparingLong((Path p) -> namedRange(p)[0])
                                    .thenComparing(p -> p.getFileName().toString().contains("inprogress")))
                            .forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new CareledgerException("RAFT_LOG_UNREADABLE", "cannot list the Raft log under " + raftDir + ": "
                    + e.getMessage() + "; check the directory's permissions (the node needs to read and write it)");
        }
        return out;
    }

    static CareledgerException corrupted(Path segment, String what) {
        Path raftDir = segment.getParent().getParent().getParent();
        return new CareledgerException("RAFT_LOG_CORRUPTED", "Raft log segment " + segment + " is damaged: " + what
                + ". What to do: stop the node and move its Raft directory aside (mv " + raftDir + " " + raftDir
                + ".damaged); at its next start the node takes the log from its peers and keeps its store (see"
                + " docs/OPERATIONS.md, \"A damaged Raft log\")");
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
