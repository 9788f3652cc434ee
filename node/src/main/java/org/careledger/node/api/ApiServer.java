package org.careledger.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import org.careledger.api.ConsistencyProofView;
import org.careledger.api.HealthView;
import org.careledger.api.TxProofView;
import org.careledger.api.Wait;
import org.careledger.consensus.Finality;
import org.careledger.consensus.Orderer;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.merkle.ConsistencyProof;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxLocation;
import org.careledger.ledger.ChainHead;
import org.careledger.ledger.Ledger;
import org.careledger.node.TxService;
import org.careledger.node.auth.Access;
import org.careledger.node.auth.RequestAuthenticator;
import org.careledger.node.views.Views;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP API. Handlers only translate: domain work happens in {@link TxService} and the ledger. Every
 * error is an RFC 9457 problem with a stable code; nothing a request does can touch committed data.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final HexFormat HEX = HexFormat.of();
    /** How long a read that asks for a height this node has not reached waits before it answers NODE_BEHIND. */
    static final java.time.Duration READ_WAIT = java.time.Duration.ofSeconds(10);

    private final Ledger ledger;
    private final TxService txs;
    private final Finality finality;
    private final Orderer orderer;
    private final String nodeId;
    private final PrometheusMeterRegistry metrics;
    private final ObjectMapper json = CanonicalJson.mapper();
    private final Javalin app;
    private final Timer submitTimer;
    private final HttpGuards guards;
    private final HeightGate heights;
    private final org.careledger.node.NodeHealth nodeHealth;
    private final byte[] openApi;
    /** The readiness endpoint, anonymous like {@code /v1/health}: what a load balancer polls. */
    public static final String READY_PATH = "/v1/health/ready";

    /**
     * @param tls          the node's TLS context (its genesis node certificate), or null for plain HTTP
     * @param auth         authenticates every request but the anonymous ones
     */
    public ApiServer(Ledger ledger, TxService txs, Finality finality, Orderer orderer, String nodeId,
                     PrometheusMeterRegistry metrics, String host, int port, int maxBodyBytes,
                     javax.net.ssl.SSLContext tls, RequestAuthenticator auth,
                     Consumer<io.javalin.config.JavalinConfig> extraRoutes) {
        this(ledger, txs, finality, orderer, nodeId, metrics, host, port, maxBodyBytes, tls, auth, extraRoutes,
                new org.careledger.node.NodeHealth(null, () -> null, ledger.store().dir()),
                OpenApiDocument.load(java.util.List.of()));
    }

    /**
     * As above, reporting {@code health} on {@code /v1/health} and {@value #READY_PATH} and serving {@code openApi}
     * (the merged document, {@link OpenApiDocument}; null: none) on {@code /openapi.json}.
     */
    public ApiServer(Ledger ledger, TxService txs, Finality finality, Orderer orderer, String nodeId,
                     PrometheusMeterRegistry metrics, String host, int port, int maxBodyBytes,
                     javax.net.ssl.SSLContext tls, RequestAuthenticator auth,
                     Consumer<io.javalin.config.JavalinConfig> extraRoutes, org.careledger.node.NodeHealth health,
                     byte[] openApi) {
        this.nodeHealth = health;
        this.openApi = openApi;
        this.ledger = ledger;
        this.txs = txs;
        this.finality = finality;
        this.orderer = orderer;
        this.nodeId = nodeId;
        this.metrics = metrics;
        this.submitTimer = Timer.builder("careledger.tx.submit").description("time from admission to answer")
                .publishPercentiles(0.5, 0.99).register(metrics);
        this.guards = new HttpGuards(maxBodyBytes, metrics);
        this.heights = new HeightGate(ledger, READ_WAIT);
        this.app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            guards.install(cfg);
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            if (tls != null) {
                cfg.jetty.addConnector((server, http) -> TlsConnector.create(server, http, tls, host, port));
            }
            // who is calling, before anything else runs or any body byte is read
            cfg.routes.before(auth::authenticate);
            // session consistency: a read waits for the height the client already saw elsewhere; every answer says ours
            // (health answers at once whatever the client saw: it says how far behind the node is)
            cfg.routes.before(ctx -> {
                if (!io.javalin.http.HandlerType.GET.equals(ctx.method())) {
                    return;
                }
                if (ctx.path().equals("/v1/health") || ctx.path().equals(READY_PATH)) {
                    heights.validate(ctx);
                } else {
                    heights.hold(ctx);
                }
            });
            cfg.routes.before(auth::checkDigest);
            cfg.routes.after(heights::stamp);
            cfg.routes.post("/v1/txs", this::submit);
            cfg.routes.post("/v1/txs/batch", this::submitBatch);
            cfg.routes.post("/v1/txs/with-blobs", ctx -> write(ctx, 200,
                    txs.submitWithBlobs(ctx.bodyAsBytes(), parseWait(ctx.queryParam("wait")))));
            cfg.routes.get("/v1/txs/{id}", this::tx);
            cfg.routes.get("/v1/head", this::head);
            cfg.routes.get("/v1/blocks/{height}", this::block);
            cfg.routes.get("/v1/proofs/consistency", this::consistency);
            cfg.routes.get("/v1/health", this::health);
            cfg.routes.get(READY_PATH, this::ready);
            cfg.routes.get("/v1/identities/{org}/{name}", this::identity);
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
            cfg.routes.get("/openapi.json", this::openApi);
            org.careledger.node.web.WebAssets.install(cfg);
            if (extraRoutes != null) {
                extraRoutes.accept(cfg);
            }
            cfg.routes.exception(CareledgerException.class, (e, ctx) -> {
                if (e.code().equals("STORE_CORRUPTED")) {
                    nodeHealth.storeCorrupted(e);
                }
                guards.refused(ctx, e.code());
                problem(ctx, e);
            });
            // Javalin's own rejections (no such endpoint, body over the HTTP limit) are problems too, not plain text
            cfg.routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> {
                String detail = e.getMessage();
                String allow = e.getDetails().get("availableMethods");
                if (e.getStatus() == 405 && allow != null) {
                    ctx.header("Allow", allow);
                    detail = ctx.method() + " is not served on " + ctx.path() + "; it takes " + allow;
                }
                var p = Problems.of(e.getStatus(), detail, ctx.path());
                guards.refused(ctx, p.code());
                if (FhirWire.isFhir(ctx)) {
                    FhirWire.writeOutcome(ctx, e.getStatus(), p.code(), detail);
                    return;
                }
                write(ctx, e.getStatus(), p);
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                if (guards.clientAborted(ctx, e)) {
                    return;
                }
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                var p = Problems.internal(ctx.path());
                if (FhirWire.isFhir(ctx)) {
                    FhirWire.writeOutcome(ctx, 500, p.code(), p.detail());
                    return;
                }
                write(ctx, 500, p);
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    problem(ctx, new CareledgerException("NOT_FOUND", "no endpoint " + ctx.method() + " " + ctx.path()));
                }
            });
        });
    }

    public ApiServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    private void submit(Context ctx) {
        Timer.Sample sample = Timer.start(metrics);
        try {
            Wait wait = parseWait(ctx.queryParam("wait"));
            byte[] body = ctx.bodyAsBytes();
            String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
            byte[] envelope = type.startsWith("application/json") ? fromJson(body) : body;
            var response = txs.submit(envelope, wait);
            write(ctx, wait == Wait.NONE ? 202 : 200, response);
        } finally {
            sample.stop(submitTimer);
        }
    }

    private void submitBatch(Context ctx) {
        Wait wait = parseWait(ctx.queryParam("wait"));
        org.careledger.core.proto.TxBatch batch;
        try {
            batch = org.careledger.core.proto.TxBatch.parseFrom(ctx.bodyAsBytes());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new CareledgerException("TX_MALFORMED", "body is not a TxBatch: " + e.getMessage());
        }
        if (batch.getTxsCount() == 0 || batch.getTxsCount() > 10_000) {
            throw new CareledgerException("BAD_REQUEST", "a batch holds 1 to 10000 transactions, got " + batch.getTxsCount());
        }
        var answers = txs.submitAll(batch.getTxsList(), wait);
        guards.refused(ctx.path(), answers);
        write(ctx, 200, answers);
    }

    private static byte[] fromJson(byte[] body) {
        JsonNode n = CanonicalJson.tree(body);
        if (!n.isObject()) {
            throw new CareledgerException("TX_MALFORMED", "a JSON submission is an object with base64 string fields"
                    + " 'payload' and 'signature', not a " + n.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        for (String field : new String[] {"payload", "signature"}) {
            JsonNode f = n.get(field);
            if (f == null || f.isNull()) {
                throw new CareledgerException("TX_MALFORMED", "JSON body needs base64 fields 'payload' and"
                        + " 'signature'; '" + field + "' is missing");
            }
            // asText() of an object is "", which would surface later as a misleading "empty body"
            if (!f.isTextual()) {
                throw new CareledgerException("TX_MALFORMED", "'" + field + "' must be a base64 string, not a JSON "
                        + f.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            if (f.asText().isEmpty()) {
                throw new CareledgerException("TX_MALFORMED", "'" + field + "' is an empty string");
            }
        }
        try {
            return TxEnvelope.newBuilder()
                    .setPayload(com.google.protobuf.ByteString.copyFrom(Base64.getDecoder().decode(n.get("payload").asText())))
                    .setSignature(com.google.protobuf.ByteString.copyFrom(Base64.getDecoder().decode(n.get("signature").asText())))
                    .build().toByteArray();
        } catch (IllegalArgumentException e) {
            throw new CareledgerException("TX_MALFORMED", "payload and signature must be base64: " + e.getMessage());
        }
    }

    /** {@code ?wait=none|commit|final} (commit when absent); anything else is BAD_REQUEST. */
    static Wait parseWait(String s) {
        if (s == null || s.isBlank()) {
            return Wait.COMMIT;
        }
        try {
            return Wait.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CareledgerException("BAD_REQUEST", "wait must be none, commit or final, not '" + s + "'");
        }
    }

    private void tx(Context ctx) {
        Hash id = parseHash(ctx.pathParam("id"));
        TxLocation loc = ledger.location(id).orElseThrow(() ->
                new CareledgerException("TX_NOT_FOUND", "no committed transaction " + id.hex()));
        Block block = ledger.block(loc.getHeight()).orElseThrow(() ->
                new CareledgerException("STORE_CORRUPTED", "tx index points at missing block " + loc.getHeight()));
        Access.requireConsortiumOrSigner(RequestAuthenticator.caller(ctx), block.getTxs(loc.getIndex()));
        // prove against the newest header unless the client asks for a specific height
        ChainHead head = ledger.head();
        long atHeight = ctx.queryParam("height") == null ? head.height() : parseLong(ctx.queryParam("height"), "height");
        if (atHeight < loc.getHeight() || atHeight > head.height()) {
            throw new CareledgerException("PROOF_OUT_OF_RANGE", "height must be between " + loc.getHeight() + " and " + head.height());
        }
        Block at = atHeight == loc.getHeight() ? block : ledger.block(atHeight).orElseThrow();
        var header = Views.header(at, certificate(atHeight));
        var proof = ledger.inclusionProof(loc.getLogIndex(), header.logSize());
        var tx = Views.tx(block.getTxs(loc.getIndex()), block.getResults(loc.getIndex()), loc.getHeight(), loc.getIndex(),
                loc.getLogIndex());
        write(ctx, 200, new TxProofView(tx, Views.proof(proof, id.bytes(), HEX.parseHex(header.logRoot())), header));
    }

    private void head(Context ctx) {
        ChainHead head = ledger.head();
        if (head.height() == 0) {
            throw new CareledgerException("BLOCK_NOT_FOUND", "no block yet: the chain holds only genesis "
                    + ledger.genesisHash().hex());
        }
        Block b = ledger.block(head.height()).orElseThrow();
        write(ctx, 200, Views.header(b, certificate(head.height())));
    }

    private void block(Context ctx) {
        Access.requireConsortium(RequestAuthenticator.caller(ctx), "blocks");
        String p = ctx.pathParam("height");
        long h = p.equals("latest") ? ledger.head().height() : parseLong(p, "height");
        Block b = ledger.block(h).orElseThrow(() -> new CareledgerException("BLOCK_NOT_FOUND",
                "no block at height " + h + "; the head is at " + ledger.head().height()));
        write(ctx, 200, Views.block(b, certificate(h)));
    }

    private void consistency(Context ctx) {
        long first = parseLong(ctx.queryParam("first"), "first");
        long second = ctx.queryParam("second") == null ? ledger.head().logSize() : parseLong(ctx.queryParam("second"), "second");
        ConsistencyProof p = ledger.consistencyProof(first, second);
        write(ctx, 200, new ConsistencyProofView(first, second, HEX.formatHex(ledger.logRoot(first)),
                HEX.formatHex(ledger.logRoot(second)), p.path().stream().map(HEX::formatHex).toList()));
    }

    /** Liveness: answers 200 whenever the process serves, with the node's state (UP, CATCHING_UP, DEGRADED). */
    private void health(Context ctx) {
        write(ctx, 200, healthView(nodeHealth.check()));
    }

    /**
     * Readiness: 200 only when the node is UP, else 503 NODE_CATCHING_UP / NODE_DEGRADED or 507 NODE_DISK_FULL with
     * Retry-After.
     */
    private void ready(Context ctx) {
        org.careledger.node.NodeHealth.State s = nodeHealth.check();
        if (s.ready()) {
            write(ctx, 200, healthView(s));
            return;
        }
        String code = switch (s.status()) {
            case DEGRADED -> "NODE_DEGRADED";
            case DISK_FULL -> "NODE_DISK_FULL";
            default -> "NODE_CATCHING_UP";
        };
        problem(ctx, new CareledgerException(code, "not ready: " + s.reason()));
    }

    private HealthView healthView(org.careledger.node.NodeHealth.State s) {
        ChainHead head = ledger.head();
        return new HealthView(s.status().name(), nodeId, ledger.genesis().chainId(), head.height(), head.hash().hex(),
                orderer.role(), orderer.leader(), finality.finalHeight(), s.ready(), s.reason(), s.appliedIndex(),
                s.commitIndex(), s.lag(), org.careledger.node.NodeHealth.LAG_THRESHOLD);
    }

    private void identity(Context ctx) {
        String id = ctx.pathParam("org") + "/" + ctx.pathParam("name");
        byte[] record = ledger.state(org.careledger.core.contract.StateKeys.identity(id)).orElseThrow(() ->
                new CareledgerException("NOT_FOUND", "no identity " + id));
        ctx.status(200).contentType("application/json").result(record);
    }

    private void openApi(Context ctx) {
        if (openApi == null) {
            throw new CareledgerException("NOT_FOUND", "this build has no OpenAPI document");
        }
        ctx.contentType("application/json").result(openApi);
    }

    /** The HTTP routes this server serves, "METHOD /path" as registered (filters and error handlers left out). */
    public java.util.List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().map(e -> e.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .map(e -> e.method.name() + " " + e.path).toList();
    }

    private org.careledger.api.CertificateView certificate(long height) {
        return Views.certificate(finality.certificate(height).orElse(null), finality.quorum());
    }

    private static Hash parseHash(String hex) {
        try {
            return Hash.fromHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CareledgerException("BAD_REQUEST", "'" + hex + "' is not a 64-character hex transaction id");
        }
    }

    private static long parseLong(String s, String name) {
        if (s == null) {
            throw new CareledgerException("BAD_REQUEST", "query parameter '" + name + "' is required");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CareledgerException("BAD_REQUEST", name + " must be a whole number, not '" + s + "'");
        }
    }

    private void problem(Context ctx, CareledgerException e) {
        int status = Problems.status(e.code());
        if (status == 401) {
            ctx.header("Accept-Signature", RequestAuthenticator.ACCEPT_SIGNATURE);
        }
        if (e.code().equals("NODE_CATCHING_UP")) {
            ctx.header("Retry-After", Integer.toString(org.careledger.node.NodeHealth.RETRY_CATCHING_UP_SECONDS));
        } else if (e.code().equals("NODE_DEGRADED")) {
            ctx.header("Retry-After", Integer.toString(org.careledger.node.NodeHealth.RETRY_DEGRADED_SECONDS));
        } else if (e.code().equals("NODE_DISK_FULL")) {
            ctx.header("Retry-After", Integer.toString(org.careledger.node.DiskGuard.RETRY_SECONDS));
        }
        if (FhirWire.isFhir(ctx)) {
            FhirWire.writeOutcome(ctx, e); // the FHIR facade answers errors as OperationOutcome, same status and code
            return;
        }
        write(ctx, status, Problems.of(e, ctx.path()));
    }

    public void write(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(status >= 400 ? "application/problem+json" : "application/json")
                    .result(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a response", e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
