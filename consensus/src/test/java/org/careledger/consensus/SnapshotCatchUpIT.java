package org.careledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.careledger.core.Hash;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * (e) With a snapshot every 20 entries and 16 KiB log segments the leader purges its log quickly. A node that was
 * down meanwhile, and later a brand-new empty node, can no longer be fed from the log: they fetch the blocks from
 * peers, re-execute them, and end with the same head and the same verification result.
 */
class SnapshotCatchUpIT extends ClusterTest {

    @Test
    void nodesBehindAPurgedLogCatchUpFromPeers() throws IOException {
        cluster = new Cluster(4, dir, o -> Cluster.fast(o).withSnapshots(20, 16 * 1024).withBatching(4, 1)).startAll();
        int lagging = cluster.follower();
        load = new Load(cluster, 4);
        load.awaitAcked(20);
        cluster.stop(lagging);
        int acked = load.acked.size();
        load.awaitAcked(acked + 150);
        int leader = cluster.awaitLeader();
        Cluster.await("the leader to purge its log", () -> Cluster.purgedSegments(cluster.raftDir(leader)));
        cluster.start(lagging);
        load.awaitAcked(acked + 180);
        load.close();
        Set<Hash> all = new HashSet<>(load.acked);
        cluster.awaitConverged(all);
        Cluster.await("the restarted node to finish catching up through the snapshot path",
                () -> cluster.node(lagging).catchUp().completed() > 0);
        assertThat(cluster.node(lagging).catchUp().blocksFetched()).isPositive();

        // a new node with nothing at all: empty store, empty Raft directory
        int fresh = cluster.running().stream().filter(i -> i != lagging && i != cluster.awaitLeader()).findFirst().orElseThrow();
        cluster.stop(fresh);
        cluster.wipe(fresh);
        load = new Load(cluster, 4);
        load.awaitAcked(40);
        cluster.start(fresh);
        load.awaitAcked(60);
        load.close();
        all.addAll(load.acked);
        cluster.awaitConverged(all);
        assertThat(cluster.node(fresh).catchUp().blocksFetched()).as("the empty node re-executed fetched blocks")
                .isPositive();
        cluster.assertExactlyOnce(all);
        cluster.stopAndVerifyAll();
    }
}
