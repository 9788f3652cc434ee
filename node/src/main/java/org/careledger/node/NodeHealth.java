package org.careledger.node;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.careledger.consensus.RaftNode;
import org.careledger.core.CareledgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node can serve writes and current reads, apart from whether its process answers at all.
 *
 * <ul>
 *   <li><b>DEGRADED</b>: it halted (a quorum signed another hash), its Raft server stopped (a failed apply), or its
 *       store reported corruption while serving. It will not recover by itself.</li>
 *   <li><b>CATCHING_UP</b>: it is more than {@link #LAG_THRESHOLD} committed Raft log entries behind what it knows
 *       is committed (its own commit index, or the leader's from the commit infos Ratis sends with every append),
 *       it is fetching blocks from peers because the leader purged what it lacks, or it has not heard from a leader
 *       since it started (so it cannot know its lag). It leaves the state once the lag is at most half the
 *       threshold, so a node near the line does not flap.</li>
 *   <li><b>DISK_FULL</b>: a disk holding the store, the Raft log or the read log has less free space than the floor
 *       ({@link DiskGuard}); every write is refused with {@code NODE_DISK_FULL}, reads go on. It is UP again by itself
 *       once space is back above the floor.</li>
 *   <li><b>UP</b>: otherwise; the only ready state.</li>
 * </ul>
 * The lag is counted in Raft log entries (blocks and the nodes' signature batches), not blocks: the commit index is
 * what Ratis knows without reading anything, and an entry is the unit the node applies. Local ordering has no lag.
 * A change of state or of its cause is logged once (WARN away from UP, INFO back to UP and for the start before a
 * leader is heard); a store corruption adds one ERROR line.
 */
public final class NodeHealth {
    private static final Logger LOG = LoggerFactory.getLogger(NodeHealth.class);
    /**
     * Committed log entries a node may have left to apply and still say UP and take writes (about 85 blocks at two
     * signature batches per block: well under a second of applying). {@code -Dcareledger.health.lagThreshold=N}
     * changes it, e.g. for a network whose healthy followers trail further under load.
     */
    public static final long LAG_THRESHOLD = Math.max(2, Long.getLong("careledger.health.lagThreshold", 256));
    /** Retry-After (seconds) of a refusal while catching up, and while degraded. */
    public static final int RETRY_CATCHING_UP_SECONDS = 2;
    public static final int RETRY_DEGRADED_SECONDS = 30;

    public enum Status { UP, CATCHING_UP, DEGRADED, DISK_FULL }

    /** Why the status is what it is; a change of cause is logged like a change of status. */
    public enum Cause { NONE, HALTED, STORE_CORRUPTED, WRITE_FAILED, DISK_FULL, RAFT_STOPPED, CATCHING_UP_FROM_PEERS, NO_LEADER_YET, BEHIND }

    /** One evaluation; {@code appliedIndex}, {@code commitIndex} are -1 with local ordering. */
    public record State(Status status, Cause cause, String reason, long appliedIndex, long commitIndex, long lag,
                        boolean lagKnown) {
        public boolean ready() {
            return status == Status.UP;
        }
    }

    private final Supplier<RaftNode.Progress> raft;
    private final Supplier<String> haltReason;
    private final Path storeDir;
    private final DiskGuard disk;
    private final AtomicReference<State> last = new AtomicReference<>();
    private volatile String corruption;

    /**
     * @param raft       this node's Raft progress, or null with local ordering
     * @param haltReason why the node halted, or null
     * @param storeDir   the ledger store, named in the log when it reports corruption
     */
    public NodeHealth(Supplier<RaftNode.Progress> raft, Supplier<String> haltReason, Path storeDir) {
        this(raft, haltReason, storeDir, null);
    }

    /** @param disk the free-space floor of the node's directories, or null for none */
    public NodeHealth(Supplier<RaftNode.Progress> raft, Supplier<String> haltReason, Path storeDir, DiskGuard disk) {
        this.disk = disk;
        this.raft = raft;
        this.haltReason = haltReason;
        this.storeDir = storeDir;
    }

    /** Evaluates the state now (cheap: free space is asked at most once a second); logs if it changed since the last evaluation. */
    public State check() {
        State previous = last.get();
        State now = evaluate(previous);
        State before = last.getAndSet(now);
        if (before == null ? now.status() != Status.UP : before.cause() != now.cause()) {
            String from = before == null ? "start" : before.status().name();
            if (now.status() == Status.UP) {
                LOG.info("health {} -> UP (applied log index {}, commit index {})", from, now.appliedIndex(),
                        now.commitIndex());
            } else if (before == null && now.cause() == Cause.NO_LEADER_YET) {
                LOG.info("health start -> {}: {}", now.status(), now.reason()); // every Raft node starts so
            } else {
                LOG.warn("health {} -> {}: {}", from, now.status(), now.reason());
            }
        }
        return now;
    }

    private State evaluate(State previous) {
        RaftNode.Progress p = raft == null ? null : raft.get();
        long applied = p == null ? -1 : p.appliedIndex();
        long commit = p == null ? -1 : p.commitIndex();
        long lag = p == null ? 0 : p.lag();
        boolean known = p == null || p.heardFromLeader() || p.catchingUpFromPeers();
        String halted = haltReason.get();
        if (halted != null) {
            return new State(Status.DEGRADED, Cause.HALTED, "halted: " + halted, applied, commit, lag, known);
        }
        String corrupt = corruption;
        if (corrupt != null) {
            return new State(Status.DEGRADED, Cause.STORE_CORRUPTED, "the store reported corruption: " + corrupt, applied,
                    commit, lag, known);
        }
        if (p != null && p.writeFailure() != null) {
            return new State(Status.DEGRADED, Cause.WRITE_FAILED, "this node takes no log entries: "
                    + p.writeFailure() + "; it restarts its Raft server and store by itself once its disks have "
                    + DiskGuard.mib(restartRoom()) + " MiB free", applied, commit, lag, known);
        }
        DiskGuard.Low low = disk == null ? null : disk.low();
        if (low != null) {
            return new State(Status.DISK_FULL, Cause.DISK_FULL, low.reason(), applied, commit, lag, known);
        }
        if (p == null) {
            return new State(Status.UP, Cause.NONE, null, applied, commit, lag, known);
        }
        if (!p.serverRunning()) {
            return new State(Status.DEGRADED, Cause.RAFT_STOPPED, "the Raft server is not running", applied, commit,
                    lag, known);
        }
        if (p.catchingUpFromPeers()) {
            return new State(Status.CATCHING_UP, Cause.CATCHING_UP_FROM_PEERS, "fetching blocks from peers: the leader"
                    + " purged the log entries this node lacks (it must reach log index " + (p.catchUpTarget() - 1) + ", applied " + applied + ")",
                    applied, commit, lag, known);
        }
        if (!p.heardFromLeader()) {
            return new State(Status.CATCHING_UP, Cause.NO_LEADER_YET, "has not heard from a Raft leader since it"
                    + " started, so it cannot know how far behind it is", applied, commit, lag, known);
        }
        boolean wasBehind = previous != null && previous.status() == Status.CATCHING_UP;
        if (lag > LAG_THRESHOLD || wasBehind && lag > LAG_THRESHOLD / 2) {
            return new State(Status.CATCHING_UP, Cause.BEHIND, lag + " committed log entries behind (applied " + applied
                    + ", commit index " + commit + ", threshold " + LAG_THRESHOLD + ")", applied, commit, lag, known);
        }
        return new State(Status.UP, Cause.NONE, null, applied, commit, lag, known);
    }

    /**
     * Free bytes every node directory needs before a node whose Raft log failed restarts its Raft server: the floor
     * and its hysteresis, and at least {@link DiskGuard#RESTART_ROOM} (a new preallocated Raft segment, a RocksDB
     * flush), so a restart does not fail on the same full disk.
     */
    public long restartRoom() {
        return disk == null ? DiskGuard.RESTART_ROOM : Math.max(DiskGuard.RESTART_ROOM, disk.floor() + disk.hysteresis());
    }

    /**
     * Why this node should restart its Raft server now, or null: its Raft log failed (Ratis never retries a failed
     * log write) and every disk it writes has {@link #restartRoom()} free again.
     */
    public String restartReason() {
        State s = current();
        if (s.cause() != Cause.WRITE_FAILED) {
            return null;
        }
        if (disk != null && !disk.hasRoom(restartRoom())) {
            return null;
        }
        return s.reason();
    }

    /** The last evaluation (or a fresh one if there is none yet). */
    public State current() {
        State s = last.get();
        return s != null ? s : check();
    }

    /** The store failed a read with corruption while serving: logs it once and turns the node DEGRADED. */
    public void storeCorrupted(CareledgerException e) {
        synchronized (this) {
            if (corruption != null) {
                return;
            }
            corruption = e.getMessage();
        }
        LOG.error("the ledger store at {} is CORRUPTED ({}); this node is DEGRADED and refuses writes until an"
                + " operator restores the store (see docs/OPERATIONS.md)", storeDir, e.getMessage());
        check();
    }

    /**
     * Why this node must take no write at all now, whatever the submission waits for ({@code NODE_DISK_FULL}), or
     * null. Asks the file systems at most once a second.
     */
    public CareledgerException intakeRefusal() {
        return disk == null ? null : disk.refusal();
    }

    /**
     * Why this node must not take a write now (503, retryable on another node), or null. A node that has not heard
     * from a leader yet is not refused here: right after a cluster starts every node is in that state, and the
     * write waits for the election as before; {@link TxService} re-checks while it waits for the block.
     */
    public CareledgerException writeRefusal() {
        State s = check();
        if (s.status() == Status.DEGRADED) {
            return new CareledgerException("NODE_DEGRADED", "this node is degraded and takes no writes ("
                    + s.reason() + "); send the transaction to another node");
        }
        if (s.status() == Status.DISK_FULL) {
            return new CareledgerException("NODE_DISK_FULL", "this node takes no writes: " + s.reason()
                    + "; send the transaction to another node");
        }
        if (s.status() == Status.CATCHING_UP && (s.lagKnown() || s.lag() > LAG_THRESHOLD / 2)) {
            return new CareledgerException("NODE_CATCHING_UP", "this node is catching up (" + s.reason()
                    + ") and would answer only once it applied the block; send the transaction to another node");
        }
        return null;
    }
}
