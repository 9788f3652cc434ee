package org.careledger.node.api;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that hangs up mid-request, or stalls until the idle timeout, is the client's problem, not the node's:
 * it costs one rate-limited WARN line without a stack trace, never an ERROR.
 */
final class ClientAbortLog {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAbortLog.class);
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final RateLimitedLog log = new RateLimitedLog(LOG, INTERVAL);

    /** True if {@code e} (or a cause) says the connection was closed, reset or timed out by the client side. */
    static boolean isClientAbort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.equals("org.eclipse.jetty.io.EofException") || t instanceof EOFException
                    || t instanceof TimeoutException || t instanceof java.nio.channels.ClosedChannelException
                    || name.equals("org.eclipse.jetty.http.BadMessageException") && mentionsEof(t)
                    || name.equals("org.eclipse.jetty.http.HttpException$RuntimeException") && mentionsEof(t)) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null) {
                String m = t.getMessage().toLowerCase(Locale.ROOT);
                if (m.contains("connection reset") || m.contains("broken pipe") || m.contains("early eof")
                        || m.contains("closed") || m.contains("idle timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean mentionsEof(Throwable t) {
        return t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("eof");
    }

    void log(String method, String path, Throwable e) {
        log.warn("client-abort", "client went away during {} {}: {}", method, path, summary(e));
    }

    /** The innermost cause's class and message, on one line. */
    private static String summary(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? "" : ": " + root.getMessage().replaceAll("[\\r\\n]+", " ");
        return root.getClass().getSimpleName() + m;
    }
}
