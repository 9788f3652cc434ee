package org.careledger.node.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request nonces a node has accepted while their signatures are young enough to be accepted, so that a captured
 * request cannot be sent again. Bounded: when it is full of live nonces, new requests are refused as busy rather than
 * letting a flood of signed requests grow the heap. Each nonce is kept as 128 bits of SHA-256 over (caller, nonce),
 * about 80 bytes an entry, so a million live nonces (over 3,000 signed requests a second for the 300 s a signature
 * lives) cost some 80 MB at most.
 */
final class NonceCache {
    /** 128 bits of a digest: collisions between distinct nonces are out of reach. */
    private record Key(long hi, long lo) {
        static Key of(String caller, String nonce) {
            byte[] d = org.careledger.core.Hash.sha256((caller + "\n" + nonce)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).bytes();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(d);
            return new Key(b.getLong(), b.getLong());
        }
    }

    private final ConcurrentHashMap<Key, Long> seen = new ConcurrentHashMap<>();
    private final int capacity;
    private final AtomicLong nextSweep = new AtomicLong();

    NonceCache(int capacity) {
        this.capacity = capacity;
    }

    enum Outcome { FRESH, REPLAYED, FULL }

    /** Records the caller's nonce until {@code expiresAtMillis}; REPLAYED if it is already recorded and unexpired. */
    Outcome remember(String caller, String nonce, long expiresAtMillis, long nowMillis) {
        Key key = Key.of(caller, nonce);
        sweepIfDue(nowMillis);
        // no sweep on demand when full: a flood must not turn every request into a walk over the whole cache
        if (seen.size() >= capacity) {
            return Outcome.FULL;
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
