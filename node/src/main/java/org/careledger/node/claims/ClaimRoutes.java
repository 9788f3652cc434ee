package org.careledger.node.claims;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.careledger.core.json.CanonicalJson;
import org.careledger.node.auth.Caller;
import org.careledger.node.auth.RequestAuthenticator;

/**
 * Claims endpoints (docs/CLAIMS.md, docs/API.md), each for the parties {@link ClaimService} names:
 * {@code GET /v1/patients/{id}/claims}, {@code GET /v1/claims/{claimId}},
 * {@code GET /v1/claims/{claimId}/blobs/{sha256}}, {@code GET /v1/patients/{id}/claims-key/{org}}, {@code GET /v1/coverages/{coverageId}} and the public
 * {@code GET /v1/plans/{planId}/rules}.
 */
public final class ClaimRoutes implements Consumer<JavalinConfig> {
    private final ClaimService claims;
    private final com.fasterxml.jackson.databind.ObjectMapper json = CanonicalJson.mapper();

    public ClaimRoutes(ClaimService claims) {
        this.claims = claims;
    }

    @Override
    public void accept(JavalinConfig cfg) {
        cfg.routes.get("/v1/patients/{id}/claims", ctx -> write(ctx, claims.claims(caller(ctx), ctx.pathParam("id"))));
        cfg.routes.get("/v1/patients/{id}/claims-key/{org}", ctx -> write(ctx,
                claims.claimsKey(caller(ctx), ctx.pathParam("id"), ctx.pathParam("org"))));
        cfg.routes.get("/v1/claims/{claimId}", ctx -> write(ctx, claims.claim(caller(ctx), ctx.pathParam("claimId"))));
        cfg.routes.get("/v1/claims/{claimId}/blobs/{sha256}", ctx -> write(ctx,
                claims.blob(caller(ctx), ctx.pathParam("claimId"), ctx.pathParam("sha256"))));
        cfg.routes.get("/v1/coverages/{coverageId}", ctx -> write(ctx,
                claims.coverage(caller(ctx), ctx.pathParam("coverageId"))));
        cfg.routes.get("/v1/plans/{planId}/rules", ctx -> {
            var versions = claims.rules(ctx.pathParam("planId"));
            write(ctx, Map.of("planId", ctx.pathParam("planId"), "count", versions.size(), "versions", versions));
        });
    }

    private static Caller caller(Context ctx) {
        return RequestAuthenticator.caller(ctx);
    }

    private void write(Context ctx, Object body) {
        try {
            ctx.status(200).contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a response", e);
        }
    }
}
