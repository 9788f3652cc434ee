package org.careledger.gateway;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Patient records ({@link RecordProvider}) and {@code GET Patient/[p-…]/$everything}: every record of the patient
 * the member may read, in one audited set access per 1,000 records, as a searchset Bundle. The id of
 * {@code $everything} is the patient's ledger id (p-…), the identity a hospital knows the patient by on the ledger.
 */
public final class PatientProvider extends RecordProvider {
    public PatientProvider(RecordGateway gateway) {
        super(gateway, Patient.class);
    }

    @Operation(name = "$everything", idempotent = true)
    public Bundle everything(@IdParam IdType patient, RequestDetails rd) {
        return Outcomes.call(() -> {
            RecordGateway.Call call = gateway.call(GatewayHeaders.minHeight(rd));
            RecordGateway.Found found = call.everything(patient.getIdPart(), null, GatewayHeaders.purpose(rd));
            GatewayHeaders.height(rd, call);
            return searchset(rd.getFhirServerBase(), found);
        });
    }

    /**
     * A searchset of the opened records ({@code search.mode} match), and, if the ledger denied some, an
     * OperationOutcome entry ({@code search.mode} outcome) saying how many and under which accesses.
     */
    static Bundle searchset(String base, RecordGateway.Found found) {
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        b.setTotal(found.records().size());
        for (RecordGateway.Opened o : found.records()) {
            Resource r = served(o);
            b.addEntry().setFullUrl(base + "/" + o.recordType() + "/" + o.recordId()).setResource(r).getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        if (found.denied() > 0) {
            OperationOutcome oo = new OperationOutcome();
            oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.SUPPRESSED)
                    .setDiagnostics(found.denied() + " record(s) of the patient were denied by the ledger and left out;"
                            + " the decisions are in the patient's accounting of disclosures (access sets "
                            + String.join(", ", found.accessIds()) + ")");
            b.addEntry().setResource(oo).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        return b;
    }
}
