package org.careledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.careledger.contracts.StandardContracts;
import org.careledger.core.Hash;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.ledger.ContractRegistry;
import org.careledger.ledger.Ledger;
import org.careledger.ledger.LedgerVerifier;
import org.careledger.ledger.VerificationReport;
import org.careledger.storage.LedgerStore;

/** n in-process nodes on loopback, each with its own RocksDB store and Raft directory under one temp dir. */
final class Cluster implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    final TestNetwork net;
    private final Path root;
    private final UnaryOperator<RaftNodeOptions> tune;
    private final Ledger[] ledgers;
    private final RaftNode[] nodes;

    Cluster(int size, Path root, UnaryOperator<RaftNodeOptions> tune) {
        this(TestNetwork.create(size), root, tune);
    }

    Cluster(TestNetwork net, Path root, UnaryOperator<RaftNodeOptions> tune) {
        this.net = net;
        this.root = root;
        this.tune = tune;
        this.ledgers = new Ledger[net.orgs.size()];
        this.nodes = new RaftNode[net.orgs.size()];
    }

    /** Short election timeouts: fast fail-over in tests on a small machine. */
    static RaftNodeOptions fast(RaftNodeOptions o) {
        return o.withTls(false).withElectionTimeout(Duration.ofMillis(600), Duration.ofMillis(1200))
                .withOrderTimeout(Duration.ofSeconds(20)).withBatching(50, 2);
    }

    int size() {
        return nodes.length;
    }

    Path storeDir(int i) {
        return root.resolve(net.orgs.get(i).id()).resolve("store");
    }

    Path raftDir(int i) {
        return root.resolve(net.orgs.get(i).id()).resolve("raft");
    }

    RaftNodeOptions options(int i) {
        TestNetwork.Org org = net.orgs.get(i);
        return tune.apply(RaftNodeOptions.of(net.genesis, org.id(), raftDir(i), org.node(), org.nodeCertificate()));
    }

    Cluster startAll() {
        IntStream.range(0, size()).forEach(this::start);
        return this;
    }

    void start(int i) {
        if (ledgers[i] == null) {
            ledgers[i] = Ledger.open(LedgerStore.open(storeDir(i)), net.genesis, contracts());
        }
        nodes[i] = RaftNode.start(options(i), ledgers[i]);
    }

    /** Graceful stop of the node, then its ledger. */
    void stop(int i) {
        if (nodes[i] != null) {
            nodes[i].close();
            nodes[i] = null;
        }
        if (ledgers[i] != null) {
            ledgers[i].close();
            ledgers[i] = null;
        }
    }

    /** Abrupt stop: no draining, no snapshot; the store is closed as a dying process leaves it. */
    void crash(int i) {
        if (nodes[i] != null) {
            nodes[i].crash();
            nodes[i] = null;
        }
        if (ledgers[i] != null) {
            ledgers[i].close();
            ledgers[i] = null;
        }
    }

    /** Removes a stopped node's store and Raft directory: it comes back as a new, empty node. */
    void wipe(int i) throws IOException {
        assertThat(nodes[i]).isNull();
        CheckpointStorage.deleteRecursively(root.resolve(net.orgs.get(i).id()));
    }

    RaftNode node(int i) {
        return nodes[i];
    }

    Ledger ledger(int i) {
        return ledgers[i];
    }

    List<Integer> running() {
        return IntStream.range(0, size()).filter(i -> nodes[i] != null).boxed().toList();
    }

    int awaitLeader() {
        int[] found = {-1};
        await("a leader", () -> {
            for (int i : running()) {
                if (nodes[i].isLeader()) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    int follower() {
        int leader = awaitLeader();
        return running().stream().filter(i -> i != leader).findFirst().orElseThrow();
    }

    /** All running nodes have the same head, hold every given tx, and every block is final everywhere. */
    void awaitConverged(Set<Hash> mustContain) {
        await("running nodes to agree on one head with every block final", () -> {
            List<Integer> live = running();
            Hash head = ledgers[live.get(0)].head().hash();
            for (int i : live) {
                if (!ledgers[i].head().hash().equals(head)
                        || nodes[i].finality().finalHeight() != ledgers[i].head().height()) {
                    return false;
                }
            }
            Ledger any = ledgers[live.get(0)];
            return mustContain.stream().allMatch(id -> any.location(id).isPresent());
        });
    }

    /** Every tx id of the node's chain in order. */
    static List<Hash> chainTxIds(Ledger ledger) {
        List<Hash> out = new ArrayList<>();
        for (long h = 1; h <= ledger.head().height(); h++) {
            Block b = ledger.block(h).orElseThrow();
            for (TxEnvelope tx : b.getTxsList()) {
                out.add(TestNetwork.txId(tx));
            }
        }
        return out;
    }

    /** Every acked tx is in every running node's chain exactly once, no tx twice, and all chains are equal. */
    void assertExactlyOnce(Set<Hash> acked) {
        List<Hash> reference = null;
        for (int i : running()) {
            List<Hash> ids = chainTxIds(ledgers[i]);
            Map<Hash, Integer> counts = new HashMap<>();
            ids.forEach(id -> counts.merge(id, 1, Integer::sum));
            assertThat(counts.values()).as("no tx committed twice on node %d", i).allMatch(c -> c == 1);
            Set<Hash> missing = new TreeSet<>(acked);
            missing.removeAll(counts.keySet());
            assertThat(missing).as("acknowledged txs missing on node %d", i).isEmpty();
            if (reference == null) {
                reference = ids;
            } else {
                assertThat(ids).as("node %d orders txs like the others", i).isEqualTo(reference);
            }
        }
    }

    /** Stops every node gracefully and runs the full verifier on each store; all reports must be equal. */
    List<VerificationReport> stopAndVerifyAll() {
        return stopAndVerify(running());
    }

    List<VerificationReport> stopAndVerify(List<Integer> which) {
        List<Integer> list = List.copyOf(which);
        list.forEach(this::stop);
        List<VerificationReport> reports = new ArrayList<>();
        for (int i : list) {
            reports.add(verifier().verify(storeDir(i)));
        }
        assertThat(reports).as("verification reports").allMatch(r -> r.equals(reports.get(0)));
        assertThat(reports.get(0).certifiedBlocks()).as("every block certified").isEqualTo(reports.get(0).blocks());
        return reports;
    }

    /** True once the log under {@code raftDir} no longer starts at index 0 (its first segment file was purged). */
    static boolean purgedSegments(Path raftDir) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(raftDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("log_"))
                    .noneMatch(n -> n.startsWith("log_0-") || n.equals("log_inprogress_0"));
        } catch (IOException e) {
            return false;
        }
    }

    static LedgerVerifier verifier() {
        return new LedgerVerifier(contracts(), new QuorumCertificateCheck());
    }

    static ContractRegistry contracts() {
        List<org.careledger.core.contract.Domain> all = new java.util.ArrayList<>(StandardContracts.domains());
        all.add(BlobTestContract.DOMAIN);
        return new ContractRegistry(all);
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, WAIT, condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // a node may be mid-restart; try again
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    @Override
    public void close() {
        for (int i = 0; i < size(); i++) {
            try {
                stop(i);
            } catch (RuntimeException e) {
                // keep closing the others
            }
        }
    }
}
