package org.careledger.node.api;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * At most one WARN line per kind and interval, with the number of events of that kind it did not log. A client
 * that repeats a bad request thousands of times a second must not be able to fill the node's disk through its log.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        volatile long lastLogged = Long.MIN_VALUE;
        final AtomicLong suppressed = new AtomicLong();
    }

    RateLimitedLog(Logger log, Duration interval) {
        this(log, interval, System::nanoTime);
    }

    RateLimitedLog(Logger log, Duration interval, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.clock = nanoClock;
    }

    /**
     * Logs {@code line} (an SLF4J pattern; callers pass no Throwable, so no stack trace is ever printed) unless a line of this kind was logged within the
     * interval; the line that goes out says how many were left out since the previous one.
     */
    void warn(String kind, String line, Object... args) {
        Window w = windows.computeIfAbsent(kind, k -> new Window());
        long now = clock.getAsLong();
        synchronized (w) {
            if (w.lastLogged != Long.MIN_VALUE && now - w.lastLogged < intervalNanos) {
                w.suppressed.incrementAndGet();
                return;
            }
            w.lastLogged = now;
        }
        long skipped = w.suppressed.getAndSet(0);
        if (skipped == 0) {
            log.warn(line, args);
            return;
        }
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = skipped;
        log.warn(line + " ({} more like this in the last interval, not logged)", all);
    }
}
