package org.careledger.consensus;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Ratis client for ordered async sends that replaces itself once it is spent. When an ordered request runs out of
 * retries (a leaderless stretch longer than the retry policy), Ratis' {@code OrderedAsync} fails its sliding window
 * and keeps the closed window: every later send of that client fails at once with {@link AlreadyClosedException}.
 * Before this class a node whose signature or ordering client met that stayed up but never sent another block
 * signature or batch. The failed send still fails (its caller retries or answers its client); the next send goes
 * through a new client.
 */
final class RenewingRaftClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RenewingRaftClient.class);

    private final String role;
    private final Supplier<RaftClient> factory;
    private final AtomicReference<RaftClient> current;
    private final AtomicLong renewals = new AtomicLong();
    private volatile boolean closed;

    RenewingRaftClient(String role, Supplier<RaftClient> factory) {
        this.role = role;
        this.factory = factory;
        this.current = new AtomicReference<>(factory.get());
    }

    CompletableFuture<RaftClientReply> send(Message message) {
        RaftClient client = current.get();
        CompletableFuture<RaftClientReply> sent;
        try {
            sent = client.async().send(message);
        } catch (RuntimeException e) {
            renewIfSpent(client, e);
            return CompletableFuture.failedFuture(e);
        }
        return sent.whenComplete((reply, error) -> {
            if (error != null) {
                renewIfSpent(client, error);
            }
        });
    }

    /** How many times a spent client was replaced (for tests and the log). */
    long renewals() {
        return renewals.get();
    }

    static boolean spent(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RaftRetryFailureException || t instanceof AlreadyClosedException) {
                return true;
            }
        }
        return false;
    }

    private void renewIfSpent(RaftClient failed, Throwable error) {
        if (closed || !spent(error) || current.get() != failed) {
            return;
        }
        RaftClient fresh = factory.get();
        if (current.compareAndSet(failed, fresh)) {
            renewals.incrementAndGet();
            LOG.warn("the {} Raft client gave up ({}); sending through a new client", role, error.toString());
            closeLater(failed);
            if (closed) {
                closeLater(fresh);
            }
        } else {
            closeLater(fresh);
        }
    }

    /** Not on the failing client's own callback thread: closing shuts down its RPC executors. */
    private static void closeLater(RaftClient client) {
        Thread.ofPlatform().name("careledger-raft-client-close").daemon(true).start(() -> closeQuietly(client));
    }

    private static void closeQuietly(RaftClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a Raft client: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(current.get());
    }
}
