package org.careledger.fhir;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A careledger refusal as a FHIR OperationOutcome: one issue carrying the error code (text and a coding in
 * {@link #CODE_SYSTEM}), the message as diagnostics, and the issue type of the HTTP status. The node's /fhir facade and
 * the SDK-side gateway answer the same way.
 */
public final class ErrorOutcomes {
    /** The code system of careledger's error codes (docs/ERRORS.md). */
    public static final String CODE_SYSTEM = "https://careledger.org/fhir/CodeSystem/error-code";

    private ErrorOutcomes() {}

    /** The OperationOutcome of a refusal with {@code status} and careledger {@code code}. */
    public static OperationOutcome outcome(int status, String code, String message) {
        OperationOutcome o = new OperationOutcome();
        o.addIssue().setSeverity(status >= 500 ? IssueSeverity.FATAL : IssueSeverity.ERROR).setCode(issueType(status))
                .setDetails(new CodeableConcept().setText(code).addCoding(new Coding(CODE_SYSTEM, code, null)))
                .setDiagnostics(message);
        return o;
    }

    /** The R4 issue type an HTTP status stands for. */
    public static IssueType issueType(int status) {
        return switch (status) {
            case 400 -> IssueType.INVALID;
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404 -> IssueType.NOTFOUND;
            case 405, 406, 415, 501 -> IssueType.NOTSUPPORTED;
            case 409 -> IssueType.CONFLICT;
            case 410 -> IssueType.DELETED;
            case 413, 414, 431 -> IssueType.TOOLONG;
            case 503 -> IssueType.TRANSIENT;
            case 504 -> IssueType.TIMEOUT;
            case 500 -> IssueType.EXCEPTION;
            default -> IssueType.PROCESSING;
        };
    }
}
