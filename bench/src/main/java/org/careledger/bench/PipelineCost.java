package org.careledger.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.ValidationCode;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.SignatureVerifier;
import org.careledger.ledger.Admission;
import org.careledger.ledger.CommittedBlock;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.Ledger;
import org.careledger.ledger.OrderedBatch;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;

/**
 * The CPU cost of one transaction in the two halves of the 1-node path, each on one thread and without HTTP:
 * admission (decode, signer, strict signature check, nonce) and block application (re-check, contract, Merkle
 * log, one synced RocksDB write per block). Thread CPU time, so the figures hold on a machine busy with other
 * work, where wall-clock rates do not. Several rounds: the first ones include JIT compilation.
 */
final class PipelineCost {
    private PipelineCost() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("pipeline", "CPU per transaction of each stage of the write path"
                + " (admission, ordering, apply), in Ed25519 verifications' worth", args, List.of(
                BenchOptions.option("--txs", "T", 10_000, "transactions per round"),
                BenchOptions.option("--block", "B", 500, "transactions per block"),
                BenchOptions.option("--rounds", "R", 8, "rounds (the first ones include JIT compilation)")));
        if (options.helpShown()) {
            return;
        }
        int txs = options.intOf("--txs");
        int block = options.intOf("--block");
        int rounds = options.intOf("--rounds");
        Path dir = Files.createTempDirectory("careledger-pipeline-");
        Genesis genesis = new NetworkInitializer().init(dir, new NetworkInitializer.Options("careledger-pipeline",
                List.of(OrgSpec.parse("hospital-a")), "127.0.0.1", 7700, true, NodeConfig.LOCAL));
        NetworkLayout layout = new NetworkLayout(dir);
        try (NodeAssembly node = NodeAssembly.start(layout.org("hospital-a"))) {
            CareledgerClient client = LoadGenerator.adminClient(layout, node);
            LoadGenerator.awaitReady(List.of(client));
            List<TxSigner> members = LoadGenerator.registerMembers(genesis, layout, client, 8);
            Ledger ledger = node.ledger();
            Admission admission = new Admission(ledger);
            List<byte[]> keys = members.stream().map(m -> m.signer().publicKey()).toList();
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            System.out.printf("%-6s %-8s %-22s %-22s %-14s %s%n", "round", "txs", "admission µs CPU/tx",
                    "(minus its verify)", "apply µs CPU/tx", "apply µs wall/tx (incl. fsync)");
            double bestAdmit = Double.MAX_VALUE;
            double bestApply = Double.MAX_VALUE;
            for (int r = 1; r <= rounds; r++) {
                List<TxEnvelope> signed = LoadGenerator.presign(members, txs);
                // the signature checks alone, interleaved with admission in slices of 100 so both see the same
                // moments of a busy machine: admission minus this is everything else admission does
                long verifyNanos = 0;
                long admitNanos = 0;
                for (int from = 0; from < signed.size(); from += 100) {
                    int to = Math.min(signed.size(), from + 100);
                    long v0 = cpu.getCurrentThreadCpuTime();
                    for (int i = from; i < to; i++) {
                        TxEnvelope tx = signed.get(i);
                        SignatureVerifier.verify(SignatureAlgorithm.ED25519, keys.get(i % keys.size()),
                                tx.getPayload().toByteArray(), tx.getSignature().toByteArray());
                    }
                    long a0 = cpu.getCurrentThreadCpuTime();
                    for (int i = from; i < to; i++) {
                        admission.admit(signed.get(i));
                    }
                    long a1 = cpu.getCurrentThreadCpuTime();
                    verifyNanos += a0 - v0;
                    admitNanos += a1 - a0;
                }
                double verify = verifyNanos / 1e3 / txs;
                double admit = admitNanos / 1e3 / txs;
                long c1 = cpu.getCurrentThreadCpuTime();
                long w1 = System.nanoTime();
                long invalid = 0;
                for (int i = 0; i < signed.size(); i += block) {
                    CommittedBlock b = ledger.apply(new OrderedBatch(ledger.appliedIndex() + 1, System.currentTimeMillis(),
                            "hospital-a/node", new ArrayList<>(signed.subList(i, Math.min(signed.size(), i + block)))));
                    invalid += b.block().getResultsList().stream().filter(x -> x.getCode() != ValidationCode.VALID).count();
                }
                double apply = (cpu.getCurrentThreadCpuTime() - c1) / 1e3 / txs;
                double wall = (System.nanoTime() - w1) / 1e3 / txs;
                if (r > 2) {
                    bestAdmit = Math.min(bestAdmit, admit - verify);
                    bestApply = Math.min(bestApply, apply);
                }
                System.out.printf("%-6d %-8d %-22.1f %-22.1f %-14.1f %.1f%s%n", r, txs, admit, admit - verify, apply,
                        wall, invalid > 0 ? "  (" + invalid + " not VALID)" : "");
            }
            System.out.printf("least of rounds 3..%d (JIT done; noise only ever adds): admission minus its verify %.1f µs, apply %.1f µs CPU per tx%n",
                    rounds, bestAdmit, bestApply);
        } finally {
            LoadGenerator.deleteRecursively(dir);
        }
    }
}
