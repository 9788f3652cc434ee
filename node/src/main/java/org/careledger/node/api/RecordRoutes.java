package org.careledger.node.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.node.auth.Caller;
import org.careledger.node.auth.RequestAuthenticator;
import org.careledger.node.records.RecordService;

/**
 * Patient-record endpoints, added through {@link ApiServer}'s extra-routes hook (see {@code docs/RECORDS.md}):
 * <ul>
 *   <li>{@code POST /v1/access} — a signed {@code access.read} (protobuf TxEnvelope); 200 with ciphertext and
 *       wrapped keys, 403 ACCESS_DENIED or 410 RECORD_ERASED (the refusal is committed and audited);</li>
 *   <li>{@code POST /v1/access/set} — a signed {@code access.readSet}: one committed access for a set of a patient's
 *       records; 200 with each record's decision and the ciphertext and keys of the granted ones;</li>
 *   <li>{@code GET /v1/patients/{id}/encryption-key} — the patient's public X25519 key, for members that write
 *       records;</li>
 *   <li>{@code GET /v1/patients/{id}/disclosures[?format=fhir]}, {@code GET /v1/patients/{id}/consents[?format=fhir]},
 *       {@code GET /v1/patients/{id}/records}, {@code GET /v1/patients/{id}/records/{recordId}/keys},
 *       {@code GET /v1/patients/{id}/consents/{grantId}/keys};</li>
 *   <li>{@code GET /v1/access/{accessId}/keys} — on the custodian's node, the data key of a committed break-glass
 *       read made through another org's node, wrapped for the reader's org;</li>
 *   <li>{@code GET /v1/reviews/{org}} — the org's break-glass review queue; {@code GET /v1/orgs/{org}}.</li>
 * </ul>
 */
public final class RecordRoutes implements Consumer<JavalinConfig> {
    private static final String FHIR_JSON = "application/fhir+json";

    private final RecordService records;
    private final com.fasterxml.jackson.databind.ObjectMapper json = CanonicalJson.mapper();

    public RecordRoutes(RecordService records) {
        this.records = records;
    }

    @Override
    public void accept(JavalinConfig cfg) {
        cfg.routes.post("/v1/access", this::access);
        cfg.routes.post("/v1/access/set", ctx -> write(ctx, 200, records.readSet(caller(ctx), ctx.bodyAsBytes())));
        cfg.routes.get("/v1/patients/{id}/encryption-key", ctx -> write(ctx, 200, Map.of("patientId",
                ctx.pathParam("id"), "encryptionKey", records.patientKey(caller(ctx), ctx.pathParam("id")))));
        cfg.routes.get("/v1/access/{accessId}/keys", this::custodianKeys);
        cfg.routes.get("/v1/patients/{id}/disclosures", ctx -> {
            if (fhir(ctx)) {
                ctx.status(200).contentType(FHIR_JSON).result(records.disclosuresFhir(caller(ctx), ctx.pathParam("id"))
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                write(ctx, 200, records.disclosures(caller(ctx), ctx.pathParam("id")));
            }
        });
        cfg.routes.get("/v1/patients/{id}/consents", ctx -> {
            if (fhir(ctx)) {
                ctx.status(200).contentType(FHIR_JSON).result(records.consentsFhir(caller(ctx), ctx.pathParam("id"))
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                write(ctx, 200, records.consents(caller(ctx), ctx.pathParam("id")));
            }
        });
        cfg.routes.get("/v1/patients/{id}/records", ctx -> {
            var list = records.records(caller(ctx), ctx.pathParam("id"));
            write(ctx, 200, Map.of("patientId", ctx.pathParam("id"), "count", list.size(), "records", list));
        });
        cfg.routes.get("/v1/patients/{id}/records/{recordId}/keys", ctx -> {
            byte[] keys = records.recordKeys(caller(ctx), ctx.pathParam("id"), ctx.pathParam("recordId"));
            write(ctx, 200, Map.of("recordId", ctx.pathParam("recordId"), "keysSha256",
                    org.careledger.core.Hash.sha256(keys).hex(), "keys", Base64.getEncoder().encodeToString(keys)));
        });
        cfg.routes.get("/v1/patients/{id}/records/{recordId}/ciphertext", ctx -> {
            byte[] ciphertext = records.recordCiphertext(caller(ctx), ctx.pathParam("id"), ctx.pathParam("recordId"));
            write(ctx, 200, Map.of("recordId", ctx.pathParam("recordId"), "ciphertextSha256",
                    org.careledger.core.Hash.sha256(ciphertext).hex(), "ciphertext",
                    Base64.getEncoder().encodeToString(ciphertext)));
        });
        cfg.routes.get("/v1/patients/{id}/consents/{grantId}/keys", ctx -> {
            byte[] keys = records.grantKeys(caller(ctx), ctx.pathParam("id"), ctx.pathParam("grantId"));
            write(ctx, 200, Map.of("grantId", ctx.pathParam("grantId"), "keysSha256",
                    org.careledger.core.Hash.sha256(keys).hex(), "keys", Base64.getEncoder().encodeToString(keys)));
        });
        cfg.routes.get("/v1/reviews/{org}", ctx -> {
            var queue = records.reviews(caller(ctx), ctx.pathParam("org"));
            write(ctx, 200, Map.of("org", ctx.pathParam("org"), "count", queue.size(), "pending", queue));
        });
        cfg.routes.get("/v1/orgs/{org}", ctx -> write(ctx, 200, records.org(ctx.pathParam("org"))));
    }

    /** Refusals (403 ACCESS_DENIED, 410 RECORD_ERASED, …) go to the API's problem mapping like any other. */
    private void access(Context ctx) {
        write(ctx, 200, records.read(caller(ctx), ctx.bodyAsBytes()));
    }

    private void custodianKeys(Context ctx) {
        write(ctx, 200, records.custodianKeys(caller(ctx), ctx.pathParam("accessId")));
    }

    private static Caller caller(Context ctx) {
        return RequestAuthenticator.caller(ctx);
    }

    private static boolean fhir(Context ctx) {
        String f = ctx.queryParam("format");
        if (f == null || f.isBlank() || f.equals("json")) {
            return false;
        }
        if (f.equals("fhir")) {
            return true;
        }
        throw new CareledgerException("BAD_REQUEST", "format must be json or fhir, not '" + f + "'");
    }

    private void write(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(status >= 400 ? "application/problem+json" : "application/json")
                    .result(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a response", e);
        }
    }
}
