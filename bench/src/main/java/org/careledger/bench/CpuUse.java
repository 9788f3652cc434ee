package org.careledger.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time this JVM spent during a run, in total and per thread group (thread names with digits folded), so a
 * run on a shared, noisy machine can still say what one transaction costs and where: wall-clock rates move with
 * the neighbours' load, CPU per transaction much less. Per-thread figures come from {@code /proc/self/task} (so
 * GC, JIT and RocksDB's native threads count too) where it exists; elsewhere only the process total is shown.
 */
record CpuUse(long processNanos, Map<String, Long> threadNanos) {
    record Snapshot(long processNanos, Map<String, Long> threads, Map<String, String> names) {}

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    static Snapshot snapshot() {
        Map<String, Long> threads = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        if (Files.isDirectory(TASKS)) {
            try (Stream<Path> tasks = Files.list(TASKS)) {
                tasks.forEach(t -> {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        int open = stat.indexOf('(');
                        int close = stat.lastIndexOf(')');
                        String[] f = stat.substring(close + 2).split(" ");
                        // after "pid (comm) ": state=0 … utime=11 stime=12
                        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        threads.put(t.getFileName().toString(), ticks * NANOS_PER_TICK);
                        names.put(t.getFileName().toString(), stat.substring(open + 1, close));
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended while we listed it
                    }
                });
            } catch (IOException e) {
                threads.clear();
            }
        }
        return new Snapshot(processCpuNanos(), threads, names);
    }

    static CpuUse since(Snapshot before) {
        Snapshot after = snapshot();
        Map<String, Long> groups = new HashMap<>();
        after.threads().forEach((id, t) -> {
            long used = t - before.threads().getOrDefault(id, 0L);
            if (used > 0) {
                groups.merge(after.names().get(id).replaceAll("\\d+", "N"), used, Long::sum);
            }
        });
        return new CpuUse(after.processNanos() - before.processNanos(), groups);
    }

    double microsPerTx(int txs) {
        return processNanos / 1e3 / txs;
    }

    /** The busiest thread groups, µs per tx each (names as the OS shows them: at most 15 characters). */
    String topThreads(int txs, int n) {
        if (threadNanos.isEmpty()) {
            return "no per-thread figures on this OS";
        }
        return threadNanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(e -> String.format("%s %.0f", e.getKey(), e.getValue() / 1e3 / txs))
                .collect(Collectors.joining(", ", "µs/tx by thread: ", ""));
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
