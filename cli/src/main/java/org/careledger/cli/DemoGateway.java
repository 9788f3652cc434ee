package org.careledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.careledger.client.ReadSession;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.gateway.FhirGateway;
import org.careledger.gateway.GatewayHeaders;
import org.careledger.gateway.GatewayToken;
import org.careledger.node.network.NetworkLayout;

/**
 * A member's FHIR gateway as the demo uses it: started on a free loopback port with a fresh bearer token, called
 * over plain FHIR REST (what any hospital system would send), keeping the demo's read session at the heights the
 * gateway reports so the demo's next read sees what the gateway wrote.
 */
final class DemoGateway implements AutoCloseable {
    /** What a transaction Bundle's answer says, entry by entry. */
    record Import(int created, int alreadyPresent, int entries, double seconds) {}

    private final FhirGateway gateway;
    private final String token;
    private final ReadSession session;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private DemoGateway(FhirGateway gateway, String token, ReadSession session) {
        this.gateway = gateway;
        this.token = token;
        this.session = session;
    }

    /** @param nodeUrl the node the gateway calls (any node serves a member of any org: every request is signed) */
    static DemoGateway start(NetworkLayout layout, String org, String member, String nodeUrl, ReadSession session) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        FhirGateway g = FhirGatewayCommand.start(layout.root(), org, member, "127.0.0.1", 0, false,
                GatewayToken.of(token), nodeUrl);
        return new DemoGateway(g, token, session);
    }

    String baseUrl() {
        return gateway.baseUrl();
    }

    /** POSTs a transaction Bundle for the patient (exactly once: a second POST creates nothing). */
    Import importBundle(String patientId, byte[] bundle) {
        long t0 = System.nanoTime();
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(baseUrl()))
                .header(GatewayHeaders.PATIENT, patientId)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bundle)), "import");
        int created = 0;
        int present = 0;
        for (JsonNode e : answer.path("entry")) {
            String status = e.path("response").path("status").asText();
            if (status.startsWith("201")) {
                created++;
            } else if (status.startsWith("200")) {
                present++;
            }
        }
        return new Import(created, present, answer.path("entry").size(), (System.nanoTime() - t0) / 1e9);
    }

    /** {@code GET Patient/[id]/$everything}: the patient's records this member may read, in one audited access. */
    JsonNode everything(String patientId) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/Patient/" + patientId + "/$everything")).GET(),
                "$everything");
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        request.header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json")
                .timeout(Duration.ofMinutes(5));
        if (session != null && session.height() > 0) {
            request.header(GatewayHeaders.MIN_HEIGHT, Long.toString(session.height()));
        }
        HttpResponse<byte[]> r;
        try {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CareledgerException("DEMO_FAILED", "the FHIR gateway did not answer the " + what + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CareledgerException("INTERRUPTED", "interrupted during the FHIR " + what);
        }
        r.headers().firstValue(GatewayHeaders.HEIGHT).ifPresent(h -> {
            if (session != null) {
                session.observe(Long.parseLong(h));
            }
        });
        JsonNode body = CanonicalJson.tree(r.body());
        if (r.statusCode() / 100 != 2) {
            throw new CareledgerException("DEMO_FAILED", "the FHIR gateway refused the " + what + " (HTTP "
                    + r.statusCode() + "): " + body.path("issue").path(0).path("diagnostics").asText(""));
        }
        return body;
    }

    @Override
    public void close() {
        gateway.close();
    }
}
