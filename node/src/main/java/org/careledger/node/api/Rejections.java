package org.careledger.node.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refused submissions, whatever refused them (body limits, busy node, admission, a forged access.read): counted in
 * {@code careledger_tx_rejected_total{endpoint, code}} and logged as one rate-limited WARN line per kind. The line
 * names only the endpoint and the code: never payload content, signer detail or patient ids.
 */
public final class Rejections {
    private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);
    /** The endpoints that take signed submissions; a refusal anywhere else is an ordinary client error. */
    public static final Set<String> SUBMISSIONS = Set.of("/v1/txs", "/v1/txs/batch", "/v1/txs/with-blobs",
            "/v1/access", "/v1/access/set", "/v1/drugs/epcis");

    private final MeterRegistry metrics;
    private final RateLimitedLog log = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    public Rejections(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    static boolean isSubmission(String method, String path) {
        return "POST".equalsIgnoreCase(method) && SUBMISSIONS.contains(path);
    }

    /** Counts and logs a refusal if {@code method path} is a submission endpoint. */
    void refused(String method, String path, String code) {
        if (!isSubmission(method, path)) {
            return;
        }
        count(path, code, 1);
    }

    /** Counts {@code n} refused transactions of one kind (a batch answers per tx). */
    void count(String endpoint, String code, int n) {
        if (n <= 0) {
            return;
        }
        Counter.builder("careledger.tx.rejected").description("submissions refused before ordering")
                .tag("endpoint", endpoint).tag("code", code).register(metrics).increment(n);
        log.warn(endpoint + " " + code, "refused submission on {}: {}", endpoint, code);
    }
}
