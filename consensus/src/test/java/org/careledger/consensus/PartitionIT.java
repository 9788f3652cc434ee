package org.careledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.careledger.ledger.GenesisOrg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * (d) Every node sits behind a TCP proxy at its genesis address. One follower's proxy cuts it off from the network
 * (nothing reaches it) while the others go on committing; after the link heals it catches up to the same head.
 */
class PartitionIT extends ClusterTest {
    private final List<TcpProxy> proxies = new ArrayList<>();

    @AfterEach
    void closeProxies() { // runs before the base class stops the nodes, which is harmless either way
        proxies.forEach(TcpProxy::close);
    }

    @Test
    void partitionedFollowerCatchesUpAfterTheLinkHeals() throws IOException {
        TestNetwork net = TestNetwork.create(4);
        List<Integer> bindPorts = new ArrayList<>();
        for (GenesisOrg org : net.genesis.orgs()) {
            int bind = TestNetwork.freePort();
            bindPorts.add(bind);
            proxies.add(new TcpProxy(org.node().raftPort(), bind));
        }
        cluster = new Cluster(net, dir, o -> Cluster.fast(o).withBindAddress(
                new InetSocketAddress("127.0.0.1", bindPorts.get(indexOf(net, o.selfOrg()))))).startAll();
        int victim = cluster.follower();
        load = new Load(cluster, 4);
        load.awaitAcked(30);

        proxies.get(victim).partition(true);
        load.runFor(Duration.ofSeconds(1)); // entries it received before the cut may still be applied
        long victimHeight = cluster.ledger(victim).head().height();
        int acked = load.acked.size();
        load.awaitAcked(acked + 80);
        Cluster.await("the others to move on", () -> cluster.running().stream().filter(i -> i != victim)
                .allMatch(i -> cluster.ledger(i).head().height() > victimHeight + 20));
        assertThat(cluster.ledger(victim).head().height()).as("the cut-off node got nothing").isEqualTo(victimHeight);

        proxies.get(victim).partition(false);
        load.runFor(Duration.ofSeconds(1));
        load.close();
        cluster.awaitConverged(load.acked);
        cluster.assertExactlyOnce(load.acked);
        cluster.stopAndVerifyAll();
    }

    private static int indexOf(TestNetwork net, String org) {
        for (int i = 0; i < net.orgs.size(); i++) {
            if (net.orgs.get(i).id().equals(org)) {
                return i;
            }
        }
        throw new IllegalArgumentException(org);
    }
}
