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

    /** Java threads carry their full name here, so a node's Ratis threads show by role, not cut at 15 characters. */
    private static final String JAVA = "java:";

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
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!threads.isEmpty() && mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled()) {
            for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                long cpu = info == null ? -1 : mx.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    threads.put(JAVA + info.getThreadId(), cpu);
                    names.put(JAVA + info.getThreadId(), info.getThreadName());
                }
            }
        }
        return new Snapshot(processCpuNanos(), threads, names);
    }

    static CpuUse since(Snapshot before) {
        Snapshot after = snapshot();
        // an OS task whose 15-character name is a Java thread's is counted once, under the Java thread's full name
        java.util.Set<String> javaComms = new java.util.HashSet<>();
        after.names().forEach((id, name) -> {
            if (id.startsWith(JAVA)) {
                javaComms.add(name.length() > 15 ? name.substring(0, 15) : name);
            }
        });
        Map<String, Long> groups = new HashMap<>();
        after.threads().forEach((id, t) -> {
            long used = t - before.threads().getOrDefault(id, 0L);
            String name = after.names().get(id);
            if (used > 0 && (id.startsWith(JAVA) || !javaComms.contains(name))) {
                groups.merge(fold(name), used, Long::sum);
            }
        });
        return new CpuUse(after.processNanos() - before.processNanos(), groups);
    }

    /** One group per role: digits, Ratis group ids and the node's and peer's org names folded. */
    static String fold(String threadName) {
        return threadName.replaceAll("^[a-z0-9-]+@group-[0-9A-F]+", "NODE")
                .replaceAll("->[a-z0-9-]+-", "->PEER-")
                .replaceAll("\\d+", "N");
    }

    double microsPerTx(int txs) {
        return processNanos / 1e3 / txs;
    }

    /** The JIT compiler threads' share (HotSpot names them C1/C2 CompilerThreadN; folded to "CN CompilerThre"). */
    double jitMicrosPerTx(int txs) {
        return threadNanos.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToLong(Map.Entry::getValue).sum() / 1e3 / txs;
    }

    /** The busiest thread groups, µs per tx each (Java threads by full name, native ones as the OS shows them). */
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
