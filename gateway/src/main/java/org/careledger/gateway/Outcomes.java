package org.careledger.gateway;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.util.Map;
import org.careledger.core.CareledgerException;
import org.careledger.core.errors.ErrorCatalogue;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Careledger errors as FHIR OperationOutcomes carrying the careledger code, with the status the code has. */
public final class Outcomes {
    /** The code system of careledger error codes, as the node's FHIR facade uses it. */
    public static final String CODE_SYSTEM = "https://careledger.org/fhir/CodeSystem/error-code";
    /**
     * Statuses that differ on a FHIR interface from the ledger API's: an unknown record is a 404 to a FHIR read; SDK-side
     * codes without a status of their own say what failed.
     */
    private static final Map<String, Integer> FHIR_STATUS = Map.of(
            "ACCESS_RECORD_UNKNOWN", 404,
            "NODE_UNREACHABLE", 502,
            "NODE_UNTRUSTED", 502,
            "BAD_RESPONSE", 502,
            "RECORD_DECRYPT_FAILED", 502);

    private Outcomes() {}

    public static int status(String code) {
        Integer s = FHIR_STATUS.get(code);
        if (s != null) {
            return s;
        }
        if (code.startsWith("FHIR_") && ErrorCatalogue.standard().find(code).flatMap(c -> {
            var st = c.httpStatus();
            return st.isPresent() ? java.util.Optional.of(st.getAsInt()) : java.util.Optional.empty();
        }).isEmpty()) {
            return 400; // the Bundle itself is not what it must be
        }
        return ErrorCatalogue.standard().httpStatus(code);
    }

    /** The OperationOutcome of a refusal with {@code status} and careledger {@code code}. */
    public static OperationOutcome outcome(int status, String code, String message) {
        OperationOutcome o = new OperationOutcome();
        o.addIssue().setSeverity(status >= 500 ? IssueSeverity.FATAL : IssueSeverity.ERROR).setCode(issueType(status))
                .setDetails(new CodeableConcept().setText(code).addCoding(new Coding(CODE_SYSTEM, code, null)))
                .setDiagnostics(message);
        return o;
    }

    /** A coded error as the exception HAPI answers with: its status and OperationOutcome. */
    public static BaseServerResponseException toHapi(CareledgerException e) {
        int status = status(e.code());
        return new UnclassifiedServerFailureException(status, e.code() + ": " + e.getMessage(),
                outcome(status, e.code(), e.getMessage()));
    }

    /** Runs a gateway call, turning its coded errors into FHIR answers. */
    static <T> T call(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (CareledgerException e) {
            throw toHapi(e);
        }
    }

    static IssueType issueType(int status) {
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
