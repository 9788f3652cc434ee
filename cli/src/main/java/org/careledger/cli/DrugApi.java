package org.careledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.careledger.client.CareledgerClient;
import org.careledger.client.api.Problem;
import org.careledger.contracts.supplychain.SuspectRecord;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.node.drugs.DrugVerification;
import org.careledger.node.drugs.EpcisCaptureReport;

/** The node's {@code /v1/drugs} endpoints from the CLI; errors come back as the node's coded exceptions. */
final class DrugApi {
    private final CareledgerClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = CanonicalJson.mapper();

    DrugApi(CareledgerClient client) {
        this.client = client;
    }

    DrugVerification verify(String sgtin) {
        return client.get("v1/drugs/verify?sgtin=" + URLEncoder.encode(sgtin, StandardCharsets.UTF_8),
                DrugVerification.class);
    }

    List<SuspectRecord> suspects(long fromHeight, int limit) {
        return List.of(client.get("v1/drugs/suspects?fromHeight=" + fromHeight + "&limit=" + limit,
                SuspectRecord[].class));
    }

    /** Submits a signed {@code supplychain.captureEpcis} transaction and waits for its block. */
    EpcisCaptureReport captureEpcis(TxEnvelope tx) {
        URI uri = URI.create(client.baseUrl()).resolve("v1/drugs/epcis?wait=commit");
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tx.toByteArray())).build();
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CareledgerException("NODE_UNREACHABLE", "cannot reach " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CareledgerException("INTERRUPTED", "interrupted while calling " + uri);
        }
        try {
            if (resp.statusCode() >= 400) {
                Problem p = json.readValue(resp.body(), Problem.class);
                throw new CareledgerException(p.code() == null ? "HTTP_" + resp.statusCode() : p.code(),
                        p.detail() == null ? p.title() : p.detail());
            }
            return json.readValue(resp.body(), EpcisCaptureReport.class);
        } catch (IOException e) {
            throw new CareledgerException("BAD_RESPONSE", "node answered " + resp.statusCode()
                    + " with an unreadable body");
        }
    }
}
