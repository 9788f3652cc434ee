package org.careledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.contracts.membership.RegisterMember;
import org.careledger.contracts.notary.AnchorDocument;
import org.careledger.core.CareledgerException;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateRequest;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;

/**
 * End-to-end load: starts a local network in this JVM (real nodes, RocksDB, HTTP on loopback), pre-signs N
 * notary transactions from several members, submits them in batches from concurrent clients and waits for each
 * commit. Prints throughput and commit latency beside the raw Ed25519 verifications/s of one core measured in
 * the same run, so the figure can be read against this machine's limit.
 */
public final class LoadGenerator {
    private static final List<String> ORGS = BenchNetwork.ORGS;

    record Options(List<Integer> nodes, int txs, int batch, int clients, int basePort, int warmup, int lingerMillis) {}

    /** @param invalidCodes how many answers of each code other than VALID (status/code), to say why */
    record Result(int nodes, int txs, double txPerSecond, double p50Millis, double p99Millis, long invalid,
                  CpuUse cpu, java.util.Map<String, Long> invalidCodes) {}

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        if (o == null) {
            return; // --help
        }
        System.out.println("careledger load: " + o.txs() + " notary txs per run, batches of " + o.batch() + ", "
                + o.clients() + " concurrent clients, " + Runtime.getRuntime().availableProcessors() + " cores");
        SignatureBaseline.Rate rate = SignatureBaseline.measure(3);
        double baseline = rate.perSecond();
        double verifyMicros = 1e6 / rate.perCpuSecond();
        System.out.printf("baseline: strict Ed25519 verification, one core: %,.0f verifications/s (%,.0f per CPU-second: %.0f µs CPU each)%n",
                baseline, rate.perCpuSecond(), verifyMicros);
        List<Result> results = new ArrayList<>();
        for (int n : o.nodes()) {
            results.add(run(n, o));
        }
        System.out.println();
        System.out.printf("%-6s %-8s %-10s %-10s %-10s %-14s %s%n", "nodes", "txs", "tx/s", "p50 ms", "p99 ms",
                "ed25519/s/core", "tx/s ÷ verify/s/core");
        for (Result r : results) {
            System.out.printf("%-6d %-8d %-10.0f %-10.1f %-10.1f %-14.0f %.2f%n", r.nodes(), r.txs(), r.txPerSecond(),
                    r.p50Millis(), r.p99Millis(), baseline, r.txPerSecond() / baseline);
            System.out.printf("       CPU of this process while submitting: %.0f µs per tx = %.2f verifications' CPU (%.0f µs each); %s%n",
                    r.cpu().microsPerTx(r.txs()), r.cpu().microsPerTx(r.txs()) / verifyMicros, verifyMicros,
                    r.cpu().topThreads(r.txs(), 12));
            if (r.invalid() > 0) {
                System.out.println("WARNING: " + r.invalid() + " transactions were not VALID: " + r.invalidCodes());
            }
        }
        // every node verifies every transaction once: n nodes on one machine share its cores n ways
        int cores = Runtime.getRuntime().availableProcessors();
        for (Result r : results) {
            System.out.println(Summary.line("load " + r.nodes() + " node(s)", r.txPerSecond(), "tx/s",
                    cores * baseline / r.nodes(), cores + " cores × " + String.format("%,.0f", baseline)
                            + " Ed25519 verifications/s ÷ " + r.nodes() + " verification(s) per tx"));
        }
    }

    static Result run(int nodeCount, Options o) throws Exception {
        try (BenchNetwork net = BenchNetwork.start("careledger-load", nodeCount, o.basePort(), o.lingerMillis())) {
            List<CareledgerClient> clients = net.clients();
            List<TxSigner> members = registerMembers(net.genesis(), net.layout(), clients.get(0), 8);
            List<TxEnvelope> txs = presign(members, o.txs() + o.warmup());
            if (o.warmup() > 0) {
                // a node runs for months: let the JIT compile the hot path before timing, as a long-lived node would have
                System.out.printf("%n%d node(s): warming up with %d txs (not timed)…%n", nodeCount, o.warmup());
                Result w = submit(nodeCount, clients, txs.subList(o.txs(), txs.size()), o);
                System.out.printf("warm-up: %.0f tx/s%n", w.txPerSecond());
                txs = txs.subList(0, o.txs());
            }
            System.out.printf("%n%d node(s): submitting %d signed txs…%n", nodeCount, txs.size());
            long before = net.nodes().get(0).ledger().head().height();
            Result r = submit(nodeCount, clients, txs, o);
            long blocks = net.nodes().get(0).ledger().head().height() - before;
            System.out.printf("%d blocks, %.0f txs per block on average%n", blocks, (double) txs.size() / Math.max(1, blocks));
            return r;
        }
    }

    static void awaitReady(List<CareledgerClient> clients) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        for (CareledgerClient c : clients) {
            while (true) {
                try {
                    var h = c.health();
                    if (h.leader() != null && !h.leader().isEmpty()) {
                        break;
                    }
                } catch (RuntimeException e) {
                    // not up yet
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("network did not become ready");
                }
                Thread.sleep(200);
            }
        }
    }

    static List<TxSigner> registerMembers(Genesis genesis, NetworkLayout layout, CareledgerClient client, int count) {
        SecureRandom random = new SecureRandom();
        Instant now = Instant.now();
        Validity validity = new Validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        List<TxSigner> members = new ArrayList<>();
        List<TxEnvelope> registrations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GenesisOrg org = genesis.orgs().get(i % genesis.orgs().size());
            Signer caKey = KeyFiles.readSigner(layout.caKey(org.id()));
            OrgCertificateAuthority ca = OrgCertificateAuthority.of(Pem.decodeCertificate(org.caCertificate()), caKey, random);
            TxSigner admin = new TxSigner(genesis.chainId(), org.adminId(), KeyFiles.readSigner(layout.adminKey(org.id())),
                    System.currentTimeMillis() * 1000 + i * 1_000_000L);
            Signer key = Ed25519Signer.generate(random);
            String name = "load-" + i;
            String cert = Pem.encodeCertificate(ca.issue(new CertificateRequest(name, List.of("clerk"), key.algorithm(),
                    key.publicKey(), validity)));
            registrations.add(admin.sign("membership", "registerMember", new RegisterMember(name, cert)));
            members.add(new TxSigner(genesis.chainId(), org.id() + "/" + name, key));
        }
        for (SubmitResponse r : client.submitBatch(registrations, Wait.COMMIT)) {
            if (!r.valid()) {
                throw new IllegalStateException("member registration failed: " + r.errorCode() + " " + r.message());
            }
        }
        return members;
    }

    static List<TxEnvelope> presign(List<TxSigner> members, int n) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        return IntStream.range(0, n).parallel().mapToObj(i -> {
            TxSigner s = members.get(i % members.size());
            byte[] digest = sha256(("document " + run + "-" + i).getBytes());
            return s.sign("notary", "anchor", new AnchorDocument("doc-" + run + "-" + i, HexFormat.of().formatHex(digest), "lab-report"));
        }).toList();
    }

    static Result submit(int nodeCount, List<CareledgerClient> clients, List<TxEnvelope> txs, Options o)
            throws Exception {
        List<List<TxEnvelope>> batches = new ArrayList<>();
        for (int i = 0; i < txs.size(); i += o.batch()) {
            batches.add(txs.subList(i, Math.min(txs.size(), i + o.batch())));
        }
        double[] latencies = new double[txs.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger filled = new AtomicInteger();
        long[] invalid = new long[1];
        java.util.Map<String, Long> invalidCodes = new java.util.concurrent.ConcurrentSkipListMap<>();
        AtomicInteger refusals = new AtomicInteger();
        CpuUse.Snapshot cpuBefore = CpuUse.snapshot();
        CpuUse cpu;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(o.clients())) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < o.clients(); c++) {
                int home = c;
                workers.add(pool.submit(() -> {
                    int b;
                    while ((b = next.getAndIncrement()) < batches.size()) {
                        long t0 = System.nanoTime();
                        List<SubmitResponse> answers = submitRetrying(clients, home, batches.get(b), refusals);
                        double ms = (System.nanoTime() - t0) / 1e6;
                        long bad = 0;
                        for (SubmitResponse a : answers) {
                            if (!a.valid()) {
                                bad++;
                                invalidCodes.merge(a.status() + "/" + a.code()
                                        + (a.errorCode() == null ? "" : "/" + a.errorCode()), 1L, Long::sum);
                            }
                        }
                        synchronized (invalid) {
                            invalid[0] += bad;
                        }
                        for (int k = 0; k < answers.size(); k++) {
                            latencies[filled.getAndIncrement()] = ms;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            cpu = CpuUse.since(cpuBefore);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        if (refusals.get() > 0) {
            System.out.printf("%d batch(es), or their refused transactions, refused by a node that was behind"
                            + " (NODE_CATCHING_UP) and resent to the next node%n",
                    refusals.get());
        }
        double[] sorted = Arrays.copyOf(latencies, filled.get());
        Arrays.sort(sorted);
        return new Result(nodeCount, txs.size(), txs.size() / secs, percentile(sorted, 0.50), percentile(sorted, 0.99), invalid[0], cpu,
                invalidCodes);
    }

    /**
     * Submits a batch through the client's own node; a node that is behind (or degraded) refuses it before ordering
     * with a retryable code, so the batch goes to the next node after a short pause, as a client would do; so do the
     * transactions of a batch it refused one by one (REJECTED with a retryable code: never ordered). The latency
     * counted includes the refusal.
     */
    private static List<SubmitResponse> submitRetrying(List<CareledgerClient> clients, int home, List<TxEnvelope> batch,
                                                       AtomicInteger refusals) throws InterruptedException {
        int at = home;
        for (int attempt = 1; ; attempt++) {
            try {
                List<SubmitResponse> answers = clients.get(at % clients.size()).submitBatch(batch, Wait.COMMIT);
                // a node that fell behind while it took the batch refuses the rest one by one, before ordering them
                List<Integer> refused = new ArrayList<>();
                for (int i = 0; i < answers.size(); i++) {
                    if ("REJECTED".equals(answers.get(i).status()) && RETRYABLE.contains(answers.get(i).errorCode())) {
                        refused.add(i);
                    }
                }
                if (refused.isEmpty() || attempt >= 50) {
                    return answers;
                }
                refusals.incrementAndGet();
                Thread.sleep(Math.min(500, 20L * attempt));
                List<SubmitResponse> again = submitRetrying(clients, at + 1,
                        refused.stream().map(batch::get).toList(), refusals);
                List<SubmitResponse> merged = new ArrayList<>(answers);
                for (int k = 0; k < refused.size(); k++) {
                    merged.set(refused.get(k), firstCopy(clients, again.get(k)));
                }
                return merged;
            } catch (CareledgerException e) {
                if (!RETRYABLE.contains(e.code()) || attempt >= 50) {
                    throw e;
                }
                refusals.incrementAndGet();
                at++;
                Thread.sleep(Math.min(500, 20L * attempt));
            }
        }
    }

    /**
     * A node that fell behind after ordering a transaction refuses it as NODE_CATCHING_UP although it may commit (the
     * answer says so); the resent copy is then refused as TX_REPLAY, and the committed first copy is the answer, read
     * back as {@code FailoverClient} does.
     */
    private static SubmitResponse firstCopy(List<CareledgerClient> clients, SubmitResponse resent)
            throws InterruptedException {
        if (!"REJECTED".equals(resent.status()) || !"TX_REPLAY".equals(resent.errorCode())) {
            return resent;
        }
        // the node that refused the copy has the first one; a node that is behind may not have it yet: ask each
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            for (CareledgerClient node : clients) {
                try {
                    var tx = node.tx(resent.txId()).tx();
                    return new SubmitResponse(tx.txId(), "COMMITTED", tx.height(), tx.index(), null, tx.code(),
                            tx.errorCode(), tx.message(), tx.events());
                } catch (CareledgerException e) {
                    if (!"TX_NOT_FOUND".equals(e.code()) || System.nanoTime() > giveUp) {
                        throw e;
                    }
                }
            }
            Thread.sleep(100);
        }
    }

    private static final java.util.Set<String> RETRYABLE = java.util.Set.of("NODE_CATCHING_UP", "NODE_DEGRADED");

    static void deleteRecursively(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Options parse(String[] args) {
        BenchOptions options = new BenchOptions("load", "signed notary transactions per second on 1 and 4 nodes,"
                + " beside the Ed25519 verification limit of the same run", args, List.of(
                BenchOptions.option("--nodes", "N[,N]", "1,4", "network sizes to run, 1 to " + ORGS.size()),
                BenchOptions.option("--txs", "T", 20_000, "transactions timed per network"),
                BenchOptions.option("--batch", "B", 250, "transactions per POST /v1/txs/batch"),
                BenchOptions.option("--clients", "C", 8, "concurrent submitting clients"),
                BenchOptions.option("--base-port", "PORT", 7600, "first port of the nodes' API and Raft ports"),
                BenchOptions.option("--warmup", "W", 0, "transactions submitted first, not timed"),
                BenchOptions.option("--linger", "MS", -1, "the nodes' block linger in ms (-1: the node's default)")));
        if (options.helpShown()) {
            return null;
        }
        List<Integer> nodes;
        try {
            nodes = Arrays.stream(options.stringOf("--nodes").split(",")).map(String::trim).map(Integer::parseInt)
                    .toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--nodes takes node counts such as 1,4");
        }
        int txs = options.intOf("--txs");
        int batch = options.intOf("--batch");
        int clients = options.intOf("--clients");
        int basePort = options.intOf("--base-port");
        int warmup = options.intOf("--warmup");
        int linger = options.intOf("--linger");
        for (int n : nodes) {
            if (n < 1 || n > ORGS.size()) {
                throw new IllegalArgumentException("--nodes takes 1 to " + ORGS.size());
            }
        }
        return new Options(nodes, txs, batch, clients, basePort, warmup, linger);
    }

    /** A client of a node that pins the genesis node keys and signs its requests as the node's org admin. */
    static CareledgerClient adminClient(NetworkLayout layout, NodeAssembly node) {
        String orgId = node.config().orgId();
        return new CareledgerClient(node.apiUrl(), null, org.careledger.client.auth.NodeTrust.fromGenesis(layout.genesis()),
                new org.careledger.client.auth.RequestSigner(orgId + "/admin",
                        org.careledger.crypto.x509.KeyFiles.readSigner(layout.adminKey(orgId))));
    }
}
