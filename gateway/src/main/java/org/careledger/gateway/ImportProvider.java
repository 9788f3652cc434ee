package org.careledger.gateway;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.careledger.client.records.RecordsClient;
import org.careledger.core.CareledgerException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST [base]} with a transaction or batch Bundle: the patient's import, exactly once per resource
 * ({@link RecordsClient#importBundle}), answered per entry by {@link EntryResponses}. The target patient is the
 * {@value GatewayHeaders#PATIENT} header, or the ledger id in the Bundle's Patient identifier of system
 * {@value GatewayHeaders#PATIENT_ID_SYSTEM}; both must agree when both are given.
 */
public final class ImportProvider {
    private static final Logger LOG = LoggerFactory.getLogger(ImportProvider.class);

    private final RecordGateway gateway;

    public ImportProvider(RecordGateway gateway) {
        this.gateway = gateway;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails rd) {
        return Outcomes.call(() -> {
            BundleType type = bundle.getType();
            if (type != BundleType.TRANSACTION && type != BundleType.BATCH) {
                throw new CareledgerException("FHIR_BUNDLE_TYPE_UNSUPPORTED", "POST [base] takes a transaction or"
                        + " batch Bundle, not " + (type == null ? "one without a type" : type.toCode()));
            }
            String patientId = targetPatient(bundle, rd.getHeader(GatewayHeaders.PATIENT));
            boolean accept = "true".equalsIgnoreCase(rd.getHeader(GatewayHeaders.ACCEPT_PATIENT));
            RecordGateway.Call call = gateway.call(GatewayHeaders.minHeight(rd));
            RecordsClient.Imported imported = call.importBundle(patientId, accept, json(bundle, rd));
            GatewayHeaders.height(rd, call);
            LOG.info("import of {} entries: {} in {} ms", imported.resources(), EntryResponses.counts(imported),
                    imported.millis());
            return EntryResponses.of(type, imported);
        });
    }

    /**
     * The Bundle's JSON as the caller sent it (each record keeps its resource exactly as written), or HAPI's JSON of
     * it when it came as XML.
     */
    private byte[] json(Bundle bundle, RequestDetails rd) {
        String type = rd.getHeader("Content-Type");
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            byte[] raw = rd.loadRequestContents();
            if (raw != null && raw.length > 0) {
                return raw;
            }
        }
        return gateway.fhir().encode(bundle);
    }

    /** The ledger id of the patient a Bundle is for: the header, else the Patient's careledger identifier. */
    static String targetPatient(Bundle bundle, String header) {
        String fromBundle = null;
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() instanceof Patient p) {
                for (Identifier id : p.getIdentifier()) {
                    if (GatewayHeaders.PATIENT_ID_SYSTEM.equals(id.getSystem()) && id.hasValue()) {
                        fromBundle = id.getValue();
                    }
                }
            }
        }
        String fromHeader = header == null || header.isBlank() ? null : header.trim();
        if (fromHeader != null && fromBundle != null && !fromHeader.equals(fromBundle)) {
            throw new CareledgerException("GATEWAY_PATIENT_CONFLICT", GatewayHeaders.PATIENT + " names another"
                    + " patient than the Bundle's Patient identifier (" + GatewayHeaders.PATIENT_ID_SYSTEM + ")");
        }
        String patientId = fromHeader != null ? fromHeader : fromBundle;
        if (patientId == null) {
            throw new CareledgerException("GATEWAY_PATIENT_REQUIRED", "say whose records these are: the patient's"
                    + " ledger id (p-…) in header " + GatewayHeaders.PATIENT + " or as the Patient's identifier of"
                    + " system " + GatewayHeaders.PATIENT_ID_SYSTEM);
        }
        return patientId;
    }
}
