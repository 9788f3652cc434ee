package org.careledger.node.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.careledger.client.ReadSession;
import org.careledger.client.TxSigner;
import org.careledger.client.auth.NodeTrust;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.R4ProfileValidation;
import org.careledger.node.api.FhirWire;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A FHIR client as any HTTP stack makes one: pinned TLS, the SDK's {@code RequestSigner} for the RFC 9421 headers,
 * {@code X-Careledger-Min-Height} from a shared read session (so a read through another node sees the writes
 * before it), answers parsed strictly by HAPI's R4 parser and checked by HAPI's R4 profile validation.
 */
final class FhirHttp {
    private final HttpClient http;
    private final ReadSession session;

    FhirHttp(NodeTrust trust, ReadSession session) {
        this.http = HttpClient.newBuilder().sslContext(trust.sslContext()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.session = session;
    }

    /** {@code method} {@code baseUrl + path}, signed by {@code as} (null: anonymous). */
    HttpResponse<byte[]> send(String baseUrl, TxSigner as, String method, String path, byte[] body,
                              Map<String, String> headers) throws IOException, InterruptedException {
        URI uri = URI.create(baseUrl + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        if (session != null && session.height() > 0) {
            b.header("X-Careledger-Min-Height", Long.toString(session.height()));
        }
        if (as != null) {
            as.requestSigner().headers(method, uri, body).forEach(b::header);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (session != null) {
            r.headers().firstValue("X-Careledger-Height").ifPresent(h -> session.observe(Long.parseLong(h)));
        }
        return r;
    }

    static <T extends IBaseResource> T parse(HttpResponse<byte[]> r, Class<T> type) {
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
        T resource = FhirR4.shared().parseResource(type, r.body());
        assertThat(R4ProfileValidation.errors(resource)).as("R4 profile validation").isEmpty();
        return resource;
    }

    static <T extends IBaseResource> T parseXml(HttpResponse<byte[]> r, Class<T> type) {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+xml");
        return FhirR4.shared().context().newXmlParser().setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler())
                .setOverrideResourceIdWithBundleEntryFullUrl(false).setStripVersionsFromReferences(false)
                .parseResource(type, body(r));
    }

    /** The answer is an OperationOutcome (JSON) with {@code status} and the careledger {@code code}. */
    static void assertOutcome(HttpResponse<byte[]> r, int status, String code) {
        assertThat(r.statusCode()).as(r.request().method() + " " + r.request().uri() + " -> " + body(r))
                .isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
        OperationOutcome o = FhirR4.shared().parseResource(OperationOutcome.class, r.body());
        assertThat(R4ProfileValidation.errors(o)).as("R4 profile validation").isEmpty();
        var issue = o.getIssueFirstRep();
        assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo(FhirWire.CODE_SYSTEM);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).as(body(r)).isEqualTo(code);
        assertThat(issue.getDiagnostics()).isNotBlank().doesNotContain("Exception");
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
