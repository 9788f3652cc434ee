package org.careledger.gateway;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.careledger.fhir.FhirR4;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request must carry {@code Authorization: Bearer <token>} (401 OperationOutcome otherwise, with
 * {@code WWW-Authenticate: Bearer}); bodies over the limit are refused before they are read (413). Logs one line per
 * request naming the method, the path's shape (resource type and operation, every id replaced by {@code {id}}, no
 * query), the status and the time: never a patient id, a record id or content.
 */
public final class BearerAuth implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);
    private static final String PREFIX = "Bearer ";

    private final GatewayToken token;
    private final long maxBodyBytes;
    private final FhirR4 fhir;

    public BearerAuth(GatewayToken token, long maxBodyBytes, FhirR4 fhir) {
        this.token = token;
        this.maxBodyBytes = maxBodyBytes;
        this.fhir = fhir;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        long start = System.nanoTime();
        try {
            String auth = req.getHeader("Authorization");
            if (auth == null || !auth.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                refuse(resp, 401, "AUTH_REQUIRED", "the FHIR gateway answers requests with a bearer token only");
                return;
            }
            if (!token.matches(auth.substring(PREFIX.length()).trim())) {
                refuse(resp, 401, "AUTH_INVALID", "the bearer token is not the gateway's");
                return;
            }
            if (req.getContentLengthLong() > maxBodyBytes) {
                refuse(resp, 413, "PAYLOAD_TOO_LARGE", "the body is over the gateway's limit of " + maxBodyBytes
                        + " bytes");
                return;
            }
            chain.doFilter(request, response);
        } finally {
            LOG.info("{} {} -> {} in {} ms", req.getMethod(), shape(req.getRequestURI()), resp.getStatus(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void refuse(HttpServletResponse resp, int status, String code, String message) throws IOException {
        resp.setStatus(status);
        if (status == 401) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"careledger-fhir-gateway\"");
        }
        resp.setContentType("application/fhir+json;charset=utf-8");
        resp.getOutputStream().write(fhir.encodeToString(Outcomes.outcome(status, code, message))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The path with every segment that is no resource type, operation or {@code metadata} replaced by {id}. */
    static String shape(String path) {
        if (path == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String seg : path.split("/")) {
            if (seg.isEmpty()) {
                continue;
            }
            boolean keep = seg.equals("fhir") || seg.equals("metadata") || seg.equals("_history")
                    || seg.matches("\\$[a-z][a-z-]{0,40}") || seg.matches("[A-Z][A-Za-z]{1,40}");
            out.append('/').append(keep ? seg : "{id}");
        }
        return out.isEmpty() ? "/" : out.toString();
    }
}
