package org.careledger.node.publichealth;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.function.Consumer;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.node.auth.Caller;
import org.careledger.node.auth.RequestAuthenticator;

/**
 * Public-health endpoints (docs/PUBLIC_HEALTH.md, docs/API.md) under {@code /v1/publichealth} (not {@code /v1/health},
 * the node's own health check), each for the parties {@link PublicHealthService} names.
 */
public final class PublicHealthRoutes implements Consumer<JavalinConfig> {
    private final PublicHealthService health;
    private final com.fasterxml.jackson.databind.ObjectMapper json = CanonicalJson.mapper();

    public PublicHealthRoutes(PublicHealthService health) {
        this.health = health;
    }

    @Override
    public void accept(JavalinConfig cfg) {
        cfg.routes.get("/v1/publichealth/triggers", ctx -> write(ctx, health.triggers()));
        cfg.routes.get("/v1/publichealth/epoch", ctx -> write(ctx, health.epoch()));
        cfg.routes.get("/v1/publichealth/keys/{epoch}/{org}", ctx -> write(ctx, health.linkageKey(caller(ctx),
                epoch(ctx.pathParam("epoch")), ctx.pathParam("org"))));
        cfg.routes.get("/v1/publichealth/reports", ctx -> write(ctx, health.reports(caller(ctx),
                ctx.queryParam("status"))));
        cfg.routes.get("/v1/publichealth/reports/{reportId}", ctx -> write(ctx, health.report(caller(ctx),
                ctx.pathParam("reportId"))));
        cfg.routes.get("/v1/publichealth/reports/{reportId}/blobs/{sha256}", ctx -> write(ctx,
                health.reportBlob(caller(ctx), ctx.pathParam("reportId"), ctx.pathParam("sha256"))));
        cfg.routes.get("/v1/publichealth/aggregates", ctx -> write(ctx, health.aggregates(caller(ctx))));
        cfg.routes.get("/v1/publichealth/aggregates/{aggregateId}", ctx -> write(ctx, health.aggregate(caller(ctx),
                ctx.pathParam("aggregateId"))));
        cfg.routes.get("/v1/publichealth/aggregates/{aggregateId}/measure-report", ctx -> write(ctx,
                health.measureReport(caller(ctx), ctx.pathParam("aggregateId"))));
        cfg.routes.get("/v1/publichealth/aggregates/{aggregateId}/audit/{org}", ctx -> write(ctx,
                health.auditKeys(caller(ctx), ctx.pathParam("aggregateId"), ctx.pathParam("org"))));
    }

    private static long epoch(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CareledgerException("BAD_REQUEST", "epoch '" + s + "' is not a number");
        }
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
