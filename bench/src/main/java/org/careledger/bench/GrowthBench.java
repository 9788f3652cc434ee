package org.careledger.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.careledger.client.TxSigner;
import org.careledger.core.proto.TxEnvelope;

/**
 * Whether a transaction costs the same on a young ledger and an old one: grows a ledger of 1 or 4 nodes to T
 * transactions and, at every decade from 10^4 (and at T), times a window of transactions and records tx/s, p99, CPU
 * per transaction, what RocksDB's flush and compaction threads took per transaction since the previous decade, bytes
 * on disk per transaction and memory. A throw-away network takes a warm-up first, so the JIT is warm at 10^4. Between windows the ledger is filled as fast as it goes, untimed. The last column compares each window's
 * CPU per transaction with the first one's; the issue asks for ±20 % from 10^4 to the end.
 */
final class GrowthBench {
    private GrowthBench() {}

    record Row(long height, LoadGenerator.Result window, double bytesPerTx, long diskBytes, long heapBytes,
               long rssBytes, double compactionMicrosPerTx, double flushMicrosPerTx, String segmentThreads) {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("growth", "tx/s, p99, CPU, disk and memory per transaction at each"
                + " decade as one ledger grows (flat cost to 10^7)", args, List.of(
                BenchOptions.option("--nodes", "N", 1, "nodes, 1 to " + BenchNetwork.ORGS.size()),
                BenchOptions.option("--txs", "T", 1_000_000, "transactions the ledger grows to"),
                BenchOptions.option("--window", "W", 5_000, "transactions timed at each decade"),
                BenchOptions.option("--batch", "B", 250, "transactions per POST /v1/txs/batch"),
                BenchOptions.option("--clients", "C", 8, "concurrent submitting clients"),
                BenchOptions.option("--chunk", "K", 100_000, "transactions signed ahead at a time while filling"),
                BenchOptions.option("--warmup", "W", 20_000, "transactions on a throw-away network first, so the JIT is"
                        + " warm at 10^4"),
                BenchOptions.option("--base-port", "PORT", 7650, "first port of the nodes' API and Raft ports")));
        if (options.helpShown()) {
            return;
        }
        int nodes = options.intOf("--nodes");
        long total = options.intOf("--txs");
        int window = options.intOf("--window");
        int chunk = options.intOf("--chunk");
        if (window < 1000 || window > 10_000) {
            throw new IllegalArgumentException("--window takes 1000 to 10000 (a window ends at each decade from 10^4)");
        }
        if (total < 10_000) {
            throw new IllegalArgumentException("--txs must be at least 10000");
        }
        LoadGenerator.Options load = new LoadGenerator.Options(List.of(nodes), window, options.intOf("--batch"),
                options.intOf("--clients"), options.intOf("--base-port"), 0, -1);
        List<Long> checkpoints = new ArrayList<>();
        for (long d = 10_000; d <= total; d *= 10) {
            checkpoints.add(d);
        }
        if (checkpoints.getLast() != total) {
            checkpoints.add(total);
        }
        SignatureBaseline.Rate rate = SignatureBaseline.measure(3);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("careledger growth: %d node(s) to %,d txs, a window of %,d timed at %s; %d cores;"
                        + " Ed25519 %,.0f verifications/s on one core%n", nodes, total, window, checkpoints, cores,
                rate.perSecond());
        int warmup = options.intOf("--warmup");
        if (warmup > 0) {
            try (BenchNetwork scratch = BenchNetwork.start("careledger-warmup", nodes, load.basePort(), -1)) {
                List<TxSigner> members = LoadGenerator.registerMembers(scratch.genesis(), scratch.layout(),
                        scratch.clients().getFirst(), 8);
                LoadGenerator.Result w = LoadGenerator.submit(nodes, scratch.clients(),
                        LoadGenerator.presign(members, warmup), load);
                System.out.printf("warm-up on a throw-away network: %,d txs at %,.0f tx/s (not counted)%n", warmup,
                        w.txPerSecond());
            }
        }
        List<Row> rows = new ArrayList<>();
        try (BenchNetwork net = BenchNetwork.start("careledger-growth", nodes, load.basePort(), -1)) {
            List<TxSigner> members = LoadGenerator.registerMembers(net.genesis(), net.layout(), net.clients().get(0), 8);
            long done = 0;
            for (long checkpoint : checkpoints) {
                CpuUse.Snapshot segment = CpuUse.snapshot();
                long segmentStart = done;
                long fillTo = checkpoint - window;
                while (done < fillTo) {
                    int n = (int) Math.min(chunk, fillTo - done);
                    check(LoadGenerator.submit(nodes, net.clients(), LoadGenerator.presign(members, n), load), "fill");
                    done += n;
                }
                List<TxEnvelope> timed = LoadGenerator.presign(members, window);
                LoadGenerator.Result r = check(LoadGenerator.submit(nodes, net.clients(), timed, load), "window");
                done += window;
                Row row = measure(net, done, r, CpuUse.since(segment), done - segmentStart);
                rows.add(row);
                print(row, rows.getFirst(), rate.perCpuSecond());
            }
        }
        Row first = rows.getFirst();
        Row last = rows.getLast();
        double change = 100 * (cpuPerTx(last) / cpuPerTx(first) - 1);
        double changeWithoutJit = 100 * (cpuWithoutJit(last) / cpuWithoutJit(first) - 1);
        System.out.printf("CPU per transaction from %,d to %,d transactions: %+.0f %%; without the JIT's compiler"
                        + " threads (a cost of the process's age, not of the ledger's size) %+.0f %% (target: within"
                        + " ±20 %%)%n", first.height(), last.height(), change, changeWithoutJit);
        System.out.println(Summary.line("growth at " + String.format("%,d", last.height()) + " txs, " + nodes
                        + " node(s)", last.window().txPerSecond(), "tx/s", cores * rate.perSecond() / nodes,
                cores + " cores × " + String.format("%,.0f", rate.perSecond()) + " Ed25519 verifications/s ÷ " + nodes
                        + " verification(s) per tx"));
    }

    private static LoadGenerator.Result check(LoadGenerator.Result r, String what) {
        if (r.invalid() > 0) {
            throw new IllegalStateException(r.invalid() + " transactions of a " + what + " were not VALID"
                    + " (status/code: " + r.invalidCodes() + ")");
        }
        return r;
    }

    /** @param segment CPU since the previous checkpoint, over {@code segmentTxs}: compaction comes in bursts */
    private static Row measure(BenchNetwork net, long height, LoadGenerator.Result r, CpuUse segment,
                               long segmentTxs) {
        long disk = 0;
        for (int i = 0; i < net.nodes().size(); i++) {
            disk += net.bytesOnDisk(i);
        }
        disk /= net.nodes().size();
        System.gc(); // the live set, not what the collector has yet to reclaim
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Row(height, r, (double) disk / height, disk, heap, rss(),
                threadMicrosPerTx(segment, "rocksdb:low", segmentTxs), threadMicrosPerTx(segment, "rocksdb:high", segmentTxs),
                segment.topThreads((int) segmentTxs, 8));
    }

    /** RocksDB's compaction threads are rocksdb:low, its flush threads rocksdb:high (their OS names). */
    private static double threadMicrosPerTx(CpuUse cpu, String prefix, long txs) {
        return cpu.threadNanos().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(java.util.Map.Entry::getValue).sum() / 1e3 / txs;
    }

    private static double cpuPerTx(Row row) {
        return row.window().cpu().microsPerTx(row.window().txs());
    }

    private static double cpuWithoutJit(Row row) {
        return cpuPerTx(row) - row.window().cpu().jitMicrosPerTx(row.window().txs());
    }

    private static void print(Row row, Row first, double verificationsPerCpuSecond) {
        LoadGenerator.Result w = row.window();
        double cpu = cpuPerTx(row);
        System.out.printf("at %,11d txs: %,7.0f tx/s  p50 %6.0f ms  p99 %6.0f ms  CPU %5.0f µs/tx (%.1f verifications';"
                        + " RocksDB compaction %.0f, flush %.0f since the last row)  disk %,6.0f B/tx (%,d MB per node)  heap %,d MB  RSS %,d MB"
                        + "  CPU vs first %+.0f %% (without JIT %.0f µs/tx, %+.0f %%)%n",
                row.height(), w.txPerSecond(), w.p50Millis(), w.p99Millis(), cpu, cpu * verificationsPerCpuSecond / 1e6,
                row.compactionMicrosPerTx(), row.flushMicrosPerTx(), row.bytesPerTx(), row.diskBytes() >> 20,
                row.heapBytes() >> 20, row.rssBytes() >> 20, 100 * (cpu / cpuPerTx(first) - 1), cpuWithoutJit(row),
                100 * (cpuWithoutJit(row) / cpuWithoutJit(first) - 1));
        System.out.println("              since the last row, " + row.segmentThreads());
    }

    /** Resident memory of this JVM (heap, RocksDB's caches and memtables, thread stacks), from /proc. */
    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }
}
