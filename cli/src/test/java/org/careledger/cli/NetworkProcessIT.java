package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.careledger.ledger.GenesisOrg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network init}, {@code network up} and {@code network down} with real node processes: four org nodes (one
 * JVM each, Raft over mutual TLS and HTTP on loopback) take signed notary transactions from clients that fail over
 * between nodes; the Raft leader's process is killed with SIGKILL mid-load and brought back with {@code network up}.
 * Every acknowledged transaction must be in the chain exactly once, at the same position on every node, and
 * {@code careledger verify} must accept every node's store. More faults: {@link FaultSuiteIT}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NetworkProcessIT {
    private static final List<String> ORGS = List.of("hospital-a", "hospital-b", "pharmacy-c", "insurer-d");

    @TempDir
    Path tmp;
    private ProcessNetwork net;
    private FailoverAnchorClients clients;
    private final long t0 = System.nanoTime();

    @AfterEach
    void stopEverything() {
        if (clients != null) {
            clients.abort();
        }
        if (net != null) {
            net.close();
        }
        System.out.printf("NetworkProcessIT total %.1f s%n", secs());
    }

    @Test
    void killedLeaderProcessLosesNoAcknowledgedTransactionAndEveryNodeVerifies() {
        try {
            scenario();
        } catch (Throwable t) {
            if (net != null) {
                net.report("network-process-it");
            }
            throw t;
        }
    }

    private void scenario() {
        // 1. init + up: four child JVMs, one per org
        net = new ProcessNetwork(tmp.resolve("net"), ORGS, "careledger-process-it");
        CliRunner.Result up = net.up();
        Map<String, ProcessHandle> firstPids = net.pids();
        assertThat(firstPids).as("a live node process per org").hasSize(ORGS.size());
        assertThat(firstPids.values()).allSatisfy(p ->
                assertThat(p.pid()).as("nodes run in their own JVMs").isNotEqualTo(ProcessHandle.current().pid()));
        for (GenesisOrg o : net.genesis.orgs()) {
            assertThat(up.out()).contains(o.nodeId()).contains(o.node().apiUrl());
        }
        String leader = net.awaitLeader(null);
        System.out.printf("network up, leader %s, after %.1f s%n", leader, secs());

        // 2. every org admin anchors documents through its own node, failing over to the others
        // a steady trickle rather than flat out: every tx is a block that all four JVMs sign and the restarted one
        // must re-execute, on two shared cores
        clients = new FailoverAnchorClients(net.urls, net.trust(), net.adminSigners(), Duration.ofMillis(250));
        awaitAcked(30);

        // 3. SIGKILL the leader's process while the clients submit
        int ackedAtKill = clients.ackedCount();
        long heightAtKill = net.health(net.urlOf(leader)).height();
        ProcessHandle victim = net.kill(leader);
        System.out.printf("killed leader %s (pid %d) at height %d with %d acknowledged, after %.1f s%n", leader,
                victim.pid(), heightAtKill, ackedAtKill, secs());
        String newLeader = net.awaitLeader(leader);
        assertThat(newLeader).isNotEqualTo(leader);
        awaitAcked(ackedAtKill + 40);
        System.out.printf("new leader %s; %d acknowledged after the kill, after %.1f s%n", newLeader,
                clients.ackedCount() - ackedAtKill, secs());

        // 4. `network up` again starts only the node that is not running; it catches up under load
        net.up();
        System.out.printf("network up again returned after %.1f s%n", secs());
        Map<String, ProcessHandle> secondPids = net.pids();
        assertThat(secondPids).hasSize(ORGS.size());
        assertThat(secondPids.get(leader).pid()).as("the killed node runs again, in a new process")
                .isNotEqualTo(victim.pid());
        for (String org : ORGS) {
            if (!org.equals(leader)) {
                assertThat(secondPids.get(org).pid()).as("%s was left running", org).isEqualTo(firstPids.get(org).pid());
            }
        }
        String restartedUrl = net.urlOf(leader);
        long target = net.urls.stream().filter(u -> !u.equals(restartedUrl)).mapToLong(u -> net.health(u).height())
                .max().orElseThrow();
        ProcessNetwork.await("the restarted node to reach height " + target,
                () -> net.heightOrZero(restartedUrl) >= target);
        int ackedAtCatchUp = clients.ackedCount();
        awaitAcked(ackedAtCatchUp + 15);
        clients.close();
        System.out.printf("restarted %s caught up to %d; load stopped: %s, after %.1f s%n", leader, target,
                clients.summary(), secs());

        assertThat(clients.errors).as("answers no client should get").isEmpty();
        assertThat(clients.failovers.get()).as("clients failed over").isPositive();
        assertThat(clients.ackedElsewhere.get()).as("txs acknowledged by a node other than the client's own").isPositive();

        // 5. one chain: the same blocks on every node, each acknowledged tx in it once
        ProcessNetwork.Chain reference = net.assertOneChainHolding(clients);
        System.out.printf("one chain on every node after %.1f s%n", secs());

        // network down stops all four processes; verify re-derives every store from genesis
        CliRunner.Result down = net.down();
        assertThat(down.out()).contains("stopped " + ORGS.size() + " node(s)");
        for (String org : ORGS) {
            assertThat(net.layout.pidFile(org)).doesNotExist();
        }
        System.out.printf("network down after %.1f s%n", secs());
        net.assertEveryStoreVerifies(reference);
        System.out.printf("%d blocks, %d txs, every node verified, after %.1f s%n", reference.blockHashes().size(),
                reference.txIds().size(), secs());
    }

    private void awaitAcked(int count) {
        ProcessNetwork.await(() -> count + " acknowledged txs (" + clients.summary() + ")",
                () -> clients.ackedCount() >= count || !clients.errors.isEmpty());
        assertThat(clients.errors).as("answers no client should get").isEmpty();
    }

    private double secs() {
        return (System.nanoTime() - t0) / 1e9;
    }
}
