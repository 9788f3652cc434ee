package org.careledger.node.fhir;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.careledger.core.CareledgerException;
import org.careledger.fhir.FhirR4;
import org.careledger.node.api.FhirWire;
import org.careledger.node.auth.RequestAuthenticator;
import org.careledger.node.records.RecordService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;

/**
 * The FHIR R4 REST facade, added through {@code ApiServer}'s extra-routes hook. Handlers translate only: what a
 * caller may see and the read log are {@link RecordService}'s, exactly as for {@code /v1/patients/{id}/disclosures}
 * and {@code /consents}; formats and OperationOutcome errors are {@link FhirWire}'s.
 * <ul>
 *   <li>{@code GET /fhir/metadata} — the CapabilityStatement (anonymous when {@code node.json} lists it);</li>
 *   <li>{@code GET /fhir/AuditEvent?patient=} — searchset of the disclosures and logged API reads;</li>
 *   <li>{@code GET /fhir/Consent?patient=} — searchset of the patient's grants;</li>
 *   <li>{@code POST /fhir}, reads, other searches and {@code $everything} — 501 FHIR_NOT_SUPPORTED naming where that
 *       is done instead (record content is written and decrypted where the keys are: docs/FHIR.md).</li>
 * </ul>
 */
public final class FhirRoutes implements Consumer<JavalinConfig> {
    /** The search parameters a search takes besides {@code patient}: the format ones, handled by {@link FhirWire}. */
    private static final Set<String> FORMAT_PARAMS = Set.of("_format", "_pretty");

    private final RecordService records;
    private final String nodeId;
    private final String chainId;
    private final Supplier<Date> blockTime;

    /**
     * @param blockTime the newest block's time, the CapabilityStatement's date (so two calls at one height agree)
     */
    public FhirRoutes(RecordService records, String nodeId, String chainId, Supplier<Date> blockTime) {
        this.records = records;
        this.nodeId = nodeId;
        this.chainId = chainId;
        this.blockTime = blockTime;
    }

    @Override
    public void accept(JavalinConfig cfg) {
        cfg.routes.get(FhirWire.PREFIX + "/metadata", ctx ->
                FhirWire.write(ctx, 200, FhirCapabilities.of(nodeId, chainId, blockTime.get())));
        cfg.routes.get(FhirWire.PREFIX + "/AuditEvent", ctx -> {
            String patient = patient(ctx, "AuditEvent");
            FhirWire.write(ctx, 200, bundle(records.disclosuresFhir(RequestAuthenticator.caller(ctx), patient)));
        });
        cfg.routes.get(FhirWire.PREFIX + "/Consent", ctx -> {
            String patient = patient(ctx, "Consent");
            Bundle b = bundle(records.consentsFhir(RequestAuthenticator.caller(ctx), patient));
            // the /v1 form is a collection (a snapshot as of a time); a search answers a searchset of matches
            b.setType(BundleType.SEARCHSET).setTotal(b.getEntry().size());
            b.getEntry().forEach(e -> e.getSearch().setMode(SearchEntryMode.MATCH));
            FhirWire.write(ctx, 200, b);
        });
        cfg.routes.post(FhirWire.PREFIX, ctx -> {
            throw notOnTheNode("a transaction or batch Bundle (import)", "careledger record import-fhir, or the"
                    + " SDK's import, which seals each resource and signs each writeRecord with the member's key");
        });
        cfg.routes.get(FhirWire.PREFIX + "/Patient/{id}/$everything", ctx -> {
            throw notOnTheNode("Patient/$everything", "the SDK/CLI (access read), which holds the reader's key");
        });
        cfg.routes.get(FhirWire.PREFIX + "/{type}", ctx -> {
            throw notOnTheNode("search of " + ctx.pathParam("type"), "the SDK/CLI; this node searches AuditEvent"
                    + " and Consent by patient");
        });
        cfg.routes.get(FhirWire.PREFIX + "/{type}/{id}", ctx -> {
            throw notOnTheNode("read of " + ctx.pathParam("type") + "/" + ctx.pathParam("id"), "the SDK/CLI"
                    + " (access read), which holds the reader's key");
        });
    }

    /** The {@code patient} search parameter as a patient id; BAD_REQUEST if absent, repeated or joined by others. */
    private static String patient(Context ctx, String type) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!name.equals("patient") && !FORMAT_PARAMS.contains(name)) {
                throw new CareledgerException("BAD_REQUEST", type + " is searched by patient only; '" + name
                        + "' is not supported");
            }
        }
        var values = ctx.queryParams("patient");
        String v = values.size() == 1 ? values.get(0).strip() : "";
        v = v.startsWith("Patient/") ? v.substring("Patient/".length()) : v;
        if (v.isEmpty() || v.contains(",")) {
            throw new CareledgerException("BAD_REQUEST", type + " needs exactly one patient=p-… (or Patient/p-…)");
        }
        return v;
    }

    private static Bundle bundle(String json) {
        return FhirR4.shared().parseResource(Bundle.class, json.getBytes(StandardCharsets.UTF_8));
    }

    private static CareledgerException notOnTheNode(String what, String where) {
        return new CareledgerException("FHIR_NOT_SUPPORTED", what + " is not served by the node: record content is"
                + " written and decrypted where the member's keys are; use " + where + " (docs/FHIR.md)");
    }
}
