package org.careledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.careledger.core.CareledgerException;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.LedgerStore;
import org.careledger.storage.WriteSet;
import org.junit.jupiter.api.Test;

/**
 * (g) One node's store is tampered with while it is down (a member's identity removed, as a bad disk or a careless
 * operator might). After restart it executes the member's next transaction differently, so its block hash differs
 * from the other three; their signatures make a quorum over the other hash, and the node halts instead of serving
 * its forked chain. The others keep finalizing.
 */
class DivergenceIT extends ClusterTest {

    @Test
    void aNodeWhoseBlockDiffersFromAQuorumHalts() throws Exception {
        cluster = new Cluster(4, dir, Cluster::fast).startAll();
        TestNetwork net = cluster.net;
        TestNetwork.Member member = net.newMember(0);
        cluster.node(0).orderer().order(net.registerMember(0, member)).get(20, TimeUnit.SECONDS);
        cluster.awaitConverged(java.util.Set.of());
        int forked = 3;

        cluster.stop(forked);
        try (LedgerStore store = LedgerStore.open(cluster.storeDir(forked))) {
            String id = net.orgs.get(0).id() + "/" + member.name();
            assertThat(store.get(Column.STATE, Keys.utf8(StateKeys.identity(id)))).isPresent();
            store.write(new WriteSet().delete(Column.STATE, Keys.utf8(StateKeys.identity(id))));
        }
        cluster.start(forked);

        // the member signs a transaction: valid (refused by the contract) on three nodes, an unknown signer on one
        TxEnvelope byMember = net.sign(member.key(), net.orgs.get(0).id() + "/" + member.name(), 1, "membership",
                "registerMember", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        cluster.node(1).orderer().order(byMember).get(20, TimeUnit.SECONDS);

        Cluster.await("the tampered node to halt", () -> cluster.node(forked).halted());
        assertThat(cluster.node(forked).haltReason()).contains("forked").contains("signed hash");
        assertThatThrownBy(() -> cluster.node(forked).orderer().order(net.registerMember(1)).get(5, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(CareledgerException.class)
                .satisfies(e -> assertThat(((CareledgerException) e.getCause()).code()).isEqualTo("NODE_HALTED"));

        // the healthy majority goes on and finalizes with three signatures
        for (int i = 0; i < 3; i++) {
            cluster.node(i).orderer().order(net.registerMember(i)).get(20, TimeUnit.SECONDS);
        }
        List<Integer> healthy = List.of(0, 1, 2);
        Cluster.await("the healthy nodes to agree and finalize", () -> healthy.stream().allMatch(i ->
                cluster.ledger(i).head().hash().equals(cluster.ledger(0).head().hash())
                        && cluster.node(i).finality().finalHeight() == cluster.ledger(i).head().height()));
        assertThat(healthy).noneMatch(i -> cluster.node(i).halted());

        cluster.stop(forked);
        cluster.stopAndVerify(healthy);
        assertThatThrownBy(() -> Cluster.verifier().verify(cluster.storeDir(forked)))
                .as("the forked store does not verify").isInstanceOf(CareledgerException.class)
                .satisfies(e -> assertThat(((CareledgerException) e).code()).isEqualTo("VERIFY_FAILED"));
    }
}
