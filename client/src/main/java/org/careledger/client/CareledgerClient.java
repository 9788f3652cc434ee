package org.careledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.careledger.client.api.BlockView;
import org.careledger.client.api.ConsistencyProofView;
import org.careledger.client.api.HealthView;
import org.careledger.client.api.HeaderView;
import org.careledger.client.api.Problem;
import org.careledger.client.api.SubmitResponse;
import org.careledger.client.api.TxProofView;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;

/** A node's REST API from Java. Errors come back as {@link CareledgerException} with the node's error code. */
public final class CareledgerClient {
    /** How long {@link #submit} waits: not at all, until committed, or until the block is certified final. */
    public enum Wait { NONE, COMMIT, FINAL }

    /** Request header: answer this read only once the node has applied this height. */
    public static final String MIN_HEIGHT_HEADER = "X-Careledger-Min-Height";
    /** Response header: the node's height when it answered. */
    public static final String HEIGHT_HEADER = "X-Careledger-Height";

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = CanonicalJson.mapper();
    private final ReadSession session;

    public CareledgerClient(String baseUrl) {
        this(baseUrl, null);
    }

    /**
     * A client whose reads wait for every height the session has seen (through this client or any other sharing it):
     * share one session among the clients of several nodes to read your own writes wherever you read.
     */
    public CareledgerClient(String baseUrl, ReadSession session) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        this.session = session;
    }

    /** The session this client's reads follow, or null. */
    public ReadSession session() {
        return session;
    }

    public String baseUrl() {
        return base.toString();
    }

    public SubmitResponse submit(TxEnvelope tx, Wait wait) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("v1/txs?wait=" + wait.name().toLowerCase()))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tx.toByteArray()))
                .build();
        return send(req, SubmitResponse.class);
    }

    /** Submits many transactions in one request; each answer says COMMITTED/FINAL/ACCEPTED or REJECTED with its code. */
    public java.util.List<SubmitResponse> submitBatch(java.util.List<TxEnvelope> txs, Wait wait) {
        byte[] body = org.careledger.core.proto.TxBatch.newBuilder().addAllTxs(txs).build().toByteArray();
        HttpRequest req = HttpRequest.newBuilder(base.resolve("v1/txs/batch?wait=" + wait.name().toLowerCase()))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        SubmitResponse[] out = send(req, SubmitResponse[].class);
        return java.util.List.of(out);
    }

    /** Submits a transaction with the off-chain blobs (ciphertext, wrapped keys) its arguments name by SHA-256. */
    public SubmitResponse submitWithBlobs(TxEnvelope tx, java.util.List<byte[]> blobs, Wait wait) {
        var b = org.careledger.core.proto.TxSubmission.newBuilder().setTx(tx);
        blobs.forEach(x -> b.addBlobs(com.google.protobuf.ByteString.copyFrom(x)));
        HttpRequest req = HttpRequest.newBuilder(base.resolve("v1/txs/with-blobs?wait=" + wait.name().toLowerCase()))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(b.build().toByteArray()))
                .build();
        return send(req, SubmitResponse.class);
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

    public ConsistencyProofView consistency(long first, long second) {
        return get("v1/proofs/consistency?first=" + first + "&second=" + second, ConsistencyProofView.class);
    }

    public HealthView health() {
        return get("v1/health", HealthView.class);
    }

    public JsonNode getJson(String path) {
        return get(path.startsWith("/") ? path.substring(1) : path, JsonNode.class);
    }

    public <T> T get(String path, Class<T> type) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (session != null && session.height() > 0) {
            b.header(MIN_HEIGHT_HEADER, Long.toString(session.height()));
        }
        return send(b.build(), type);
    }

    public <T> T postJson(String path, Object body, Class<T> type) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CanonicalJson.encode(body)))
                .build();
        return send(req, type);
    }

    /** POSTs protobuf bytes (e.g. a signed TxEnvelope) to an endpoint and reads its JSON answer. */
    public <T> T postProtobuf(String path, byte[] body, Class<T> type) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(req, type);
    }

    private <T> T send(HttpRequest req, Class<T> type) {
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CareledgerException("NODE_UNREACHABLE", "cannot reach " + req.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CareledgerException("INTERRUPTED", "interrupted while calling " + req.uri());
        }
        if (session != null) {
            resp.headers().firstValueAsLong(HEIGHT_HEADER).ifPresent(session::observe);
        }
        try {
            if (resp.statusCode() >= 400) {
                Problem p = json.readValue(resp.body(), Problem.class);
                throw new CareledgerException(p.code() == null ? "HTTP_" + resp.statusCode() : p.code(),
                        p.detail() == null ? p.title() : p.detail());
            }
            return json.readValue(resp.body(), type);
        } catch (IOException e) {
            throw new CareledgerException("BAD_RESPONSE", "node answered " + resp.statusCode() + " with an unreadable body");
        }
    }
}
