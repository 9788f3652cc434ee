package org.careledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.careledger.core.proto.TxEnvelope;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;
import org.careledger.consensus.proto.Batch;
import org.careledger.consensus.proto.RaftEntry;
import org.careledger.crypto.EcdsaP256Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateRequest;

import java.time.Duration;
import org.careledger.core.CareledgerException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.careledger.core.Hash;
import org.careledger.ledger.VerificationReport;
import org.junit.jupiter.api.Test;

/** Four real Ratis servers on loopback with RocksDB stores: crashes, restarts, and what clients were told. */
class RaftClusterIT extends ClusterTest {

    /** (a) + TLS: the leader dies under concurrent load; every acknowledged tx is committed once, in one order. */
    @Test
    void leaderCrashUnderLoadLosesNoAcknowledgedTransaction() {
        cluster = new Cluster(4, dir, o -> Cluster.fast(o).withTls(true)).startAll();
        int leader = cluster.awaitLeader();
        load = new Load(cluster, 6);
        load.awaitAcked(60);
        cluster.crash(leader);
        int ackedAtCrash = load.acked.size();
        load.awaitAcked(ackedAtCrash + 60);
        load.close();
        assertThat(cluster.awaitLeader()).isNotEqualTo(leader);

        cluster.awaitConverged(load.acked);
        cluster.assertExactlyOnce(load.acked);

        cluster.start(leader);
        cluster.awaitConverged(load.acked);
        cluster.assertExactlyOnce(load.acked);
        outsidersAreRefused();
        List<VerificationReport> reports = cluster.stopAndVerifyAll();
        assertThat(reports).hasSize(4);
        assertThat(reports.get(0).transactions()).isGreaterThanOrEqualTo(load.acked.size());
    }

    /**
     * Neither a member certificate of a consortium CA nor a plaintext client gets an entry into the log; the same
     * client code with a genuine node certificate does (the control that shows the refusals are TLS's doing).
     */
    private void outsidersAreRefused() {
        TestNetwork net = cluster.net;
        Signer key = EcdsaP256Signer.generate(new SecureRandom());
        X509Certificate member = net.orgs.get(0).ca().issue(new CertificateRequest("dr-mallory", List.of("physician"),
                key.algorithm(), key.publicKey(), net.validity));
        TestNetwork.Org a = net.orgs.get(0);
        Parameters impostor = RaftNode.tlsParameters(NodeTls.config(net.genesis, "org-a", key, member));
        Parameters genuine = RaftNode.tlsParameters(NodeTls.config(net.genesis, "org-a", a.node(), a.nodeCertificate()));
        String leader = net.orgs.get(cluster.awaitLeader()).id();
        for (Parameters refused : List.of(impostor, new Parameters())) {
            TxEnvelope tx = net.registerMember(0);
            assertThatThrownBy(() -> sendDirectly(refused, leader, tx)).isInstanceOf(IOException.class);
            assertThat(cluster.ledger(0).location(TestNetwork.txId(tx))).isEmpty();
        }
        TxEnvelope tx = net.registerMember(0);
        try {
            assertThat(sendDirectly(genuine, leader, tx).isSuccess()).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cluster.awaitConverged(Set.of(TestNetwork.txId(tx)));
    }

    private RaftClientReply sendDirectly(Parameters parameters, String leader, TxEnvelope tx) throws IOException {
        byte[] entry = RaftEntry.newBuilder().setBatch(Batch.newBuilder().setProposer("org-a/node")
                .setTimestampMillis(System.currentTimeMillis()).addTxs(tx)).build().toByteArray();
        RaftProperties properties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        try (RaftClient client = RaftClient.newBuilder().setRaftGroup(RaftNode.group(cluster.net.genesis))
                .setLeaderId(RaftPeerId.valueOf(leader)).setProperties(properties).setParameters(parameters)
                .setRetryPolicy(RetryPolicies.noRetry()).build()) {
            return client.io().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)));
        }
    }

    /** (b): a follower (a minority of one) crashes, the rest go on; restarted, it catches up to the same head. */
    @Test
    void crashedMinorityCatchesUpAfterRestart() {
        cluster = new Cluster(4, dir, Cluster::fast).startAll();
        int victim = cluster.follower();
        load = new Load(cluster, 4);
        load.awaitAcked(30);
        cluster.crash(victim);
        int ackedAtCrash = load.acked.size();
        load.awaitAcked(ackedAtCrash + 60);
        cluster.start(victim);
        load.awaitAcked(ackedAtCrash + 90);
        load.close();

        cluster.awaitConverged(load.acked);
        cluster.assertExactlyOnce(load.acked);
        cluster.stopAndVerifyAll();
    }

    /** (c): every node crashes at once; after a restart nothing acknowledged is lost and the chain continues. */
    @Test
    void wholeNetworkRestartKeepsEveryAcknowledgedTransaction() {
        cluster = new Cluster(4, dir, Cluster::fast).startAll();
        load = new Load(cluster, 4);
        load.awaitAcked(50);
        load.close();
        Set<Hash> before = new HashSet<>(load.acked);
        for (int i = 0; i < cluster.size(); i++) {
            cluster.crash(i);
        }
        for (int i = 0; i < cluster.size(); i++) {
            cluster.start(i);
        }
        cluster.awaitConverged(before);
        long heightAfterRestart = cluster.ledger(0).head().height();

        load = new Load(cluster, 4);
        load.awaitAcked(30);
        load.close();
        Set<Hash> all = new HashSet<>(before);
        all.addAll(load.acked);
        cluster.awaitConverged(all);
        cluster.assertExactlyOnce(all);
        assertThat(cluster.ledger(0).head().height()).isGreaterThan(heightAfterRestart);
        cluster.stopAndVerifyAll();
    }

    /** Without a majority nothing can be committed: order() fails within its timeout, saying there is no leader. */
    @Test
    void withoutAMajorityOrderingFailsWithNoLeader() throws Exception {
        cluster = new Cluster(4, dir, o -> Cluster.fast(o).withOrderTimeout(Duration.ofSeconds(4))).startAll();
        // every node holds log entries first: Ratis does not count votes of peers whose log is empty
        TxEnvelope first = cluster.net.registerMember(2);
        cluster.node(cluster.awaitLeader()).orderer().order(first).get(30, TimeUnit.SECONDS);
        cluster.awaitConverged(Set.of(TestNetwork.txId(first)));
        int leader = cluster.awaitLeader();
        List<Integer> others = cluster.running().stream().filter(i -> i != leader).toList();
        cluster.crash(others.get(0));
        cluster.crash(others.get(1));
        Cluster.await("the old leader to step down", () -> !cluster.node(leader).isLeader());
        long started = System.nanoTime();
        assertThatThrownBy(() -> cluster.node(leader).orderer().order(cluster.net.registerMember(0)).get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CareledgerException.class)
                .satisfies(e -> assertThat(((CareledgerException) e.getCause()).code()).isEqualTo("NO_LEADER"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));

        cluster.start(others.get(0));
        TxEnvelope tx = cluster.net.registerMember(1);
        cluster.awaitLeader();
        cluster.node(others.get(0)).orderer().order(tx).get(30, TimeUnit.SECONDS);
        cluster.awaitConverged(Set.of(TestNetwork.txId(tx)));
    }
}
