package org.careledger.node.research;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.function.Consumer;
import org.careledger.core.json.CanonicalJson;
import org.careledger.node.auth.RequestAuthenticator;

/**
 * Research endpoints (docs/RESEARCH.md, docs/API.md), all signed reads: {@code GET /v1/research/studies},
 * {@code GET /v1/research/studies/{studyId}}, {@code …/report}, {@code …/releases} (public registry) and
 * {@code …/subjects} (the study's sponsor and sites only).
 */
public final class ResearchRoutes implements Consumer<JavalinConfig> {
    private final ResearchService research;
    private final com.fasterxml.jackson.databind.ObjectMapper json = CanonicalJson.mapper();

    public ResearchRoutes(ResearchService research) {
        this.research = research;
    }

    @Override
    public void accept(JavalinConfig cfg) {
        cfg.routes.get("/v1/research/studies", ctx -> write(ctx, research.studies()));
        cfg.routes.get("/v1/research/studies/{studyId}", ctx -> write(ctx, research.study(ctx.pathParam("studyId"))));
        cfg.routes.get("/v1/research/studies/{studyId}/report", ctx ->
                write(ctx, research.report(ctx.pathParam("studyId"))));
        cfg.routes.get("/v1/research/studies/{studyId}/releases", ctx ->
                write(ctx, research.releases(ctx.pathParam("studyId"))));
        cfg.routes.get("/v1/research/studies/{studyId}/subjects", ctx ->
                write(ctx, research.subjects(RequestAuthenticator.caller(ctx), ctx.pathParam("studyId"))));
    }

    private void write(Context ctx, Object body) {
        try {
            ctx.status(200).contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a response", e);
        }
    }
}
