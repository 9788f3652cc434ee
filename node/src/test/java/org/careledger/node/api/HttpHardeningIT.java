package org.careledger.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.careledger.client.TxSigner;
import org.careledger.contracts.audit.ReadRecord;
import org.careledger.core.errors.ErrorCatalogue;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxBatch;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.node.NodeAssembly;
import org.careledger.node.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Hostile and broken clients against one real node over real sockets: oversized, undeclared, concurrent and
 * aborted bodies, forged submissions, malformed requests. Every answer must be a documented problem, the node
 * must keep answering, and nothing committed may change.
 */
class HttpHardeningIT {
    private static final String ORG = "hospital-a";
    /** With M = 64 KiB, /v1/txs takes 4/3 M + 16 KiB = 103,766 bytes. */
    private static final int MAX_TX_BYTES = 64 * 1024;
    private static final BodyLimits LIMITS = BodyLimits.of(MAX_TX_BYTES);
    private static final long TXS_LIMIT = LIMITS.limit("POST", "/v1/txs").orElseThrow();
    /** Room for exactly ten undeclared /v1/txs bodies at once (and for one declared 1 MB body). */
    private static final long BUDGET = 10 * TXS_LIMIT;

    @TempDir
    static Path dir;
    private static TestNetwork net;
    private static NodeAssembly node;
    private static JsonNode headAtStart;
    private static ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void startNode() {
        net = new TestNetwork(dir.resolve("net"));
        net.configure(ORG, c -> TestNetwork.withMaxTxBytes(c, MAX_TX_BYTES));
        System.setProperty(UploadPermits.PROPERTY, Long.toString(BUDGET));
        try {
            node = net.start(ORG);
        } finally {
            System.clearProperty(UploadPermits.PROPERTY);
        }
        headAtStart = health();
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterAll
    static void stopNode() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void clearLog() {
        logs.list.clear();
    }

    /** Whatever a test threw at it, the node still answers and its chain did not move. */
    @AfterEach
    void nodeIsUpAndNothingCommitted() {
        JsonNode now = health();
        assertThat(now.get("status").asText()).isEqualTo("UP");
        assertThat(now.get("height").asLong()).isEqualTo(headAtStart.get("height").asLong());
        assertThat(now.get("headHash").asText()).isEqualTo(headAtStart.get("headHash").asText());
    }

    // ---------------------------------------------------------------------------------------------------------
    // bounded bodies

    @Test
    void aDeclaredBodyOverTheLimitIs413BeforeAnyOfItIsSent() throws Exception {
        // 10 MB declared, not one byte of it sent: the answer cannot have waited for the body
        Answer a = exchange(request("POST", "/v1/access", Map.of("Content-Type", "application/x-protobuf",
                "Content-Length", "10000000"), new byte[0]));
        assertProblem(a, 413, "PAYLOAD_TOO_LARGE");
        Answer txs = exchange(request("POST", "/v1/txs", Map.of("Content-Type", "application/x-protobuf",
                "Content-Length", Long.toString(TXS_LIMIT + 1)), new byte[0]));
        assertProblem(txs, 413, "PAYLOAD_TOO_LARGE");
        // one byte under the limit is read and judged on its content instead
        Answer under = exchange(request("POST", "/v1/txs", Map.of("Content-Type", "application/x-protobuf"),
                new byte[(int) TXS_LIMIT]));
        assertThat(under.status()).isIn(400, 413);
        assertThat(under.code()).isIn("TX_MALFORMED", "TX_TOO_LARGE");
    }

    @Test
    void anUndeclaredBodyIsCutOffOneBytePastTheLimit() throws Exception {
        Answer a = chunkedUpload("/v1/txs", TXS_LIMIT + 4096);
        assertProblem(a, 413, "PAYLOAD_TOO_LARGE");
        // the JSON form goes through the same counter
        Answer access = chunkedUpload("/v1/access", LIMITS.limit("POST", "/v1/access").orElseThrow() + 1);
        assertProblem(access, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void fortyConcurrentOversizeUploadsAreAllRefusedAndHeapStaysBounded() throws Exception {
        long heapBefore = usedHeapAfterGc();
        String busyOnTxs = "code=\"NODE_BUSY\",endpoint=\"/v1/txs\"";
        double busyBefore = metric("careledger_tx_rejected_total", busyOnTxs);
        int n = 40;
        CyclicBarrier allSentHeaders = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Answer>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    try (Socket s = connect()) {
                        OutputStream out = s.getOutputStream();
                        out.write(chunkedHeaders("/v1/txs"));
                        out.write(chunk(1024));
                        out.flush();
                        allSentHeaders.await(30, TimeUnit.SECONDS);
                        // a refused upload is answered at once; an admitted one waits for the rest of its body
                        s.setSoTimeout(2000);
                        InputStream in = s.getInputStream();
                        int first;
                        try {
                            first = in.read();
                        } catch (SocketTimeoutException admitted) {
                            s.setSoTimeout(30_000);
                            for (long sent = 1024; sent <= TXS_LIMIT; sent += 16 * 1024) {
                                out.write(chunk(16 * 1024));
                            }
                            out.flush();
                            return Answer.read(in, -1);
                        }
                        return Answer.read(in, first);
                    }
                }));
            }
            int busy = 0;
            int tooLarge = 0;
            for (Future<Answer> f : futures) {
                Answer a = f.get(90, TimeUnit.SECONDS);
                assertThat(a.contentType()).startsWith("application/problem+json");
                if (a.status() == 503) {
                    assertThat(a.code()).isEqualTo("NODE_BUSY");
                    assertThat(a.headers()).containsEntry("retry-after", "1");
                    busy++;
                } else {
                    assertProblem(a, 413, "PAYLOAD_TOO_LARGE");
                    tooLarge++;
                }
            }
            // the budget holds exactly ten undeclared /v1/txs bodies
            assertThat(tooLarge).isEqualTo(10);
            assertThat(busy).isEqualTo(30);
        } finally {
            pool.shutdownNow();
        }
        assertThat(metric("careledger_http_upload_bytes_in_use", "")).isZero();
        assertThat(metric("careledger_tx_rejected_total", busyOnTxs) - busyBefore).isEqualTo(30);
        // 40 × 100 KB were offered; none of it may stay behind
        long growth = usedHeapAfterGc() - heapBefore;
        assertThat(growth).isLessThan(64L * 1024 * 1024);
    }

    // ---------------------------------------------------------------------------------------------------------
    // aborted clients

    @Test
    void aClientThatHangsUpMidBodyCostsAtMostOneWarnLineWithoutStackTrace() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Socket s = connect()) {
                OutputStream out = s.getOutputStream();
                out.write(request("POST", "/v1/txs/batch", Map.of("Content-Type", "application/x-protobuf",
                        "Content-Length", "1000000"), "0123456789".getBytes(StandardCharsets.US_ASCII)));
                out.flush();
            }
            // each abort gives its 1 MB permit back once the node has seen the hang-up (the next would be busy)
            awaitNoUploadInFlight();
        }
        Thread.sleep(500); // anything the node still had to say about the hang-ups
        assertThat(health().get("status").asText()).isEqualTo("UP");
        List<ILoggingEvent> events = List.copyOf(logs.list);
        assertThat(events).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(events).allMatch(e -> e.getThrowableProxy() == null);
        assertThat(events.stream().filter(e -> e.getLevel() == Level.WARN)).hasSizeLessThanOrEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // refused submissions are counted

    @Test
    void forgedSubmissionsAreCountedPerEndpointAndCodeAndLoggedWithoutDetail() throws Exception {
        TxSigner admin = net.admin(ORG);
        TxEnvelope read = admin.sign("access", "read", new ReadRecord("acc-1", "rec-1", "TREATMENT", null));
        TxEnvelope forged = read.toBuilder().setSignature(com.google.protobuf.ByteString.copyFrom(new byte[64])).build();
        String access = "code=\"TX_SIGNATURE_INVALID\",endpoint=\"/v1/access\"";
        String txs = "code=\"TX_SIGNATURE_INVALID\",endpoint=\"/v1/txs\"";
        String batch = "code=\"TX_SIGNATURE_INVALID\",endpoint=\"/v1/txs/batch\"";
        double accessBefore = metric("careledger_tx_rejected_total", access);
        double txsBefore = metric("careledger_tx_rejected_total", txs);
        double batchBefore = metric("careledger_tx_rejected_total", batch);

        assertProblem(exchange(request("POST", "/v1/access", protobuf(), forged.toByteArray())), 401,
                "TX_SIGNATURE_INVALID");
        assertProblem(exchange(request("POST", "/v1/access", protobuf(), forged.toByteArray())), 401,
                "TX_SIGNATURE_INVALID");
        TxEnvelope forgedTx = forged(net.register(admin, net.member(ORG, "dr-forged", "nurse")));
        assertProblem(exchange(request("POST", "/v1/txs", protobuf(), forgedTx.toByteArray())), 401,
                "TX_SIGNATURE_INVALID");
        TxBatch two = TxBatch.newBuilder().addTxs(forged(net.register(admin, net.member(ORG, "dr-f1", "nurse"))))
                .addTxs(forged(net.register(admin, net.member(ORG, "dr-f2", "nurse")))).build();
        Answer b = exchange(request("POST", "/v1/txs/batch", protobuf(), two.toByteArray()));
        assertThat(b.status()).isEqualTo(200);

        assertThat(metric("careledger_tx_rejected_total", access) - accessBefore).isEqualTo(2);
        assertThat(metric("careledger_tx_rejected_total", txs) - txsBefore).isEqualTo(1);
        assertThat(metric("careledger_tx_rejected_total", batch) - batchBefore).isEqualTo(2);
        List<String> warns = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        // one line per kind however often it happens, naming the endpoint and code, never the signer or payload
        assertThat(warns.stream().filter(w -> w.contains("/v1/access") && w.contains("TX_SIGNATURE_INVALID")))
                .hasSize(1);
        assertThat(warns).noneMatch(w -> w.contains("hospital-a") || w.contains("acc-1") || w.contains("rec-1"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // one error contract

    @Test
    void requestsJettyRejectsItselfAnswerDocumentedProblems() throws Exception {
        assertProblem(exchange("GET /v1/health%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "BAD_REQUEST");
        assertProblem(exchange("GET /v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400,
                "BAD_REQUEST");
        assertProblem(exchange("THIS IS NOT HTTP\r\n\r\n"), 400, "BAD_REQUEST");
        assertProblem(exchange("GET /v1/health HTTP/1.1\r\nHost: x\r\nNo colon here\r\nConnection: close\r\n\r\n"),
                400, "BAD_REQUEST");
        assertProblem(exchange("GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n"), 431, "HEADERS_TOO_LARGE");
        assertProblem(exchange("GET /v1/" + "a".repeat(64 * 1024) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                414, "URI_TOO_LONG");
    }

    @Test
    void aKnownPathWithTheWrongMethodIs405WithAllow() throws Exception {
        for (String method : List.of("PUT", "DELETE", "OPTIONS", "PATCH")) {
            Answer a = exchange(request(method, "/v1/txs", Map.of(), new byte[0]));
            assertProblem(a, 405, "METHOD_NOT_ALLOWED");
            assertThat(a.headers().get("allow")).contains("POST");
        }
        Answer health = exchange(request("DELETE", "/v1/health", Map.of(), new byte[0]));
        assertProblem(health, 405, "METHOD_NOT_ALLOWED");
        assertThat(health.headers().get("allow")).contains("GET").doesNotContain("POST");
        assertThat(health.body().get("detail").asText()).contains("DELETE").contains("GET");
        Answer tx = exchange(request("PUT", "/v1/txs/" + "ab".repeat(32), Map.of(), new byte[0]));
        assertProblem(tx, 405, "METHOD_NOT_ALLOWED");
        assertProblem(exchange(request("GET", "/v1/no-such-thing", Map.of(), new byte[0])), 404, "NOT_FOUND");
    }

    @Test
    void badJsonSubmissionsSayWhatIsWrong() throws Exception {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        assertProblem(exchange(request("POST", "/v1/txs", json, "{\"payload\":".getBytes())), 400, "MALFORMED_JSON");
        Answer objectPayload = exchange(request("POST", "/v1/txs", json,
                "{\"payload\":{\"contract\":\"membership\"},\"signature\":\"AAAA\"}".getBytes()));
        assertProblem(objectPayload, 400, "TX_MALFORMED");
        assertThat(objectPayload.body().get("detail").asText()).contains("'payload'").contains("string")
                .doesNotContain("empty");
        Answer noSignature = exchange(request("POST", "/v1/txs", json, "{\"payload\":\"AAAA\"}".getBytes()));
        assertProblem(noSignature, 400, "TX_MALFORMED");
        assertThat(noSignature.body().get("detail").asText()).contains("'signature'");
        assertProblem(exchange(request("POST", "/v1/txs", json, "[1,2]".getBytes())), 400, "TX_MALFORMED");
    }

    // ---------------------------------------------------------------------------------------------------------
    // HTTP plumbing: the only place that knows how to reach the node (TLS and request signing go here)

    /** A TLS socket to the node, trusting the genesis node keys as every client does. */
    private static Socket connect() throws IOException {
        Socket s = net.trust().sslContext().getSocketFactory().createSocket("127.0.0.1", node.apiPort());
        s.setSoTimeout(30_000);
        return s;
    }

    /** The headers that sign a request as hospital-a's admin; the body's digest when it has one. */
    private static Map<String, String> signed(String method, String path, byte[] body) {
        java.net.URI uri = java.net.URI.create("https://" + authority() + path);
        return net.admin(ORG).requestSigner().headers(method, uri, body == null || body.length == 0 ? null : body);
    }

    private static String authority() {
        return "127.0.0.1:" + node.apiPort();
    }

    /** Sends raw request bytes and reads one answer. */
    private static Answer exchange(byte[] request) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return Answer.read(s.getInputStream(), -1);
        }
    }

    private static Answer exchange(String request) throws IOException {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] request(String method, String path, Map<String, String> headers, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("Content-Length", Integer.toString(body.length));
        signed(method, path, body).forEach(h::putIfAbsent);
        StringBuilder sb = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + authority()
                + "\r\nConnection: close\r\n");
        h.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Headers of a signed chunked upload; the digest names a body that is never sent, the limit stops it first. */
    private static byte[] chunkedHeaders(String path) {
        StringBuilder sb = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + authority()
                + "\r\nConnection: close\r\nContent-Type: application/x-protobuf\r\nTransfer-Encoding: chunked\r\n");
        signed("POST", path, new byte[] {0}).forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] chunk(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[size]);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** Sends {@code total} body bytes in chunks without ever ending the body, then reads the answer. */
    private static Answer chunkedUpload(String path, long total) throws IOException {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(chunkedHeaders(path));
            for (long sent = 0; sent < total; sent += 8192) {
                out.write(chunk((int) Math.min(8192, total - sent)));
            }
            out.flush();
            return Answer.read(s.getInputStream(), -1);
        }
    }

    private static Map<String, String> protobuf() {
        return Map.of("Content-Type", "application/x-protobuf");
    }

    private static TxEnvelope forged(TxEnvelope tx) {
        byte[] sig = tx.getSignature().toByteArray();
        sig[0] ^= 1;
        return tx.toBuilder().setSignature(com.google.protobuf.ByteString.copyFrom(sig)).build();
    }

    private static JsonNode health() {
        try {
            Answer a = exchange(request("GET", "/v1/health", Map.of(), new byte[0]));
            assertThat(a.status()).isEqualTo(200);
            return a.body();
        } catch (IOException e) {
            throw new AssertionError("the node stopped answering", e);
        }
    }

    /** A Prometheus sample's value, 0 when the series does not exist yet. */
    private static double metric(String name, String labels) throws IOException {
        Answer a = exchange(request("GET", "/metrics", Map.of(), new byte[0]));
        String text = new String(a.raw(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            if (labels.isEmpty() || (m.group(1) != null && m.group(1).contains(labels))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private static void awaitNoUploadInFlight() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (metric("careledger_http_upload_bytes_in_use", "") > 0) {
            assertThat(System.nanoTime()).as("upload permits released within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void assertProblem(Answer a, int status, String code) throws IOException {
        assertThat(a.status()).as("status of %s", a).isEqualTo(status);
        assertThat(a.contentType()).as("content type of %s", a).startsWith("application/problem+json");
        assertThat(a.code()).as("code of %s", a).isEqualTo(code);
        assertThat(a.body().get("status").asInt()).isEqualTo(status);
        // documented: in the error catalogue (docs/ERRORS.md is generated from it) with this status, or the
        // catalogue's HTTP_<status> fallback for an HTTP-level refusal with no more specific code
        if (!code.equals("HTTP_" + status)) {
            assertThat(ErrorCatalogue.standard().find(code)).as("docs/ERRORS.md lists %s", code).isPresent();
            assertThat(ErrorCatalogue.standard().httpStatus(code)).as("catalogued status of %s", code).isEqualTo(status);
        }
    }

    /** One HTTP/1.1 answer read off a socket. */
    record Answer(int status, Map<String, String> headers, byte[] raw) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        JsonNode body() {
            return CanonicalJson.tree(raw);
        }

        String code() {
            JsonNode c = body().get("code");
            return c == null ? null : c.asText();
        }

        /** Reads status line, headers and a Content-Length or close-delimited body; {@code first} is a byte already read. */
        static Answer read(InputStream in, int first) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            if (first >= 0) {
                head.write(first);
            }
            while (!endsWithBlankLine(head)) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed before the answer's headers ended: " + head);
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            byte[] body;
            if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                while (true) {
                    String size = line(in);
                    int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (n == 0) {
                        break;
                    }
                    b.writeBytes(in.readNBytes(n));
                    line(in);
                }
                body = b.toByteArray();
            } else {
                body = in.readAllBytes();
            }
            return new Answer(status, headers, body);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }

        private static boolean endsWithBlankLine(ByteArrayOutputStream b) {
            byte[] a = b.toByteArray();
            int n = a.length;
            return n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n';
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + new String(raw, StandardCharsets.UTF_8);
        }
    }
}
