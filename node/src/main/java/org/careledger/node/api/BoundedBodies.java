package org.careledger.node.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;

/**
 * Enforces {@link BodyLimits} and {@link UploadPermits} while a body streams in, before any handler buffers it:
 * a declared Content-Length over the limit is refused with 413 before a byte is read; a body without one is read
 * through a counter that fails at limit + 1; and a request the upload budget cannot cover gets 503 NODE_BUSY with
 * Retry-After at once. The permit is held until the response is done, because the handler keeps the bytes.
 */
final class BoundedBodies implements Filter {
    static final int RETRY_AFTER_SECONDS = 1;

    private final BodyLimits limits;
    private final UploadPermits permits;
    private final Rejections rejections;
    private final ObjectMapper json = CanonicalJson.mapper();

    BoundedBodies(BodyLimits limits, UploadPermits permits, Rejections rejections) {
        this.limits = limits;
        this.permits = permits;
        this.rejections = rejections;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String path = req.getRequestURI();
        OptionalLong limit = limits.limit(req.getMethod(), path);
        if (limit.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long max = limit.getAsLong();
        long declared = req.getContentLengthLong();
        if (declared > max) {
            refuse(req, res, new CareledgerException("PAYLOAD_TOO_LARGE", "the body declares " + declared
                    + " bytes; " + path + " takes at most " + max));
            return;
        }
        Optional<UploadPermits.Permit> permit = permits.tryAcquire(declared >= 0 ? declared : max);
        if (permit.isEmpty()) {
            res.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            refuse(req, res, new CareledgerException("NODE_BUSY", "the node is receiving as many request bodies as"
                    + " it will hold at once; retry in " + RETRY_AFTER_SECONDS + " s"));
            return;
        }
        try (UploadPermits.Permit held = permit.get()) {
            chain.doFilter(new Bounded(req, max), response);
        }
    }

    private void refuse(HttpServletRequest req, HttpServletResponse res, CareledgerException e) throws IOException {
        rejections.refused(req.getMethod(), req.getRequestURI(), e.code());
        int status = Problems.status(e.code());
        res.setStatus(status);
        res.setContentType("application/problem+json");
        // the body is left unread: Jetty closes the connection after this answer rather than drain it
        res.setHeader("Connection", "close");
        res.getOutputStream().write(json.writeValueAsBytes(Problems.of(e, req.getRequestURI())));
    }

    /** The request with its body read through a counter that refuses byte limit + 1. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream in;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                in = new Counting(super.getInputStream(), limit, getRequestURI());
            }
            return in;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private final String path;
        private long read;

        Counting(ServletInputStream in, long limit, String path) {
            this.in = in;
            this.limit = limit;
            this.path = path;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            // never ask for more than one byte past the limit, so nothing beyond it is ever held
            int n = in.read(buf, off, (int) Math.min(len, limit + 1 - read));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            read += n;
            if (read > limit) {
                throw new CareledgerException("PAYLOAD_TOO_LARGE", "the body is over the " + limit
                        + " bytes " + path + " takes");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
