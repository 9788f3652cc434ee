package org.careledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.careledger.api.Wait;
import org.careledger.core.proto.TxEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FailoverClient} against two stand-in nodes: one lagging (its readiness answers 503 NODE_CATCHING_UP, and a
 * submission to it would hang for a minute, as a node applying thousands of blocks did), one ready. The write must
 * go to the ready node without ever waiting on the lagging one.
 */
class FailoverClientReadinessTest {
    private static final TxEnvelope TX = TxEnvelope.newBuilder()
            .setPayload(com.google.protobuf.ByteString.copyFromUtf8("a payload"))
            .setSignature(com.google.protobuf.ByteString.copyFromUtf8("a signature")).build();
    private static final String TX_ID = TxSigner.txId(TX).hex();

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger laggingSubmissions = new AtomicInteger();
    private final AtomicInteger laggingReadinessChecks = new AtomicInteger();
    private final AtomicInteger readySubmissions = new AtomicInteger();
    private HttpServer lagging;
    private HttpServer ready;

    /** A lagging node whose readiness says ready or not, and whose submissions hang or are refused at once. */
    private HttpServer lagging(boolean readinessSaysReady, boolean refusesSubmissions) throws IOException {
        HttpServer s = server();
        s.createContext("/v1/health/ready", x -> {
            laggingReadinessChecks.incrementAndGet();
            if (readinessSaysReady) {
                send(x, 200, health("UP", true));
            } else {
                send(x, 503, problem("NODE_CATCHING_UP", "not ready: 4100 committed log entries behind"));
            }
        });
        s.createContext("/v1/txs", x -> {
            laggingSubmissions.incrementAndGet();
            if (refusesSubmissions) {
                x.getResponseHeaders().add("Retry-After", "2");
                send(x, 503, problem("NODE_CATCHING_UP", "this node is catching up"));
                return;
            }
            try {
                release.await(60, TimeUnit.SECONDS); // what a node applying 4,100 blocks first made writers do
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(x, 200, committed());
        });
        s.start();
        return s;
    }

    private HttpServer ready() throws IOException {
        HttpServer s = server();
        s.createContext("/v1/health/ready", x -> send(x, 200, health("UP", true)));
        s.createContext("/v1/txs", x -> {
            readySubmissions.incrementAndGet();
            send(x, 200, committed());
        });
        s.start();
        return s;
    }

    /** The first request of a JVM loads the HTTP client, TLS and JSON classes (about a second): not what is timed here. */
    @org.junit.jupiter.api.BeforeAll
    static void warmUp() throws IOException {
        HttpServer s = server();
        s.createContext("/v1/health/ready", x -> send(x, 503, problem("NODE_CATCHING_UP", "warming up")));
        s.createContext("/v1/txs", x -> send(x, 200, committed()));
        s.start();
        try {
            CareledgerClient c = new CareledgerClient(url(s));
            org.assertj.core.api.Assertions.assertThatThrownBy(c::ready);
            c.submit(TX, Wait.COMMIT);
        } finally {
            s.stop(0);
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        for (HttpServer s : new HttpServer[] {lagging, ready}) {
            if (s != null) {
                s.stop(0);
            }
        }
    }

    @Test
    void aNodeWhoseReadinessSaysCatchingUpIsSkippedWithoutWaitingOnIt() throws IOException {
        lagging = lagging(false, false);
        ready = ready();
        FailoverClient client = client();

        long start = System.nanoTime();
        FailoverClient.Outcome o = client.submit(TX, 0);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(o.acknowledgedBy()).isEqualTo(url(ready));
        assertThat(o.failovers()).containsExactly("NODE_CATCHING_UP");
        assertThat(o.response().status()).isEqualTo("COMMITTED");
        assertThat(laggingSubmissions).hasValue(0);
        assertThat(readySubmissions).hasValue(1);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aRefusalMarksTheNodeNotReadySoTheNextWriteSkipsItWithoutAskingAgain() throws IOException {
        lagging = lagging(true, true); // readiness is stale (it said ready), the submission says otherwise
        ready = ready();
        FailoverClient client = client();

        FailoverClient.Outcome first = client.submit(TX, 0);
        assertThat(first.acknowledgedBy()).isEqualTo(url(ready));
        assertThat(first.failovers()).containsExactly("NODE_CATCHING_UP");
        assertThat(laggingSubmissions).hasValue(1);

        FailoverClient.Outcome second = client.submit(TX, 0);
        assertThat(second.acknowledgedBy()).isEqualTo(url(ready));
        assertThat(second.failovers()).containsExactly("NODE_CATCHING_UP");
        assertThat(laggingSubmissions).as("skipped for the TTL: no second submission").hasValue(1);
        assertThat(laggingReadinessChecks).as("nor a second readiness check").hasValue(1);
    }

    @Test
    void whenEveryNodeIsNotReadyTheyAreStillTriedUntilTheClientGivesUp() throws IOException {
        lagging = lagging(false, true);
        FailoverClient only = new FailoverClient(List.of(new CareledgerClient(url(lagging))), Duration.ofSeconds(3),
                Duration.ofMillis(50));
        long start = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> only.submit(TX))
                .isInstanceOfSatisfying(org.careledger.core.CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("NOT_ACKNOWLEDGED");
                    assertThat(e.getMessage()).contains("NODE_CATCHING_UP");
                });
        assertThat(laggingSubmissions.get()).isGreaterThan(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    private FailoverClient client() {
        return new FailoverClient(List.of(new CareledgerClient(url(lagging)), new CareledgerClient(url(ready))),
                Duration.ofSeconds(20), Duration.ofMillis(50));
    }

    private static HttpServer server() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        return s;
    }

    private static String url(HttpServer s) {
        return new CareledgerClient("http://127.0.0.1:" + s.getAddress().getPort()).baseUrl();
    }

    private static String health(String status, boolean isReady) {
        return "{\"status\":\"" + status + "\",\"nodeId\":\"x/node\",\"chainId\":\"c\",\"height\":1,\"headHash\":\"00\","
                + "\"role\":\"follower\",\"leader\":\"y/node\",\"finalHeight\":1,\"ready\":" + isReady + ",\"reason\":null,"
                + "\"appliedIndex\":1,\"commitIndex\":1,\"lag\":0,\"lagThreshold\":100}";
    }

    private static String problem(String code, String detail) {
        return "{\"type\":\"https://careledger.org/problems/x\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"" + detail + "\",\"code\":\"" + code + "\",\"instance\":\"/v1/txs\"}";
    }

    private static String committed() {
        return "{\"txId\":\"" + TX_ID + "\",\"status\":\"COMMITTED\",\"height\":7,\"index\":0,\"blockHash\":\"ab\","
                + "\"code\":\"VALID\",\"errorCode\":\"\",\"message\":\"\",\"events\":[]}";
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        x.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
