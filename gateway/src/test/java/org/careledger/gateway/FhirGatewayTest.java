package org.careledger.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.net.ServerSocket;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.client.records.Author;
import org.careledger.core.CareledgerException;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.R4ProfileValidation;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's HTTP side with a stock HAPI client, before any node answers: authentication, the
 * CapabilityStatement, and a node that cannot be reached as a coded OperationOutcome. The gateway on four real nodes
 * is cli's FhirGatewayIT.
 */
class FhirGatewayTest {
    private static final String TOKEN = "gateway-token-" + "k".repeat(32);
    private static FhirGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        TxSigner member = new TxSigner("chain", "hospital-a/dr-ames", Ed25519Signer.generate(new java.security.SecureRandom()));
        RecordGateway backend = new RecordGateway(new CareledgerClient("http://127.0.0.1:" + closedPort),
                new Author(member, "hospital-a", EncryptionKeyPair.generate()), FhirR4.shared());
        gateway = FhirGateway.start(backend, GatewayToken.of(TOKEN), "127.0.0.1", 0, false);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aStockClientReadsTheCapabilityStatementWithTheToken() {
        CapabilityStatement cs = client(TOKEN).capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        var rest = cs.getRestFirstRep();
        assertThat(rest.getSecurity().getDescription()).contains("Bearer");
        assertThat(rest.getResource()).extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .contains("Patient", "Observation", "AuditEvent", "Consent").doesNotContain("Bundle", "Parameters");
        var patient = rest.getResource().stream().filter(r -> r.getType().equals("Patient")).findFirst().orElseThrow();
        assertThat(patient.getOperation()).extracting(o -> o.getName()).contains("everything");
        var audit = rest.getResource().stream().filter(r -> r.getType().equals("AuditEvent")).findFirst().orElseThrow();
        assertThat(audit.getInteraction()).extracting(i -> i.getCode().toCode()).containsExactly("search-type");
        assertThat(rest.getInteraction()).extracting(i -> i.getCode().toCode()).contains("transaction", "batch");
        assertThat(R4ProfileValidation.errors(cs)).isEmpty();
    }

    @Test
    void withoutTheTokenEverythingIs401() {
        for (String token : new String[] {null, TOKEN + "x", "Basic abc"}) {
            assertThatThrownBy(() -> client(token).capabilities().ofType(CapabilityStatement.class).execute())
                    .as(String.valueOf(token)).isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(401);
                        assertThat(e.getResponseBody()).contains("https://careledger.org/fhir/CodeSystem/error-code")
                                .contains(token == null || token.startsWith("Basic") ? "AUTH_REQUIRED"
                                        : "AUTH_INVALID");
                    });
        }
    }

    @Test
    void anUnreachableNodeIsACodedOperationOutcome() {
        assertThatThrownBy(() -> client(TOKEN).read().resource(Observation.class).withId("r-0123").execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(502);
                    OperationOutcome oo = (OperationOutcome) e.getOperationOutcome();
                    assertThat(oo.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                            .isEqualTo("NODE_UNREACHABLE");
                    assertThat(R4ProfileValidation.errors(oo)).isEmpty();
                });
    }

    @Test
    void onlyLoopbackUnlessAllowed() {
        assertThatThrownBy(() -> FhirGateway.start(null, GatewayToken.of(TOKEN), "0.0.0.0", 0, false))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("GATEWAY_BIND_REFUSED"));
    }

    private static IGenericClient client(String token) {
        var ctx = FhirR4.shared().context();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient c = ctx.newRestfulGenericClient(gateway.baseUrl());
        if (token != null && token.startsWith("Basic")) {
            c.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor("a", "b"));
        } else if (token != null) {
            c.registerInterceptor(new BearerTokenAuthInterceptor(token));
        }
        return c;
    }
}
