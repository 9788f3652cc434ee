package org.careledger.node.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.careledger.api.SubmitResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;

/**
 * The API's defences against hostile or broken clients, wired into Javalin in one place: per-endpoint body
 * limits and the upload budget ({@link BoundedBodies}), problem bodies for Jetty's own errors ({@link JettyErrors}),
 * 405 with {@code Allow} for a known path with the wrong method, counted refusals ({@link Rejections}) and quiet
 * client aborts ({@link ClientAbortLog}).
 */
public final class HttpGuards {
    private final BodyLimits limits;
    private final UploadPermits permits;
    private final Rejections rejections;
    private final ClientAbortLog aborts = new ClientAbortLog();

    public HttpGuards(int maxTxBytes, MeterRegistry metrics) {
        this.limits = BodyLimits.of(maxTxBytes);
        this.permits = UploadPermits.configured(limits.largest());
        this.rejections = new Rejections(metrics);
        io.micrometer.core.instrument.Gauge.builder("careledger.http.upload.bytes.in.use", permits, UploadPermits::inUse)
                .description("request body bytes admitted and not yet released (budget: " + permits.budget() + ")")
                .register(metrics);
    }

    public BodyLimits limits() {
        return limits;
    }

    public UploadPermits permits() {
        return permits;
    }

    public void install(JavalinConfig cfg) {
        // a backstop only: BoundedBodies refuses anything over the endpoint's own, smaller limit first
        cfg.http.maxRequestSize = limits.largest();
        cfg.http.prefer405over404 = true;
        cfg.jetty.modifyServer(JettyErrors::install);
        cfg.jetty.modifyServletContextHandler(context -> {
            JettyErrors.install(context);
            context.addFilter(new FilterHolder(new BoundedBodies(limits, permits, rejections)), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
        });
    }

    /** Counts a problem answer if it refused a submission. */
    public void refused(Context ctx, String code) {
        rejections.refused(ctx.method().name(), ctx.path(), code);
    }

    /** Counts the transactions of a batch answered REJECTED. */
    public void refused(String endpoint, List<SubmitResponse> answers) {
        answers.stream().filter(a -> "REJECTED".equals(a.status()))
                .collect(java.util.stream.Collectors.groupingBy(a -> String.valueOf(a.errorCode()),
                        java.util.stream.Collectors.counting()))
                .forEach((code, n) -> rejections.count(endpoint, code, n.intValue()));
    }

    /**
     * True if {@code e} means the client hung up or stalled; then it has been logged as one rate-limited WARN line
     * and there is nobody left to answer.
     */
    public boolean clientAborted(Context ctx, Exception e) {
        if (!ClientAbortLog.isClientAbort(e)) {
            return false;
        }
        aborts.log(ctx.method().name(), ctx.path(), e);
        return true;
    }
}
