package org.careledger.consensus;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.careledger.core.Hash;
import org.careledger.core.proto.TxEnvelope;

/**
 * Clients submitting concurrently to whichever nodes are running. A tx counts as acknowledged only when its
 * node's order() completed normally; failures are counted, not retried (a retry would hide a lost tx).
 */
final class Load implements AutoCloseable {
    final Set<Hash> acked = ConcurrentHashMap.newKeySet();
    final Set<Hash> submitted = ConcurrentHashMap.newKeySet();
    final AtomicInteger failures = new AtomicInteger();
    private final Cluster cluster;
    private final ExecutorService clients;
    private volatile boolean running = true;

    Load(Cluster cluster, int clientCount) {
        this.cluster = cluster;
        this.clients = Executors.newFixedThreadPool(clientCount);
        for (int c = 0; c < clientCount; c++) {
            int org = c % cluster.size();
            clients.submit(() -> run(org));
        }
    }

    private void run(int org) {
        while (running) {
            List<Integer> live = cluster.running();
            if (live.isEmpty()) {
                sleep(20);
                continue;
            }
            int at = live.get(ThreadLocalRandom.current().nextInt(live.size()));
            RaftNode node = cluster.node(at);
            if (node == null) {
                continue;
            }
            TxEnvelope tx = cluster.net.registerMember(org);
            Hash id = TestNetwork.txId(tx);
            submitted.add(id);
            try {
                node.orderer().order(tx).get(30, TimeUnit.SECONDS);
                acked.add(id);
            } catch (Exception e) {
                failures.incrementAndGet();
                sleep(50);
            }
        }
    }

    /** Lets the clients run for a while. */
    void runFor(Duration d) {
        sleep(d.toMillis());
    }

    void awaitAcked(int count) {
        Cluster.await(count + " acknowledged txs", () -> acked.size() >= count);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops submitting and waits for in-flight submissions to finish. */
    @Override
    public void close() {
        running = false;
        clients.shutdown();
        try {
            clients.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
