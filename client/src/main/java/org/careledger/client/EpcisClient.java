package org.careledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;

/**
 * The SDK side of the node's EPCIS 2.0 REST binding ({@code /epcis/capture}, {@code /epcis/events}). The member
 * signs: {@link #capture} wraps an EPCIS document, as written, into the member's signed
 * {@code supplychain.captureEpcis} transaction and posts that; the node only checks and orders it.
 */
public final class EpcisClient {
    private static final Duration POLL = Duration.ofMillis(50);
    private final CareledgerClient client;

    public EpcisClient(CareledgerClient client) {
        this.client = client;
    }

    /** The signed capture transaction of a document; {@code shipTo} (an org id) may be null. */
    public static TxEnvelope captureTx(TxSigner member, String document, String shipTo) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("document", document);
        if (shipTo != null) {
            args.put("shipTo", shipTo);
        }
        return member.sign("supplychain", "captureEpcis", args);
    }

    /** Posts a signed capture; returns its captureID (the path of its job is {@code /epcis/capture/ID}). */
    public String capture(TxEnvelope signedCapture) {
        HttpResponse<byte[]> r = client.exchange("POST", "/epcis/capture", "application/x-protobuf",
                signedCapture.toByteArray());
        if (r.statusCode() != 202) {
            throw problem(r);
        }
        String location = r.headers().firstValue("Location").orElseThrow(() ->
                new CareledgerException("BAD_RESPONSE", "a capture was answered 202 without a Location"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Signs and posts a document in one step. */
    public String capture(TxSigner member, String document, String shipTo) {
        return capture(captureTx(member, document, shipTo));
    }

    /** The capture job as the node has it now. */
    public JsonNode job(String captureId) {
        return client.getJson("/epcis/capture/" + captureId);
    }

    /**
     * Asks for the job until it is no longer running (a capture is asynchronous: the block that holds it is made
     * after the 202); {@code COMMIT_TIMEOUT} if it still runs after {@code timeout}.
     */
    public JsonNode awaitJob(String captureId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = job(captureId);
            if (!job.path("running").asBoolean(true)) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new CareledgerException("COMMIT_TIMEOUT", "capture " + captureId + " still runs after " + timeout);
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CareledgerException("INTERRUPTED", "interrupted while waiting for capture " + captureId);
            }
        }
    }

    /** A SimpleEventQuery: {@code query} is the URL query string without '?', already encoded (may be empty). */
    public HttpResponse<byte[]> events(String query) {
        return client.exchange("GET", "/epcis/events" + (query == null || query.isEmpty() ? "" : "?" + query), null, null);
    }

    private static CareledgerException problem(HttpResponse<byte[]> r) {
        JsonNode p;
        try {
            p = CanonicalJson.tree(r.body());
        } catch (RuntimeException e) {
            return new CareledgerException("HTTP_" + r.statusCode(), "node answered " + r.statusCode());
        }
        return new CareledgerException(p.path("code").asText("HTTP_" + r.statusCode()), p.path("detail").asText(""));
    }
}
