package org.careledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.SignatureVerifier;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.Ledger;
import org.careledger.ledger.LedgerVerifier;
import org.careledger.ledger.OrderedBatch;
import org.careledger.ledger.VerificationReport;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;

/**
 * How fast {@code careledger verify} re-checks a store from genesis, beside the Ed25519 verifications per second
 * this machine manages in the same run (one core and all cores): every transaction's signature is checked once, so
 * the all-cores figure is verify's ceiling. The store is built like a real one: signed notary transactions from
 * several members in small blocks (default 5 per block, as in a busy 4-org network), written by a 1-node ledger.
 */
final class VerifySpeed {
    private VerifySpeed() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("verify", "careledger verify's transactions per second from genesis,"
                + " beside Ed25519 verifications/s on one core and on all cores", args, List.of(
                BenchOptions.option("--txs", "T", 20_000, "transactions in the store verified"),
                BenchOptions.option("--block", "B", 5, "transactions per block"),
                BenchOptions.option("--rounds", "R", 3, "verify runs over the same store")));
        if (options.helpShown()) {
            return;
        }
        int txs = options.intOf("--txs");
        int block = options.intOf("--block");
        int rounds = options.intOf("--rounds");
        Path dir = Files.createTempDirectory("careledger-verify-speed-");
        try {
            Genesis genesis = new NetworkInitializer().init(dir, new NetworkInitializer.Options("careledger-verify",
                    List.of(OrgSpec.parse("hospital-a")), "127.0.0.1", 7750, true, NodeConfig.LOCAL));
            NetworkLayout layout = new NetworkLayout(dir);
            Path store;
            try (NodeAssembly node = NodeAssembly.start(layout.org("hospital-a"))) {
                CareledgerClient client = LoadGenerator.adminClient(layout, node);
                LoadGenerator.awaitReady(List.of(client));
                List<TxSigner> members = LoadGenerator.registerMembers(genesis, layout, client, 8);
                List<TxEnvelope> signed = LoadGenerator.presign(members, txs);
                Ledger ledger = node.ledger();
                for (int i = 0; i < signed.size(); i += block) {
                    ledger.apply(new OrderedBatch(ledger.appliedIndex() + 1, System.currentTimeMillis(),
                            "hospital-a/node", new ArrayList<>(signed.subList(i, Math.min(signed.size(), i + block)))));
                }
                store = layout.org("hospital-a").resolve(node.config().dataDir());
            }
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("%-6s %-8s %-8s %-10s %-12s %-22s %s%n", "round", "blocks", "txs", "seconds",
                    "verify tx/s", "Ed25519 verif/s 1 core", "Ed25519 verif/s " + cores + " cores");
            for (int r = 1; r <= rounds; r++) {
                LedgerVerifier verifier = new LedgerVerifier(NodeAssembly.contracts(), NodeAssembly.certificateCheck());
                CpuUse.Snapshot cpuBefore = CpuUse.snapshot();
                long start = System.nanoTime();
                VerificationReport report = verifier.verify(store);
                double secs = (System.nanoTime() - start) / 1e9;
                CpuUse cpu = CpuUse.since(cpuBefore);
                double one = SignatureBaseline.verificationsPerSecondOneCore(2);
                double all = allCores(cores, 2);
                System.out.printf("%-6d %-8d %-8d %-10.2f %-12.0f %-22.0f %.0f%n", r, report.blocks(),
                        report.transactions(), secs, report.transactions() / secs, one, all);
                // cores busy = CPU ÷ wall: below the core count, verify waits on something other than the CPU
                int n = (int) report.transactions();
                // (per-thread figures would miss verify's reader threads: they end with the run)
                System.out.printf("       CPU %.0f µs per tx, %.1f of %d cores busy%n", cpu.microsPerTx(n),
                        cpu.processNanos() / 1e9 / secs, cores);
                if (r == rounds) { // verify checks each transaction's signature once: all cores' rate is its ceiling
                    System.out.println(Summary.line("verify round " + r, report.transactions() / secs, "tx/s", all,
                            "Ed25519 verifications/s on all " + cores + " cores, one per tx"));
                }
            }
        } finally {
            LoadGenerator.deleteRecursively(dir);
        }
    }

    /** Ed25519 verifications per second of wall-clock time with one thread per core. */
    static double allCores(int cores, double seconds) throws Exception {
        Ed25519Signer signer = Ed25519Signer.generate(new SecureRandom());
        byte[] msg = new byte[180];
        new SecureRandom().nextBytes(msg);
        byte[] sig = signer.sign(msg);
        byte[] pub = signer.publicKey();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            List<Future<Long>> counts = new ArrayList<>();
            for (int c = 0; c < cores; c++) {
                counts.add(pool.submit(() -> {
                    long n = 0;
                    while (System.nanoTime() < end) {
                        for (int i = 0; i < 100; i++) {
                            if (!SignatureVerifier.verify(SignatureAlgorithm.ED25519, pub, msg, sig)) {
                                throw new IllegalStateException("baseline signature failed to verify");
                            }
                        }
                        n += 100;
                    }
                    return n;
                }));
            }
            long n = 0;
            for (Future<Long> f : counts) {
                n += f.get();
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
