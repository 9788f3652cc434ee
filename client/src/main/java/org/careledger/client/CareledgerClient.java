package org.careledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.careledger.api.ApiHeaders;
import org.careledger.api.BlockView;
import org.careledger.api.ConsistencyProofView;
import org.careledger.api.HeaderView;
import org.careledger.api.HealthView;
import org.careledger.api.Problem;
import org.careledger.api.SubmitResponse;
import org.careledger.api.TxProofView;
import org.careledger.api.Wait;
import org.careledger.client.auth.NodeTrust;
import org.careledger.client.auth.RequestSigner;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;

/**
 * A node's REST API from Java. Errors come back as {@link CareledgerException} with the node's error code.
 *
 * <p>Nodes serve HTTPS with their genesis node certificate and answer only authenticated callers: give the client a
 * {@link NodeTrust} (from genesis) and a {@link RequestSigner} (the caller's ledger key), and every request is signed
 * (RFC 9421). {@link #as} gives a client for another caller over the same connections.
 */
public final class CareledgerClient {
    /** Request header: answer this read only once the node has applied this height. */
    public static final String MIN_HEIGHT_HEADER = ApiHeaders.MIN_HEIGHT;
    /** Response header: the node's height when it answered. */
    public static final String HEIGHT_HEADER = ApiHeaders.HEIGHT;

    private final URI base;
    private final HttpClient http;
    /** One mapper for every client: {@link #as} makes a client per caller, and a mapper per client would build
     * its serializers again each time. */
    private static final ObjectMapper JSON = CanonicalJson.mapper();
    private final ReadSession session;
    private final NodeTrust trust;
    private final RequestSigner caller;

    /** An anonymous client: enough for {@code /v1/health}, {@code /openapi.json} and {@code /metrics}. */
    public CareledgerClient(String baseUrl) {
        this(baseUrl, null, null, null);
    }

    /** An anonymous client whose reads follow a session (see the four-argument constructor). */
    public CareledgerClient(String baseUrl, ReadSession session) {
        this(baseUrl, session, null, null);
    }

    /**
     * @param session a read session whose heights this client's reads wait for (shared among the clients of several
     *                nodes, you read your own writes wherever you read), or null
     * @param trust   the node keys an https node must present, or null for the JDK's default trust
     * @param caller  who signs the requests, or null for anonymous requests
     */
    public CareledgerClient(String baseUrl, ReadSession session, NodeTrust trust, RequestSigner caller) {
        this(URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/"), httpClient(trust), session, trust, caller);
    }

    private CareledgerClient(URI base, HttpClient http, ReadSession session, NodeTrust trust, RequestSigner caller) {
        this.base = base;
        this.http = http;
        this.session = session;
        this.trust = trust;
        this.caller = caller;
    }

    private static HttpClient httpClient(NodeTrust trust) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1);
        if (trust != null) {
            b.sslContext(trust.sslContext());
        }
        return b.build();
    }

    /** The same node, session and connections, signing as another caller. */
    public CareledgerClient as(RequestSigner newCaller) {
        return new CareledgerClient(base, http, session, trust, newCaller);
    }

    /** The same node and caller, following another read session. */
    public CareledgerClient withSession(ReadSession newSession) {
        return new CareledgerClient(base, http, newSession, trust, caller);
    }

    /** Who this client signs as, or null. */
    public RequestSigner caller() {
        return caller;
    }

    public NodeTrust trust() {
        return trust;
    }

    /** The session this client's reads follow, or null. */
    public ReadSession session() {
        return session;
    }

    public String baseUrl() {
        return base.toString();
    }

    public SubmitResponse submit(TxEnvelope tx, Wait wait) {
        return send(post("v1/txs?wait=" + wait.name().toLowerCase(), "application/x-protobuf", tx.toByteArray(),
                Duration.ofSeconds(60)), SubmitResponse.class);
    }

    /** Submits many transactions in one request; each answer says COMMITTED/FINAL/ACCEPTED or REJECTED with its code. */
    public java.util.List<SubmitResponse> submitBatch(java.util.List<TxEnvelope> txs, Wait wait) {
        byte[] body = org.careledger.core.proto.TxBatch.newBuilder().addAllTxs(txs).build().toByteArray();
        SubmitResponse[] out = send(post("v1/txs/batch?wait=" + wait.name().toLowerCase(), "application/x-protobuf", body,
                Duration.ofSeconds(120)), SubmitResponse[].class);
        return java.util.List.of(out);
    }

    /** Submits a transaction with the off-chain blobs (ciphertext, wrapped keys) its arguments name by SHA-256. */
    public SubmitResponse submitWithBlobs(TxEnvelope tx, java.util.List<byte[]> blobs, Wait wait) {
        var b = org.careledger.core.proto.TxSubmission.newBuilder().setTx(tx);
        blobs.forEach(x -> b.addBlobs(com.google.protobuf.ByteString.copyFrom(x)));
        return send(post("v1/txs/with-blobs?wait=" + wait.name().toLowerCase(), "application/x-protobuf",
                b.build().toByteArray(), Duration.ofSeconds(120)), SubmitResponse.class);
    }

    public HeaderView head() {
        return get("v1/head", HeaderView.class);
    }

    public BlockView block(long height) {
        return get("v1/blocks/" + height, BlockView.class);
    }

    public TxProofView tx(String txIdHex) {
        return get("v1/txs/" + txIdHex, TxProofView.class);
    }

    /** The transaction proven under the header of block {@code height} (at least the tx's own height). */
    public TxProofView tx(String txIdHex, long height) {
        return get("v1/txs/" + txIdHex + "?height=" + height, TxProofView.class);
    }

    public ConsistencyProofView consistency(long first, long second) {
        return get("v1/proofs/consistency?first=" + first + "&second=" + second, ConsistencyProofView.class);
    }

    public HealthView health() {
        return get("v1/health", HealthView.class);
    }

    /**
     * Waits until this node holds a certified (final) block at {@code height} or above, polling its health: the
     * newest block of a Raft network collects its quorum certificate shortly after it commits. Proofs under
     * {@code health().finalHeight()} then check against genesis ({@link ProofChecker#verifyTx}). Throws
     * {@code NOT_FINAL} if that does not happen within {@code timeout}.
     */
    public HealthView awaitFinal(long height, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HealthView h = health();
            if (h.finalHeight() >= height) {
                return h;
            }
            if (System.nanoTime() > deadline) {
                throw new CareledgerException("NOT_FINAL", "block " + height + " was not certified by a quorum of"
                        + " genesis nodes within " + timeout.toSeconds() + " s (final height " + h.finalHeight() + ")");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CareledgerException("INTERRUPTED", "interrupted while waiting for block " + height);
            }
        }
    }

    /**
     * Readiness ({@code GET /v1/health/ready}): the node's health when it is ready for writes and current reads;
     * otherwise throws the node's 503 problem ({@code NODE_CATCHING_UP} or {@code NODE_DEGRADED}) or its 507
     * ({@code NODE_DISK_FULL}).
     */
    public HealthView ready() {
        return send(request("GET", "v1/health/ready", null, null, Duration.ofSeconds(5)), HealthView.class);
    }

    public JsonNode getJson(String path) {
        return get(path.startsWith("/") ? path.substring(1) : path, JsonNode.class);
    }

    public <T> T get(String path, Class<T> type) {
        return send(request("GET", path, null, null, Duration.ofSeconds(30)), type);
    }

    public <T> T postJson(String path, Object body, Class<T> type) {
        return send(post(path, "application/json", CanonicalJson.encode(body), Duration.ofSeconds(60)), type);
    }

    /** POSTs protobuf bytes (e.g. a signed TxEnvelope) to an endpoint and reads its JSON answer. */
    public <T> T postProtobuf(String path, byte[] body, Class<T> type) {
        return send(post(path, "application/x-protobuf", body, Duration.ofSeconds(60)), type);
    }

    /**
     * One request as this client would send it (TLS, signature, read session), answered raw: for tools and tests that
     * look at statuses and headers themselves. {@code body} null sends none.
     */
    public HttpResponse<byte[]> exchange(String method, String path, String contentType, byte[] body) {
        return exchange(method, path, contentType, body, java.util.Map.of());
    }

    /** As {@link #exchange(String, String, String, byte[])}, with extra request headers (not signed). */
    public HttpResponse<byte[]> exchange(String method, String path, String contentType, byte[] body,
                                         java.util.Map<String, String> headers) {
        HttpRequest signed = request(method, path, contentType, body, Duration.ofSeconds(60));
        HttpRequest.Builder b = HttpRequest.newBuilder(signed, (name, value) -> true);
        headers.forEach(b::setHeader);
        return exchange(b.build());
    }

    private HttpRequest post(String path, String contentType, byte[] body, Duration timeout) {
        return request("POST", path, contentType, body, timeout);
    }

    private HttpRequest request(String method, String path, String contentType, byte[] body, Duration timeout) {
        URI uri = base.resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if ("GET".equals(method) && session != null && session.height() > 0) {
            b.header(MIN_HEIGHT_HEADER, Long.toString(session.height()));
        }
        if (caller != null) {
            caller.headers(method, uri, body).forEach(b::header);
        }
        return b.build();
    }

    private HttpResponse<byte[]> exchange(HttpRequest req) {
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (javax.net.ssl.SSLException e) {
            throw new CareledgerException("NODE_UNTRUSTED", "TLS with " + req.uri() + " failed (" + e.getMessage()
                    + "); the client trusts " + (trust == null ? "the JDK's default CAs, not the network's genesis"
                    : "only the node keys in genesis"));
        } catch (IOException e) {
            throw new CareledgerException("NODE_UNREACHABLE", "cannot reach " + req.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CareledgerException("INTERRUPTED", "interrupted while calling " + req.uri());
        }
        if (session != null) {
            resp.headers().firstValueAsLong(HEIGHT_HEADER).ifPresent(session::observe);
        }
        return resp;
    }

    private <T> T send(HttpRequest req, Class<T> type) {
        HttpResponse<byte[]> resp = exchange(req);
        try {
            if (resp.statusCode() >= 400) {
                Problem p = JSON.readValue(resp.body(), Problem.class);
                throw new CareledgerException(p.code() == null ? "HTTP_" + resp.statusCode() : p.code(),
                        p.detail() == null ? p.title() : p.detail());
            }
            return JSON.readValue(resp.body(), type);
        } catch (IOException e) {
            throw new CareledgerException("BAD_RESPONSE", "node answered " + resp.statusCode() + " with an unreadable body");
        }
    }
}
