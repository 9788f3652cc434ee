package org.careledger.node.api;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte budget for request bodies being received and handled at once. A request takes its declared length (or
 * its endpoint's whole limit when it does not declare one) for as long as it runs, and is refused at once when
 * the budget cannot cover it: waiting would let a crowd of slow uploads queue without bound.
 */
public final class UploadPermits {
    /** System property, or environment variable {@code CARELEDGER_UPLOAD_BUDGET_BYTES}, that sets the budget. */
    public static final String PROPERTY = "careledger.http.uploadBudgetBytes";
    public static final long DEFAULT_BUDGET = 256L * 1024 * 1024;

    private final long budget;
    private final AtomicLong inUse = new AtomicLong();

    public UploadPermits(long budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("upload budget must be positive, not " + budget);
        }
        this.budget = budget;
    }

    /**
     * The configured budget, else 256 MiB or a quarter of the heap, whichever is smaller — but never below the
     * largest single body an endpoint accepts, or that endpoint could never be used.
     */
    public static UploadPermits configured(long largestBody) {
        String v = System.getProperty(PROPERTY, System.getenv("CARELEDGER_UPLOAD_BUDGET_BYTES"));
        long budget;
        if (v != null && !v.isBlank()) {
            try {
                budget = Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PROPERTY + " must be a number of bytes, not '" + v + "'");
            }
        } else {
            budget = Math.max(largestBody, Math.min(DEFAULT_BUDGET, Runtime.getRuntime().maxMemory() / 4));
        }
        return new UploadPermits(budget);
    }

    public long budget() {
        return budget;
    }

    public long inUse() {
        return inUse.get();
    }

    /** A permit for {@code bytes}, or empty when the budget has not that much left. Never blocks. */
    public Optional<Permit> tryAcquire(long bytes) {
        long weight = Math.max(1, bytes);
        while (true) {
            long used = inUse.get();
            if (used + weight > budget) {
                return Optional.empty();
            }
            if (inUse.compareAndSet(used, used + weight)) {
                return Optional.of(new Permit(weight));
            }
        }
    }

    /** Bytes held until closed; closing twice releases once. */
    public final class Permit implements AutoCloseable {
        private final long bytes;
        private boolean closed;

        private Permit(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                inUse.addAndGet(-bytes);
            }
        }
    }
}
