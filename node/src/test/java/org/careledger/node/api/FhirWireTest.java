package org.careledger.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.careledger.fhir.FhirR4;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;

class FhirWireTest {
    @Test
    void anOutcomeCarriesTheCodeTheMessageAndAnIssueTypeForTheStatus() {
        OperationOutcome o = FhirWire.outcome(403, "FORBIDDEN", "hospital-b/dr-lee has no tie to patient p-1");
        var issue = o.getIssueFirstRep();
        assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.ERROR);
        assertThat(issue.getCode()).isEqualTo(IssueType.FORBIDDEN);
        assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo(FhirWire.CODE_SYSTEM);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("FORBIDDEN");
        assertThat(issue.getDetails().getText()).isEqualTo("FORBIDDEN");
        assertThat(issue.getDiagnostics()).isEqualTo("hospital-b/dr-lee has no tie to patient p-1");
        // it is valid R4: it round-trips through the strict parser
        String json = FhirR4.shared().newJsonParser().encodeResourceToString(o);
        assertThat(FhirR4.shared().parseResource(OperationOutcome.class, json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .equalsDeep(o)).isTrue();
    }

    @Test
    void issueTypesFollowTheHttpStatus() {
        assertThat(type(400)).isEqualTo(IssueType.INVALID);
        assertThat(type(401)).isEqualTo(IssueType.LOGIN);
        assertThat(type(404)).isEqualTo(IssueType.NOTFOUND);
        assertThat(type(406)).isEqualTo(IssueType.NOTSUPPORTED);
        assertThat(type(410)).isEqualTo(IssueType.DELETED);
        assertThat(type(413)).isEqualTo(IssueType.TOOLONG);
        assertThat(type(422)).isEqualTo(IssueType.PROCESSING);
        assertThat(type(501)).isEqualTo(IssueType.NOTSUPPORTED);
        assertThat(type(503)).isEqualTo(IssueType.TRANSIENT);
        assertThat(FhirWire.outcome(500, "INTERNAL_ERROR", "x").getIssueFirstRep().getSeverity())
                .isEqualTo(IssueSeverity.FATAL);
    }

    private static IssueType type(int status) {
        return FhirWire.outcome(status, "X", "x").getIssueFirstRep().getCode();
    }
}
