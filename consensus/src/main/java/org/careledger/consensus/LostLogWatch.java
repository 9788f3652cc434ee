package org.careledger.consensus;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Un-sticks a follower whose Raft log lost entries it had acknowledged: a restored node (its Raft directory moved
 * aside), a node whose Raft directory was removed to re-sync, or one whose open segment a full disk cut short.
 *
 * <p>Ratis' leader keeps, per follower, the match index of its last successful append and never sets the follower's
 * next index below it ({@code LogAppenderBase.getNextIndexForInconsistency}): Raft assumes an acknowledged entry
 * stays on the follower's disk. When it did not, the follower answers every append with INCONSISTENCY and its own
 * next index, the leader keeps sending entries after the old match index, and the follower never receives another
 * entry until the leader changes (a new leader starts every follower's match index from zero). This watch asks the
 * leader, every few seconds, which commit index it last heard from this node; when that is beyond this node's last
 * log entry twice in a row the log lost entries, and the node asks the leader to step down (at most once a
 * minute). The next leader, whoever it is, then finds where this node's log ends and sends it what it lacks.
 */
final class LostLogWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LostLogWatch.class);
    static final long PERIOD_MILLIS = 3_000;
    private static final long STEP_DOWN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final RaftPeerId self;
    private final RaftGroupId groupId;
    private final Supplier<RaftServer> server;
    private final RaftClient client;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("careledger-lost-log-watch").daemon(true).factory());
    private int suspicions;
    private long lastStepDown = System.nanoTime() - STEP_DOWN_EVERY_NANOS;
    private volatile long stepDowns;

    LostLogWatch(RaftPeerId self, RaftGroupId groupId, Supplier<RaftServer> server, RaftClient client) {
        this.self = self;
        this.groupId = groupId;
        this.server = server;
        this.client = client;
    }

    void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (IOException | RuntimeException e) {
                LOG.debug("lost-log check failed: {}", e.toString());
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** How many times this node asked a leader to step down because its log had lost entries. */
    long stepDowns() {
        return stepDowns;
    }

    void check() throws IOException {
        RaftServer s = server.get();
        if (s == null) {
            return;
        }
        RaftServer.Division d = s.getDivision(groupId);
        RaftPeerId leader = d.getInfo().getLeaderId();
        if (!d.getInfo().isFollower() || leader == null || leader.equals(self)) {
            suspicions = 0;
            return;
        }
        TermIndex last = d.getRaftLog().getLastEntryTermIndex();
        long lastIndex = last == null ? -1 : last.getIndex();
        GroupInfoReply info = client.getGroupManagementApi(leader).info(groupId);
        long heard = -1;
        for (CommitInfoProto c : info.getCommitInfos()) {
            if (RaftPeerId.valueOf(c.getServer().getId()).equals(self)) {
                heard = Math.max(heard, c.getCommitIndex());
            }
        }
        // re-read: an append may have landed meanwhile; only a log that still ends before it is short
        TermIndex now = d.getRaftLog().getLastEntryTermIndex();
        lastIndex = Math.max(lastIndex, now == null ? -1 : now.getIndex());
        if (heard <= lastIndex) {
            suspicions = 0;
            return;
        }
        if (++suspicions < 2 || System.nanoTime() - lastStepDown < STEP_DOWN_EVERY_NANOS) {
            return;
        }
        suspicions = 0;
        lastStepDown = System.nanoTime();
        LOG.warn("this node's Raft log ends at index {}, but the leader {} last heard it commit index {}: the log lost"
                + " entries it had acknowledged (a restore, a removed Raft directory, a segment cut short by a full"
                + " disk). The leader never resends those, so this node asks it to step down; the next leader sends"
                + " what the log lacks", lastIndex, leader, heard);
        RaftClientReply r = client.admin().transferLeadership(null, leader, 10_000);
        stepDowns++;
        if (!r.isSuccess()) {
            LOG.warn("the leader {} did not step down: {}", leader, r.getException() == null ? "" : r.getException().toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
