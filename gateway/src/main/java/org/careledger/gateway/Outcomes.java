package org.careledger.gateway;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.util.Map;
import org.careledger.core.CareledgerException;
import org.careledger.core.errors.ErrorCatalogue;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Careledger errors as FHIR OperationOutcomes carrying the careledger code, with the status the code has. */
public final class Outcomes {
    /** The code system of careledger error codes, as the node's FHIR facade uses it. */
    public static final String CODE_SYSTEM = org.careledger.fhir.ErrorOutcomes.CODE_SYSTEM;
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
        return org.careledger.fhir.ErrorOutcomes.outcome(status, code, message);
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
}
