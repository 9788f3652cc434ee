package org.careledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.careledger.core.Hash;
import org.careledger.core.proto.TxEnvelope;
import org.junit.jupiter.api.Test;

/**
 * Off-chain blobs on a 4-node Raft network: they reach every node's blob store but never a Raft log segment; a
 * node that was down while blobs were committed — and catches up by re-executing fetched blocks, because the
 * leader purged its log — fetches the blobs from a peer, except one erased meanwhile, which stays gone.
 */
class BlobReplicationIT extends ClusterTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void blobsReachEveryNodeOutsideTheLogAndALaggingNodeFetchesAllButTheErasedOne() throws Exception {
        cluster = new Cluster(4, dir, o -> Cluster.fast(o).withSnapshots(20, 16 * 1024).withBatching(4, 1)).startAll();
        int lagging = cluster.follower();

        byte[] everywhere = blob();
        order(lagging, "attach", everywhere);
        Cluster.await("the blob on every node", () -> cluster.running().stream()
                .allMatch(i -> cluster.ledger(i).blob(Hash.sha256(everywhere)).isPresent()));

        cluster.stop(lagging);
        int entry = cluster.follower();
        byte[] kept = blob();
        byte[] erased = blob();
        order(entry, "attach", kept);
        order(entry, "attach", erased);
        order(entry, "purge", erased);
        assertThat(cluster.ledger(entry).blob(Hash.sha256(kept))).isPresent();
        assertThat(cluster.ledger(entry).blob(Hash.sha256(erased))).isEmpty();

        // push the leader past a snapshot so its log no longer reaches the stopped node
        load = new Load(cluster, 2);
        load.awaitAcked(120);
        int currentLeader = cluster.awaitLeader();
        Cluster.await("the leader to purge its log", () -> Cluster.purgedSegments(cluster.raftDir(currentLeader)));
        cluster.start(lagging);
        load.awaitAcked(load.acked.size() + 20);
        load.close();
        cluster.awaitConverged(new java.util.HashSet<>(load.acked));
        Cluster.await("the restarted node to catch up through peers",
                () -> cluster.node(lagging).catchUp().completed() > 0);

        assertThat(cluster.node(lagging).catchUp().blobsFetched()).as("blobs fetched from a peer").isPositive();
        assertThat(cluster.ledger(lagging).blob(Hash.sha256(kept))).as("blob committed while down").isPresent();
        assertThat(cluster.ledger(lagging).blob(Hash.sha256(everywhere))).isPresent();
        assertThat(cluster.ledger(lagging).blob(Hash.sha256(erased))).as("erased blob never comes back").isEmpty();
        assertThat(cluster.ledger(lagging).wantedBlobs(10)).isEmpty();

        for (int i = 0; i < cluster.size(); i++) {
            for (Path f : segments(cluster.raftDir(i))) {
                byte[] bytes = Files.readAllBytes(f);
                for (byte[] b : List.of(everywhere, kept, erased)) {
                    assertThat(indexOf(bytes, Arrays.copyOf(b, 64))).as("blob bytes in Raft segment " + f).isEqualTo(-1);
                }
            }
        }
        cluster.stopAndVerifyAll();
    }

    private byte[] blob() {
        byte[] b = new byte[4096];
        random.nextBytes(b);
        return b;
    }

    private void order(int node, String method, byte[] blob) throws Exception {
        TestNetwork.Org o = cluster.net.orgs.get(node);
        Hash h = Hash.sha256(blob);
        TxEnvelope tx = cluster.net.sign(o.admin(), o.id() + "/admin", o.nonce().getAndIncrement(), "blobtest",
                method, h.bytes());
        Map<Hash, byte[]> blobs = method.equals("attach") ? Map.of(h, blob) : Map.of();
        cluster.node(node).orderer().order(tx, blobs).get(30, TimeUnit.SECONDS);
        Cluster.await("the " + method + " tx on node " + node,
                () -> cluster.ledger(node).location(TestNetwork.txId(tx)).isPresent());
    }

    private static List<Path> segments(Path raftDir) throws IOException {
        try (Stream<Path> files = Files.walk(raftDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("log_")).toList();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        // ISO-8859-1 maps each byte to one char, so String's (vectorized) search finds byte sequences
        return new String(hay, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
