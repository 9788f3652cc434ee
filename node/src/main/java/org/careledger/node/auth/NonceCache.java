package org.careledger.node.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request nonces a node has accepted while their signatures are young enough to be accepted, so that a captured
 * request cannot be sent again. Bounded: when it is full of live nonces, new requests are refused as busy rather than
 * letting a flood of signed requests grow the heap.
 */
final class NonceCache {
    private final ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
    private final int capacity;
    private final AtomicLong nextSweep = new AtomicLong();

    NonceCache(int capacity) {
        this.capacity = capacity;
    }

    enum Outcome { FRESH, REPLAYED, FULL }

    /** Records {@code key} until {@code expiresAtMillis}; REPLAYED if it is already recorded and unexpired. */
    Outcome remember(String key, long expiresAtMillis, long nowMillis) {
        sweepIfDue(nowMillis);
        if (seen.size() >= capacity) {
            sweep(nowMillis);
            if (seen.size() >= capacity) {
                return Outcome.FULL;
            }
        }
        Long before = seen.putIfAbsent(key, expiresAtMillis);
        if (before == null) {
            return Outcome.FRESH;
        }
        if (before <= nowMillis && seen.replace(key, before, expiresAtMillis)) {
            return Outcome.FRESH;
        }
        return Outcome.REPLAYED;
    }

    int size() {
        return seen.size();
    }

    private void sweepIfDue(long nowMillis) {
        long due = nextSweep.get();
        if (nowMillis >= due && nextSweep.compareAndSet(due, nowMillis + 5_000)) {
            sweep(nowMillis);
        }
    }

    private void sweep(long nowMillis) {
        seen.values().removeIf(expiry -> expiry <= nowMillis);
    }
}
