package org.careledger.node.api;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.careledger.api.ApiHeaders;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.Ledger;

/**
 * Session consistency for clients that spread their calls over several nodes. Every answer carries the node's height
 * in {@value #HEIGHT}; a read that sends {@value #MIN_HEIGHT} (the highest height the client has seen) is held
 * until this node has applied that block, so a client never reads state older than what it already saw or wrote
 * through another node. A node that does not get there within the wait answers 503 NODE_BEHIND instead of stale data.
 */
final class HeightGate {
    static final String MIN_HEIGHT = ApiHeaders.MIN_HEIGHT;
    static final String HEIGHT = ApiHeaders.HEIGHT;

    private final Ledger ledger;
    private final long maxWaitNanos;
    // a lock, not a monitor: request handlers run on virtual threads
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();

    HeightGate(Ledger ledger, Duration maxWait) {
        this.ledger = ledger;
        this.maxWaitNanos = maxWait.toNanos();
        ledger.addListener(block -> {
            lock.lock();
            try {
                advanced.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    /** Before a read: waits until this node's head reaches the height the client asks for, if it asks. */
    void hold(Context ctx) {
        long wanted = wanted(ctx);
        if (wanted < 0) {
            return;
        }
        long reached = awaitHeight(wanted);
        if (reached < wanted) {
            throw new CareledgerException("NODE_BEHIND", "this node is at height " + reached + " and did not reach "
                    + wanted + " within " + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms; ask another node or retry");
        }
    }

    /**
     * Before a health check: the header is checked like anywhere else, but nothing waits (health says how far behind
     * the node is, at once).
     */
    void validate(Context ctx) {
        wanted(ctx);
    }

    /** The height the client asks for, or -1 if it asks for none. */
    private static long wanted(Context ctx) {
        String raw = ctx.header(MIN_HEIGHT);
        if (raw == null || raw.isBlank()) {
            return -1;
        }
        long wanted;
        try {
            wanted = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new CareledgerException("BAD_MIN_HEIGHT", MIN_HEIGHT + " must be a block height, not '" + raw + "'");
        }
        if (wanted < 0) {
            throw new CareledgerException("BAD_MIN_HEIGHT", MIN_HEIGHT + " must not be negative, got " + wanted);
        }
        return wanted;
    }

    /** After any call: tells the client the height this node's answer reflects (at least). */
    void stamp(Context ctx) {
        ctx.header(HEIGHT, Long.toString(ledger.head().height()));
    }

    /** The head height once it is at least {@code wanted}, or the lower one it had when the wait ran out. */
    long awaitHeight(long wanted) {
        long deadline = System.nanoTime() + maxWaitNanos;
        lock.lock();
        try {
            long h;
            while ((h = ledger.head().height()) < wanted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return h;
                }
                advanced.awaitNanos(left);
            }
            return h;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CareledgerException("INTERRUPTED", "interrupted while waiting for height " + wanted);
        } finally {
            lock.unlock();
        }
    }
}
