package org.careledger.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.careledger.client.records.RecordsClient.EntryResult;
import org.careledger.client.records.RecordsClient.Imported;
import org.careledger.client.records.RecordsClient.Outcome;
import org.careledger.core.CareledgerException;
import org.careledger.fhir.R4ProfileValidation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class EntryResponsesTest {
    private static final List<EntryResult> ENTRIES = List.of(
            new EntryResult(0, "urn:uuid:p", "Patient", "r-1", Outcome.CREATED, null, 0),
            new EntryResult(1, "urn:uuid:o", "Observation", "r-2", Outcome.PRESENT, "already record r-2", 1),
            new EntryResult(2, "urn:uuid:e", "Encounter", null, Outcome.REFUSED,
                    "RECORD_ERASED: record r-9 held this resource and was erased; it is not written again", 0),
            new EntryResult(3, "urn:uuid:c", "Condition", null, Outcome.REFUSED,
                    "refers to Bundle.entry[2] (Encounter urn:uuid:e), which was not recorded", 0),
            new EntryResult(4, "urn:uuid:v", "Provenance", null, Outcome.REFUSED,
                    "RECORD_REFERENCE_LIMIT: it refers to 9000 records of the Bundle; the ledger keeps at most 8192"
                            + " per record", 0));

    @Test
    void eachEntryIsAnsweredInRequestOrder() {
        Bundle b = EntryResponses.of(BundleType.TRANSACTION, new Imported("p-abcdef01", ENTRIES, 0, 5, null));

        assertThat(b.getType()).isEqualTo(BundleType.TRANSACTIONRESPONSE);
        assertThat(b.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("201 Created", "200 OK",
                "410 Gone", "424 Failed Dependency", "422 Unprocessable Entity");
        assertThat(b.getEntry()).extracting(e -> e.getResponse().getLocation())
                .containsExactly("Patient/r-1", "Observation/r-2", null, null, null);
        assertThat(b.getEntry().subList(2, 5)).extracting(e -> code((OperationOutcome) e.getResponse().getOutcome()))
                .containsExactly("RECORD_ERASED", "IMPORT_DEPENDENCY_REFUSED", "RECORD_REFERENCE_LIMIT");
        OperationOutcome erased = (OperationOutcome) b.getEntry().get(2).getResponse().getOutcome();
        assertThat(erased.getIssueFirstRep().getDiagnostics()).startsWith("Bundle.entry[2] (Encounter urn:uuid:e)");
        assertThat(erased.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.DELETED);
        assertThat(R4ProfileValidation.errors(b)).isEmpty();
    }

    @Test
    void aBatchGetsABatchResponse() {
        Bundle b = EntryResponses.of(BundleType.BATCH, new Imported("p-abcdef01", ENTRIES.subList(0, 2), 0, 5, null));
        assertThat(b.getType()).isEqualTo(BundleType.BATCHRESPONSE);
        assertThat(R4ProfileValidation.errors(b)).isEmpty();
    }

    @Test
    void anImportThatStoppedIsItsErrorNamingTheEntry() {
        CareledgerException failure = new CareledgerException("RECORD_SUBJECT_MISMATCH",
                "Bundle.entry[0] (Patient urn:uuid:p): another source patient");
        List<EntryResult> partial = List.of(ENTRIES.get(0), new EntryResult(1, "urn:uuid:o", "Observation", null,
                null, null, 0));
        assertThatThrownBy(() -> EntryResponses.of(BundleType.TRANSACTION, new Imported("p-abcdef01", partial, 0, 5,
                failure))).isSameAs(failure);
        assertThat(Outcomes.status("RECORD_SUBJECT_MISMATCH")).isEqualTo(422);
    }

    @Test
    void refusalCodesComeFromTheReason() {
        assertThat(EntryResponses.refusalCode("RECORD_ERASED: x")).isEqualTo("RECORD_ERASED");
        assertThat(EntryResponses.refusalCode("refers to Bundle.entry[1] (X y): z")).isEqualTo("IMPORT_DEPENDENCY_REFUSED");
        assertThat(EntryResponses.refusalCode(null)).isEqualTo("IMPORT_DEPENDENCY_REFUSED");
    }

    private static String code(OperationOutcome o) {
        return o.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }
}
