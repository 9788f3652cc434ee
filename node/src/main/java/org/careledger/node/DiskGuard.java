package org.careledger.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.careledger.core.CareledgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A free-space floor for the directories a node writes (store, Raft log, read log). A disk that fills under RocksDB or
 * Ratis cuts a file short (a truncated Raft segment left a follower stuck after space came back); refusing writes while
 * some space is left keeps the files whole. Below the floor the node is DISK_FULL: every submission is refused at once
 * with {@code NODE_DISK_FULL}; reads go on. It is UP again by itself once every directory has the floor plus
 * {@link #hysteresis} free, so a disk near the line does not flap.
 *
 * <p>Free space is asked of the file system at most once per {@link #CACHE_NANOS} (a write asks, and the health ticker
 * every second), so the check costs nothing per request. A transition is logged once as ERROR (back: WARN) and also
 * printed to stderr, because the log file may sit on the full disk.
 */
public final class DiskGuard {
    private static final Logger LOG = LoggerFactory.getLogger(DiskGuard.class);
    /** The floor when node.json sets none: room for a few Raft segments and RocksDB compactions to finish. */
    public static final long DEFAULT_MIN_FREE_BYTES = 256L * 1024 * 1024;
    /** Retry-After (seconds) of a NODE_DISK_FULL refusal: an operator has to free space, another node takes it now. */
    public static final int RETRY_SECONDS = 30;
    static final long CACHE_NANOS = 1_000_000_000L;
    /**
     * Room every directory needs before a node whose Raft log failed restarts its Raft server, whatever the floor
     * (even 0): a new Raft segment is preallocated (4 MiB) and RocksDB flushes and compacts on open.
     */
    public static final long RESTART_ROOM = 32L * 1024 * 1024;

    /** One directory below the floor. */
    public record Low(Path dir, long free, long needed) {
        public String reason() {
            return "the disk holding " + dir + " has " + free + " bytes free, below the floor of " + needed + " bytes (minFreeDiskBytes in node.json)";
        }
    }

    private final Map<String, Path> dirs;
    private volatile long floor;
    private final ToLongFunction<Path> freeSpace;
    private final LongSupplier nanoClock;
    private final Map<String, Long> lastFree = new LinkedHashMap<>();
    private long checkedAt;
    private boolean checked;
    private Low low;

    /**
     * @param dirs      name (for metrics) to directory; a directory that does not exist yet is measured at its
     *                  nearest existing parent
     * @param floor     bytes that must stay free on each; 0 turns the guard off
     * @param freeSpace usable bytes of the file system holding a path (throws UncheckedIOException if unknown)
     * @param nanoClock {@link System#nanoTime()} in production
     */
    public DiskGuard(Map<String, Path> dirs, long floor, ToLongFunction<Path> freeSpace, LongSupplier nanoClock) {
        if (floor < 0) {
            throw new IllegalArgumentException("minFreeDiskBytes must be 0 (off) or more, not " + floor);
        }
        this.dirs = Map.copyOf(new LinkedHashMap<>(dirs));
        this.floor = floor;
        this.freeSpace = freeSpace;
        this.nanoClock = nanoClock;
    }

    /** A guard on the real file systems. */
    public static DiskGuard of(Map<String, Path> dirs, long floor) {
        return new DiskGuard(dirs, floor, DiskGuard::usableSpace, System::nanoTime);
    }

    /** The floor plus this much must be free before a DISK_FULL node takes writes again: 1/8 of the floor, at most 64 MiB. */
    public long hysteresis() {
        return Math.min(floor / 8, 64L * 1024 * 1024);
    }

    public long floor() {
        return floor;
    }

    /**
     * A new floor (node.json's {@code minFreeDiskBytes} changed while the node runs); the next check applies it, so
     * a node DISK_FULL under the old floor takes writes again at once when the new one is met.
     */
    public synchronized void setFloor(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("minFreeDiskBytes must be 0 (off) or more, not " + bytes);
        }
        if (bytes == floor) {
            return;
        }
        LOG.info("free-space floor changed from {} to {} bytes (minFreeDiskBytes in node.json)", floor, bytes);
        floor = bytes;
        checked = false;
        if (bytes == 0 && low != null) {
            low = null;
            report(false, "the free-space floor is off (minFreeDiskBytes 0); this node takes writes again");
        }
    }

    /** The directory below the floor now, or null; asks the file systems if the last answer is older than a second. */
    public synchronized Low low() {
        long now = nanoClock.getAsLong();
        if (floor == 0 || checked && now - checkedAt < CACHE_NANOS) {
            return low;
        }
        checked = true;
        checkedAt = now;
        Low before = low;
        Low found = null;
        for (String name : List.copyOf(new java.util.TreeSet<>(dirs.keySet()))) {
            Path dir = dirs.get(name);
            long free;
            try {
                free = freeSpace.applyAsLong(dir);
            } catch (RuntimeException e) {
                free = -1;
            }
            lastFree.put(name, free);
            // leaving the state needs the hysteresis too, so one byte either side of the floor does not flap
            long needed = before == null ? floor : floor + hysteresis();
            if (found == null && free >= 0 && free < needed) { // unknown free space refuses nothing
                found = new Low(dir, free, floor);
            }
        }
        low = found;
        if (before == null && found != null) {
            report(true, "disk full: " + found.reason() + "; this node refuses every write with NODE_DISK_FULL until"
                    + " space is freed (see docs/OPERATIONS.md, A full disk)");
        } else if (before != null && found == null) {
            report(false, "disk space is back above the floor of " + floor + " bytes (+" + hysteresis()
                    + " hysteresis) on every node directory " + lastFree + "; this node takes writes again");
        }
        return found;
    }

    /** Bytes free at the last check per directory name (-1: unknown); empty before the first check. */
    public synchronized long free(String name) {
        low();
        return lastFree.getOrDefault(name, -1L);
    }

    /** Whether every directory has at least {@code bytes} free now (asks the file systems; unknown counts as room). */
    public boolean hasRoom(long bytes) {
        for (Path dir : dirs.values()) {
            long free;
            try {
                free = freeSpace.applyAsLong(dir);
            } catch (RuntimeException e) {
                continue;
            }
            if (free < bytes) {
                return false;
            }
        }
        return true;
    }

    static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    public java.util.Set<String> names() {
        return dirs.keySet();
    }

    /** Why this node must not take a write now ({@code NODE_DISK_FULL}, 507, retryable elsewhere), or null. */
    public CareledgerException refusal() {
        Low l = low();
        return l == null ? null : new CareledgerException("NODE_DISK_FULL", "this node takes no writes: " + l.reason()
                + "; send the transaction to another node");
    }

    private static void report(boolean full, String message) {
        if (full) {
            LOG.error(message);
        } else {
            LOG.warn(message);
        }
        // the log file may be on the full disk: stderr goes to whatever supervises the process
        System.err.println("careledger node " + (full ? "ERROR " : "WARN ") + message);
    }

    /** Usable bytes of the file system holding {@code dir}, or of its nearest existing parent. */
    static long usableSpace(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new java.io.UncheckedIOException(new IOException("no existing parent of " + dir));
        }
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
