package org.careledger.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for local networks started by tests. Test support: it lives in core's tests and reaches the
 * tests of other modules through core's test-jar. The ports come from below the OS's ephemeral range: a port the
 * kernel handed out with {@code new ServerSocket(0)} is an ephemeral one, and between the check and the server's
 * bind any outgoing connection (a gRPC reconnect of a node stopped a moment ago, say) may take it as its local port.
 * Ratis then ends the whole JVM on the failed bind. Ports handed out once are not handed out again by this JVM.
 */
public final class LoopbackPorts {
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {}

    /** One free port. */
    public static int free() {
        return pick(0);
    }

    /**
     * A base port b such that b+1..b+n and b+101..b+100+n are free right now: the layout of {@code network init},
     * API ports then Raft ports.
     */
    public static int freeBase(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a port range needs at least one node, got " + n);
        }
        return pick(n);
    }

    private static int pick(int n) {
        int ceiling = ephemeralLow() - 200;
        for (int attempt = 0; attempt < 500; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOWEST, ceiling);
            if (n == 0 ? claim(base) : claimRange(base, n)) {
                return base;
            }
        }
        throw new IllegalStateException("no free loopback port range between " + LOWEST + " and " + ceiling);
    }

    private static boolean claimRange(int base, int n) {
        for (int i = 1; i <= n; i++) {
            if (HANDED_OUT.contains(base + i) || HANDED_OUT.contains(base + 100 + i)
                    || !isFree(base + i) || !isFree(base + 100 + i)) {
                return false;
            }
        }
        for (int i = 1; i <= n; i++) {
            HANDED_OUT.add(base + i);
            HANDED_OUT.add(base + 100 + i);
        }
        return true;
    }

    private static boolean claim(int port) {
        return !HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port);
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The low end of Linux's ephemeral port range, or the IANA one (49152) elsewhere. */
    private static int ephemeralLow() {
        try {
            // read it as a stream: /proc files report size 0, and a sized read may return only the first byte
            String range;
            try (var in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                range = in.readLine().strip();
            }
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > LOWEST + 1_000 ? low : 49_152;
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
