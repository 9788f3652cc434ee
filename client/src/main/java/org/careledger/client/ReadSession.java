package org.careledger.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Read-your-writes and monotonic reads across nodes. Clients of different nodes that share one session remember the
 * highest block height any node reported; their reads ask each node to answer only once it has applied that block,
 * so a record written through one node is never missing from a read through another that is a few blocks behind.
 * A node that cannot catch up within its wait answers NODE_BEHIND rather than older state. Thread-safe.
 */
public final class ReadSession {
    private final AtomicLong height = new AtomicLong();

    /** The highest height seen so far (0 before any answer). */
    public long height() {
        return height.get();
    }

    /** Records a height a node reported; lower ones change nothing. */
    public void observe(long reported) {
        height.accumulateAndGet(reported, Math::max);
    }
}
