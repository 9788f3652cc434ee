package org.careledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.careledger.api.BlockView;
import org.careledger.api.ConsistencyProofView;
import org.careledger.api.HeaderView;
import org.careledger.api.HealthView;
import org.careledger.api.InclusionProofView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.TxProofView;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.ProofChecker;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.BlockHeader;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.ledger.LedgerVerifier;
import org.careledger.ledger.VerificationReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real node (RocksDB, Javalin on a loopback port) driven over HTTP, as a client would. */
class NodeApiIT {
    private static final int MAX_TX_BYTES = 8 * 1024;
    private static final String ORG = "hospital-a";

    @TempDir
    static Path dir;
    private static TestNetwork net;
    private static NodeAssembly node;
    private static CareledgerClient client;
    private static TxSigner admin;

    @BeforeAll
    static void startNode() {
        net = new TestNetwork(dir.resolve("net"));
        net.configure(ORG, c -> TestNetwork.withMaxTxBytes(c, MAX_TX_BYTES));
        node = net.start(ORG);
        admin = net.admin(ORG);
        client = net.client(node, admin);
        assertThat(node.apiPort()).isEqualTo(net.basePort + 1);
    }

    @AfterAll
    static void stopNodeAndVerify() {
        if (node == null) {
            return;
        }
        long height = node.ledger().head().height();
        node.close();
        VerificationReport r = new LedgerVerifier(NodeAssembly.contracts(), NodeAssembly.certificateCheck())
                .verify(net.dataDir(ORG));
        assertThat(r.blocks()).isEqualTo(height);
    }

    private static SubmitResponse registerOne(String name) {
        return client.submit(net.register(admin, net.member(ORG, name, "practitioner")), Wait.COMMIT);
    }

    // ---------------------------------------------------------------------------------------------------------
    // submission

    @Test
    void aProtobufSubmissionCommitsAsValid() throws Exception {
        TxEnvelope tx = net.register(admin, net.member(ORG, "dr-proto", "practitioner"));
        HttpResponse<byte[]> resp = post("/v1/txs", "application/x-protobuf", tx.toByteArray());
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        SubmitResponse r = CanonicalJson.decode(resp.body(), SubmitResponse.class);
        assertThat(r.code()).isEqualTo("VALID");
        assertThat(r.status()).isEqualTo("COMMITTED");
        assertThat(r.txId()).isEqualTo(TxSigner.txId(tx).hex());
        assertThat(r.height()).isPositive();
        assertThat(r.blockHash()).hasSize(64);
        assertThat(r.events()).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo("MemberRegistered"));
        // and the member it registered is now an identity the node serves
        JsonNode id = client.getJson("v1/identities/hospital-a/dr-proto");
        assertThat(id.get("kind").asText()).isEqualTo("MEMBER");
    }

    @Test
    void aJsonSubmissionCommitsAsValid() throws Exception {
        TxEnvelope tx = net.register(admin, net.member(ORG, "dr-json", "nurse"));
        String body = "{\"payload\":\"" + Base64.getEncoder().encodeToString(tx.getPayload().toByteArray())
                + "\",\"signature\":\"" + Base64.getEncoder().encodeToString(tx.getSignature().toByteArray()) + "\"}";
        HttpResponse<byte[]> resp = post("/v1/txs?wait=commit", "application/json; charset=utf-8", body.getBytes());
        assertThat(resp.statusCode()).isEqualTo(200);
        SubmitResponse r = CanonicalJson.decode(resp.body(), SubmitResponse.class);
        assertThat(r.code()).isEqualTo("VALID");
        assertThat(r.txId()).isEqualTo(TxSigner.txId(tx).hex());
    }

    @Test
    void waitNoneAnswers202AndTheTxCommitsLater() throws Exception {
        TxEnvelope tx = net.register(admin, net.member(ORG, "dr-later", "nurse"));
        HttpResponse<byte[]> resp = post("/v1/txs?wait=none", "application/x-protobuf", tx.toByteArray());
        assertThat(resp.statusCode()).isEqualTo(202);
        SubmitResponse r = CanonicalJson.decode(resp.body(), SubmitResponse.class);
        assertThat(r.status()).isEqualTo("ACCEPTED");
        assertThat(r.code()).isNull();
        TxProofView view = null;
        for (int i = 0; i < 100 && view == null; i++) {
            try {
                view = client.tx(r.txId());
            } catch (CareledgerException e) {
                assertThat(e.code()).isEqualTo("TX_NOT_FOUND");
                Thread.sleep(50);
            }
        }
        assertThat(view).isNotNull();
        assertThat(view.tx().code()).isEqualTo("VALID");
    }

    @Test
    void aMemberRegisteredOverTheApiCanSignNext() {
        TestNetwork.Member m = net.member(ORG, "dr-signer", "practitioner");
        assertThat(client.submit(net.register(admin, m), Wait.COMMIT).valid()).isTrue();
        TxSigner member = new TxSigner(net.genesis.chainId(), m.id(), m.signer());
        SubmitResponse r = client.submit(member.sign("membership", "registerMember",
                Map.of("name", "x", "certificate", "y")), Wait.COMMIT);
        assertThat(r.code()).isEqualTo("CONTRACT_ERROR");
        assertThat(r.errorCode()).isEqualTo("NOT_ORG_ADMIN");
        // then revoked: its next tx is refused at the door
        assertThat(client.submit(admin.sign("membership", "revokeMember", Map.of("name", "dr-signer")), Wait.COMMIT).valid())
                .isTrue();
        assertThatThrownBy(() -> client.submit(member.sign("membership", "registerMember", Map.of()), Wait.COMMIT))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("TX_UNKNOWN_SIGNER"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // reads and proofs

    @Test
    void headBlocksAndTxsAreServedAndProvable() {
        SubmitResponse first = registerOne("dr-read-1");
        SubmitResponse second = registerOne("dr-read-2");
        HeaderView head = client.head();
        BlockHeader parsed = ProofChecker.verifyHeaderUncertified(head);
        assertThat(parsed.getHeight()).isEqualTo(head.height()).isGreaterThanOrEqualTo(second.height());
        assertThat(head.chainId()).isEqualTo("careledger-it");
        assertThat(HexFormat.of().formatHex(parsed.getLogRoot().toByteArray())).isEqualTo(head.logRoot());

        BlockView latest = client.get("v1/blocks/latest", BlockView.class);
        assertThat(latest.header().hash()).isEqualTo(head.hash());
        BlockView block = client.block(first.height());
        assertThat(block.header().height()).isEqualTo(first.height());
        assertThat(block.header().hash()).isEqualTo(first.blockHash());
        assertThat(block.txs()).anySatisfy(t -> assertThat(t.txId()).isEqualTo(first.txId()));
        ProofChecker.verifyHeaderUncertified(block.header());
        if (first.height() > 1) {
            BlockView previous = client.block(first.height() - 1);
            assertThat(block.header().prevHash()).isEqualTo(previous.header().hash());
        }

        TxProofView proof = client.tx(first.txId());
        assertThat(proof.tx().txId()).isEqualTo(first.txId());
        assertThat(proof.tx().height()).isEqualTo(first.height());
        assertThat(proof.tx().contract()).isEqualTo("membership");
        assertThat(proof.tx().method()).isEqualTo("registerMember");
        assertThat(proof.tx().signer()).isEqualTo("hospital-a/admin");
        assertThat(ProofChecker.verifyTxUncertified(proof).getHeight()).isGreaterThanOrEqualTo(second.height());
        // proven under the tx's own block too
        TxProofView atOwn = client.get("v1/txs/" + first.txId() + "?height=" + first.height(), TxProofView.class);
        assertThat(ProofChecker.verifyTxUncertified(atOwn).getHeight()).isEqualTo(first.height());
        // a local-ordering node has no other nodes to certify its blocks: a light client that trusts no single node
        // refuses its headers rather than pass them silently
        org.careledger.client.GenesisNodes nodes = org.careledger.client.GenesisNodes.fromGenesis(net.layout.genesis());
        assertThat(proof.header().certificate()).isNull();
        assertThatThrownBy(() -> ProofChecker.verifyTx(proof, nodes))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("HEADER_UNCERTIFIED"));
        // the envelope served is the one that was signed
        TxEnvelope env = parseEnvelope(proof.tx().envelope());
        assertThat(TxSigner.txId(env).hex()).isEqualTo(first.txId());
    }

    @Test
    void aTamperedProofFailsTheChecker() {
        registerOne("dr-tamper-1");
        SubmitResponse r = registerOne("dr-tamper-2");
        registerOne("dr-tamper-3");
        TxProofView good = client.tx(r.txId());
        ProofChecker.verifyTxUncertified(good);
        InclusionProofView p = good.proof();
        assertThat(p.path()).isNotEmpty();

        List<String> path = new ArrayList<>(p.path());
        path.set(0, flipHex(path.get(0)));
        rejectsProof(new TxProofView(good.tx(), new InclusionProofView(p.leafIndex(), p.treeSize(), p.leafHash(), path, p.root()),
                good.header()));
        rejectsProof(new TxProofView(good.tx(), new InclusionProofView(p.leafIndex() ^ 1, p.treeSize(), p.leafHash(), p.path(),
                p.root()), good.header()));
        rejectsProof(new TxProofView(good.tx(), new InclusionProofView(p.leafIndex(), p.treeSize(), p.leafHash(), p.path(),
                flipHex(p.root())), good.header()));
        rejectsProof(new TxProofView(good.tx(), new InclusionProofView(p.leafIndex(), p.treeSize(), flipHex(p.leafHash()),
                p.path(), p.root()), good.header()));
        HeaderView h = good.header();
        HeaderView forgedRoot = new HeaderView(h.chainId(), h.height(), h.hash(), h.prevHash(), h.timestampMillis(),
                h.logSize(), flipHex(h.logRoot()), h.resultsDigest(), h.stateDigest(), h.txCount(), h.proposer(),
                h.headerBytes(), h.certificate());
        // the JSON field is not trusted: the checker reads the root from the hashed header bytes
        ProofChecker.verifyTxUncertified(new TxProofView(good.tx(), p, forgedRoot));
        byte[] headerBytes = Base64.getDecoder().decode(h.headerBytes());
        headerBytes[headerBytes.length - 1] ^= 0x01;
        HeaderView forgedBytes = new HeaderView(h.chainId(), h.height(), h.hash(), h.prevHash(), h.timestampMillis(),
                h.logSize(), h.logRoot(), h.resultsDigest(), h.stateDigest(), h.txCount(), h.proposer(),
                Base64.getEncoder().encodeToString(headerBytes), h.certificate());
        assertThatThrownBy(() -> ProofChecker.verifyTxUncertified(new TxProofView(good.tx(), p, forgedBytes)))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("HEADER_HASH_MISMATCH"));
    }

    @Test
    void consistencyProofsShowTheLogOnlyGrew() {
        SubmitResponse early = registerOne("dr-cons-1");
        registerOne("dr-cons-2");
        registerOne("dr-cons-3");
        HeaderView then = client.block(early.height()).header();
        HeaderView now = client.head();
        ConsistencyProofView c = client.consistency(then.logSize(), now.logSize());
        assertThat(c.firstRoot()).isEqualTo(then.logRoot());
        assertThat(c.secondRoot()).isEqualTo(now.logRoot());
        ProofChecker.verifyConsistency(c, HexFormat.of().parseHex(then.logRoot()), HexFormat.of().parseHex(now.logRoot()));
        assertThatThrownBy(() -> ProofChecker.verifyConsistency(c, HexFormat.of().parseHex(flipHex(then.logRoot())),
                HexFormat.of().parseHex(now.logRoot())))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("PROOF_INVALID"));
        // second defaults to the head
        ConsistencyProofView toHead = client.get("v1/proofs/consistency?first=1", ConsistencyProofView.class);
        assertThat(toHead.secondSize()).isGreaterThanOrEqualTo(now.logSize());
    }

    @Test
    void healthMetricsAndOpenApiAreServed() throws Exception {
        registerOne("dr-health");
        HealthView h = client.health();
        assertThat(h.status()).isEqualTo("UP");
        assertThat(h.nodeId()).isEqualTo("hospital-a/node");
        assertThat(h.chainId()).isEqualTo("careledger-it");
        assertThat(h.height()).isPositive();
        assertThat(h.headHash()).isEqualTo(node.ledger().head().hash().hex());

        HttpResponse<byte[]> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        String text = new String(metrics.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("careledger_chain_height").contains("careledger_log_size").contains("careledger_tx_submit");

        HttpResponse<byte[]> openApi = get("/openapi.json");
        if (openApi.statusCode() == 404) {
            assertProblem(openApi, 404, "NOT_FOUND");
        } else {
            assertThat(openApi.statusCode()).isEqualTo(200);
            JsonNode doc = CanonicalJson.tree(openApi.body());
            assertThat(doc.get("openapi").asText()).startsWith("3.");
            assertThat(doc.get("paths").has("/v1/txs")).isTrue();
            assertThat(doc.get("paths").has("/v1/head")).isTrue();
        }
    }

    /**
     * The served /openapi.json (base document plus every domain's fragment) documents exactly the routes the node
     * registers with Javalin, for every domain genesis lists: a route without its path in a fragment, or a path
     * no handler serves, fails here.
     */
    @Test
    void openApiDocumentsExactlyTheRoutesTheNodeServes() throws Exception {
        assertThat(net.genesis.domains()).extracting(org.careledger.ledger.GenesisDomain::id)
                .containsAll(NodeDomains.ids(NodeDomains.standard()));
        HttpResponse<byte[]> openApi = get("/openapi.json");
        assertThat(openApi.statusCode()).isEqualTo(200);
        JsonNode paths = CanonicalJson.tree(openApi.body()).get("paths");
        List<String> documented = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (List.of("get", "post", "put", "patch", "delete", "head", "options", "trace").contains(method)) {
                documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        // the web explorer's static pages (docs/EXPLORER.md) are served beside the API, not part of it
        List<String> served = node.apiRoutes().stream()
                .filter(r -> !r.startsWith("GET " + org.careledger.node.web.WebAssets.PREFIX + "/")).toList();
        assertThat(node.apiRoutes()).as("routes").contains("GET /explorer/");
        assertThat(served).as("routes").contains("GET /v1/claims/{claimId}", "POST /epcis/capture", "GET /v1/head",
                "GET /v1/coverages/{coverageId}");
        assertThat(documented).as("paths of /openapi.json that no route serves").isSubsetOf(served);
        assertThat(served).as("routes that /openapi.json does not document (add them to openapi/<domain>.json)")
                .isSubsetOf(documented);
    }

    // ---------------------------------------------------------------------------------------------------------
    // every bad input: an RFC 9457 problem with the right status, and nothing changes

    @Test
    void everyBadInputIsAProblemAndChangesNothing() throws Exception {
        SubmitResponse committed = registerOne("dr-replayed");
        TxEnvelope committedTx = parseEnvelope(client.tx(committed.txId()).tx().envelope());
        TxEnvelope fresh = net.register(admin, net.member(ORG, "dr-fresh", "nurse"));
        byte[] sig = fresh.getSignature().toByteArray();
        sig[5] ^= 0x01;
        TxEnvelope badSig = fresh.toBuilder().setSignature(ByteString.copyFrom(sig)).build();
        TxSigner ghost = new TxSigner(net.genesis.chainId(), "hospital-a/ghost", net.member(ORG, "ghost", "nurse").signer());
        TxSigner otherChain = new TxSigner("another-chain", "hospital-a/admin", net.admin(ORG).signer());
        byte[] oversized = admin.sign("membership", "registerMember",
                Map.of("name", "big", "certificate", "x".repeat(MAX_TX_BYTES))).toByteArray();
        String proto = "application/x-protobuf";
        String json = "application/json";

        String before = node.ledger().head().hash().hex();
        headBefore = before;
        long height = node.ledger().head().height();

        rejected(post("/v1/txs", proto, new byte[0]), 400, "TX_MALFORMED");
        rejected(post("/v1/txs", proto, "garbage bytes, not protobuf \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1)), 400, "TX_MALFORMED");
        rejected(post("/v1/txs", proto, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}), 400, "TX_MALFORMED");
        rejected(post("/v1/txs", proto, oversized), 413, "TX_TOO_LARGE");
        rejected(post("/v1/txs", proto, badSig.toByteArray()), 401, "TX_SIGNATURE_INVALID");
        rejected(post("/v1/txs", proto, ghost.sign("membership", "registerMember", Map.of()).toByteArray()), 401, "TX_UNKNOWN_SIGNER");
        rejected(post("/v1/txs", proto, committedTx.toByteArray()), 409, "TX_REPLAY");
        rejected(post("/v1/txs", proto, otherChain.sign("membership", "registerMember", Map.of()).toByteArray()), 400, "TX_WRONG_CHAIN");
        rejected(post("/v1/txs?wait=forever", proto, fresh.toByteArray()), 400, "BAD_REQUEST");
        rejected(post("/v1/txs", json, "{\"payload\":\"AAAA\"}".getBytes()), 400, "TX_MALFORMED");
        rejected(post("/v1/txs", json, "{\"payload\":\"!!!\",\"signature\":\"???\"}".getBytes()), 400, "TX_MALFORMED");
        rejected(post("/v1/txs", json, "{\"payload\":".getBytes()), 400, "MALFORMED_JSON");
        rejected(post("/v1/txs", json, "[]".getBytes()), 400, "TX_MALFORMED");
        rejected(post("/v1/txs", json, new byte[0]), 400, "TX_MALFORMED");

        rejected(get("/v1/txs/not-a-tx-id"), 400, "BAD_REQUEST");
        rejected(get("/v1/txs/" + "zz".repeat(32)), 400, "BAD_REQUEST");
        rejected(get("/v1/txs/" + "ab".repeat(32)), 404, "TX_NOT_FOUND");
        rejected(get("/v1/txs/" + committed.txId() + "?height=abc"), 400, "BAD_REQUEST");
        rejected(get("/v1/txs/" + committed.txId() + "?height=" + (height + 5)), 400, "PROOF_OUT_OF_RANGE");
        rejected(get("/v1/blocks/" + (height + 1)), 404, "BLOCK_NOT_FOUND");
        rejected(get("/v1/blocks/0"), 404, "BLOCK_NOT_FOUND");
        rejected(get("/v1/blocks/-3"), 404, "BLOCK_NOT_FOUND");
        rejected(get("/v1/blocks/twelve"), 400, "BAD_REQUEST");
        rejected(get("/v1/proofs/consistency"), 400, "BAD_REQUEST");
        rejected(get("/v1/proofs/consistency?first=x"), 400, "BAD_REQUEST");
        rejected(get("/v1/proofs/consistency?first=0&second=1"), 400, "PROOF_OUT_OF_RANGE");
        rejected(get("/v1/proofs/consistency?first=1&second=999999"), 400, "PROOF_OUT_OF_RANGE");
        rejected(get("/v1/identities/hospital-a/nobody"), 404, "NOT_FOUND");
        rejected(get("/v1/no-such-route"), 404, "NOT_FOUND");
        rejected(get("/"), 404, "NOT_FOUND");

        assertThat(node.ledger().head().hash().hex()).as("rejections must not change the chain").isEqualTo(before);
        assertThat(node.ledger().head().height()).isEqualTo(height);
        // and what is stored still verifies (a checkpoint: the node keeps the store open)
        Path snapshot = dir.resolve("after-rejections");
        node.ledger().store().checkpoint(snapshot);
        assertThat(new LedgerVerifier(NodeAssembly.contracts(), NodeAssembly.certificateCheck()).verify(snapshot).headHash().hex())
                .isEqualTo(before);
        // the node still works, and the fresh tx (never committed) still goes through
        assertThat(client.submit(fresh, Wait.COMMIT).valid()).isTrue();
    }

    @Test
    void aBodyBeyondTheHttpLimitIsAProblemToo() throws Exception {
        String before = node.ledger().head().hash().hex();
        HttpResponse<byte[]> resp = post("/v1/txs", "application/x-protobuf", new byte[65 * 1024 * 1024]);
        assertProblem(resp, 413, "PAYLOAD_TOO_LARGE");
        assertThat(node.ledger().head().hash().hex()).isEqualTo(before);
    }

    @Test
    void theClientSurfacesProblemCodes() {
        assertThatThrownBy(() -> client.block(1_000_000))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("BLOCK_NOT_FOUND");
                    assertThat(e.getMessage()).contains("1000000");
                });
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The head before a run of rejections: each one must leave it as it was. */
    private static volatile String headBefore;

    private static void rejected(HttpResponse<byte[]> resp, int status, String code) {
        assertProblem(resp, status, code);
        assertThat(node.ledger().head().hash().hex()).as("head after " + resp.request().uri()).isEqualTo(headBefore);
    }

    private static void assertProblem(HttpResponse<byte[]> resp, int status, String code) {
        String body = new String(resp.body(), StandardCharsets.UTF_8);
        assertThat(resp.statusCode()).as(resp.request().uri() + " -> " + body).isEqualTo(status);
        assertThat(resp.headers().firstValue("Content-Type").orElse("")).as(body).startsWith("application/problem+json");
        JsonNode p = CanonicalJson.tree(resp.body());
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("code").asText()).as(body).isEqualTo(code);
        assertThat(p.get("type").asText()).startsWith("https://");
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static void rejectsProof(TxProofView view) {
        assertThatThrownBy(() -> ProofChecker.verifyTxUncertified(view))
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo("PROOF_INVALID"));
    }

    private static String flipHex(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        b[b.length - 1] ^= 0x01;
        return HexFormat.of().formatHex(b);
    }

    private static TxEnvelope parseEnvelope(String base64) {
        try {
            return TxEnvelope.parseFrom(Base64.getDecoder().decode(base64));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // session consistency (X-Careledger-Min-Height / X-Careledger-Height)

    @Test
    void everyAnswerCarriesTheHeightItReflects() throws Exception {
        SubmitResponse r = registerOne("dr-stamped");
        HttpResponse<byte[]> health = get("/v1/health");
        long stamped = health.headers().firstValueAsLong(CareledgerClient.HEIGHT_HEADER).orElseThrow();
        assertThat(stamped).isGreaterThanOrEqualTo(r.height())
                .isEqualTo(CanonicalJson.decode(health.body(), HealthView.class).height());
        HttpResponse<byte[]> missing = get("/v1/txs/" + "00".repeat(32));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValueAsLong(CareledgerClient.HEIGHT_HEADER)).hasValue(stamped);
    }

    @Test
    void aReadAskingForAHeightTheNodeHasNotReachedIsHeldUntilThatBlockCommits() throws Exception {
        long next = node.ledger().head().height() + 1;
        var held = java.util.concurrent.CompletableFuture.supplyAsync(() -> client.exchange("GET",
                "/v1/identities/hospital-a/dr-held", null, null,
                Map.of(CareledgerClient.MIN_HEIGHT_HEADER, Long.toString(next))));
        Thread.sleep(300);
        assertThat(held).as("answered before block " + next + " existed").isNotDone();
        SubmitResponse r = registerOne("dr-held");
        assertThat(r.height()).isEqualTo(next);
        HttpResponse<byte[]> resp = held.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(resp.statusCode()).as(new String(resp.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(CanonicalJson.tree(resp.body()).get("kind").asText()).isEqualTo("MEMBER");

        // a height already reached answers at once; the SDK sends the session's height on every read
        org.careledger.client.ReadSession session = new org.careledger.client.ReadSession();
        CareledgerClient follower = client.withSession(session);
        assertThat(follower.health().height()).isEqualTo(next);
        assertThat(session.height()).isEqualTo(next);
        session.observe(next - 1);
        assertThat(session.height()).as("a session never goes back").isEqualTo(next);
    }

    @Test
    void aMalformedMinHeightIsRefusedWithItsReason() throws Exception {
        for (String bad : List.of("twelve", "-1", "1e3")) {
            HttpResponse<byte[]> resp = client.exchange("GET", "/v1/health", null, null,
                    Map.of(CareledgerClient.MIN_HEIGHT_HEADER, bad));
            assertThat(resp.statusCode()).as(bad).isEqualTo(400);
            JsonNode p = CanonicalJson.tree(resp.body());
            assertThat(p.get("code").asText()).isEqualTo("BAD_MIN_HEIGHT");
            assertThat(p.get("detail").asText()).contains(CareledgerClient.MIN_HEIGHT_HEADER);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // exactly-once submission over several nodes (the SDK's FailoverClient)

    @Test
    void aFailoverClientMovesPastADeadNodeAndRecognizesItsOwnCommittedCopy() {
        String dead = "http://127.0.0.1:" + org.careledger.core.LoopbackPorts.free(); // nothing listens there
        TxEnvelope tx = net.register(admin, net.member(ORG, "dr-failover", "nurse"));
        org.careledger.client.FailoverClient twoNodes = new org.careledger.client.FailoverClient(
                List.of(dead, node.apiUrl()), null, net.trust(), admin.requestSigner(), Duration.ofSeconds(30));
        var first = twoNodes.submit(tx);
        assertThat(first.failovers()).containsExactly("NODE_UNREACHABLE");
        assertThat(first.acknowledgedBy()).isEqualTo(new CareledgerClient(node.apiUrl()).baseUrl());
        assertThat(first.response().valid()).isTrue();
        assertThat(first.fromReplay()).isFalse();

        // the answer was "lost": the same envelope again is refused as a replay and read back, not committed twice
        var again = twoNodes.submit(tx, 1);
        assertThat(again.fromReplay()).isTrue();
        assertThat(again.response().txId()).isEqualTo(first.response().txId());
        assertThat(again.response().height()).isEqualTo(first.response().height());
        assertThat(again.response().blockHash()).isEqualTo(first.response().blockHash());
        assertThat(again.response().valid()).isTrue();

        // what every node would refuse is not retried
        byte[] sig = net.register(admin, net.member(ORG, "dr-forged", "nurse")).getSignature().toByteArray();
        TxEnvelope forged = net.register(admin, net.member(ORG, "dr-forged2", "nurse")).toBuilder()
                .setSignature(ByteString.copyFrom(sig)).build();
        assertThatThrownBy(() -> twoNodes.submit(forged, 1)).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo("TX_SIGNATURE_INVALID"));

        // no node answers: it gives up with the tx id to look up later
        org.careledger.client.FailoverClient none = new org.careledger.client.FailoverClient(List.of(dead), null,
                Duration.ofSeconds(1));
        TxEnvelope lost = net.register(admin, net.member(ORG, "dr-lost", "nurse"));
        assertThatThrownBy(() -> none.submit(lost)).isInstanceOfSatisfying(CareledgerException.class, e -> {
            assertThat(e.code()).isEqualTo("NOT_ACKNOWLEDGED");
            assertThat(e.getMessage()).contains(TxSigner.txId(lost).hex()).contains("NODE_UNREACHABLE");
        });
    }

    /**
     * docs/grafana's dashboard must not query a metric the node does not export: every {@code careledger_…} series
     * its expressions name (with the quantile a latency panel asks for) is in this node's /metrics. One refused
     * submission first, since the rejection counter exists per code only once something was refused.
     */
    @Test
    void everySeriesTheGrafanaDashboardQueriesIsExported() throws Exception {
        assertProblem(post("/v1/txs", "application/x-protobuf", new byte[0]), 400, "TX_MALFORMED");
        String text = new String(get("/metrics").body(), StandardCharsets.UTF_8);
        JsonNode dashboard = CanonicalJson.tree(java.nio.file.Files.readAllBytes(
                Path.of("..", "docs", "grafana", "careledger-dashboard.json")));
        java.util.regex.Pattern series = java.util.regex.Pattern.compile(
                "(careledger_[a-z_]+)(\\{quantile=\"([0-9.]+)\"})?");
        List<String> queried = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                java.util.regex.Matcher m = series.matcher(target.path("expr").asText());
                while (m.find()) {
                    String name = m.group(1);
                    queried.add(name);
                    assertThat(text).as("panel '%s' queries %s", panel.path("title").asText(), name)
                            .containsPattern("(?m)^" + name + "(\\{|\\s)");
                    if (m.group(3) != null) {
                        assertThat(text).as("panel '%s' asks for quantile %s", panel.path("title").asText(), m.group(3))
                                .contains(name + "{").contains("quantile=\"" + m.group(3) + "\"");
                    }
                }
            }
        }
        // the operators' list of the issue: throughput, latency, finality lag, Raft role and term, apply lag, store
        // size, refusals by code
        assertThat(queried).contains("careledger_log_size", "careledger_tx_submit_seconds",
                "careledger_finality_lag_blocks", "careledger_raft_role", "careledger_raft_term",
                "careledger_raft_lag_entries", "careledger_store_bytes", "careledger_tx_rejected_total");
        assertThat(text).containsPattern("(?m)^careledger_raft_role(\\{[^}]*})? 2\\.0$"); // a lone node orders: leader
        assertThat(text).containsPattern("(?m)^careledger_store_bytes(\\{[^}]*})? [1-9]");
    }

    private static HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return client.exchange("POST", path, contentType, body);
    }

    private static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.exchange("GET", path, null, null);
    }
}
