package org.careledger.gateway;

import org.careledger.client.records.RecordsClient.EntryResult;
import org.careledger.client.records.RecordsClient.Imported;
import org.careledger.client.records.RecordsClient.Outcome;
import org.careledger.core.CareledgerException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;

/**
 * An import's per-entry result as the FHIR answer to a transaction or batch: a transaction-response (or
 * batch-response) Bundle with one entry per request entry, in request order, whose {@code response} says
 * <ul>
 *   <li>{@code 201 Created} with {@code location} {@code Type/<recordId>}: a record was written;</li>
 *   <li>{@code 200 OK} with the location of the record that already holds the resource (a repeated or resumed
 *       import writes nothing again);</li>
 *   <li>a refusal with an OperationOutcome naming the entry: {@code 410 Gone} (RECORD_ERASED: the record that held
 *       it was erased), {@code 422} (RECORD_REFERENCE_LIMIT), {@code 424 Failed Dependency}
 *       (IMPORT_DEPENDENCY_REFUSED: it refers to a refused entry).</li>
 * </ul>
 * An import that stopped part-way is not a per-entry answer: {@link #of} throws its error, which names the entry;
 * what was committed stays and the same request resumes it.
 */
public final class EntryResponses {
    private EntryResponses() {}

    public static Bundle of(BundleType requestType, Imported imported) {
        if (imported.failure() != null) {
            throw imported.failure();
        }
        Bundle out = new Bundle().setType(requestType == BundleType.BATCH ? BundleType.BATCHRESPONSE
                : BundleType.TRANSACTIONRESPONSE);
        for (EntryResult e : imported.entries()) {
            Bundle.BundleEntryResponseComponent r = out.addEntry().getResponse();
            if (e.outcome() == null) {
                throw new CareledgerException("IMPORT_FAILED", describe(e) + " was not reached and the import"
                        + " reported no failure");
            }
            switch (e.outcome()) {
                case CREATED -> r.setStatus("201 Created").setLocation(e.resourceType() + "/" + e.recordId());
                case PRESENT -> r.setStatus("200 OK").setLocation(e.resourceType() + "/" + e.recordId());
                case REFUSED -> {
                    String code = refusalCode(e.reason());
                    int status = code.equals("IMPORT_DEPENDENCY_REFUSED") ? 424 : Outcomes.status(code);
                    r.setStatus(status + " " + reasonPhrase(status));
                    r.setOutcome(Outcomes.outcome(status, code, describe(e) + ": " + e.reason()));
                }
                default -> throw new IllegalStateException("unknown outcome " + e.outcome());
            }
        }
        return out;
    }

    /** How many entries had each outcome, for the gateway's log line (counts only). */
    public static String counts(Imported imported) {
        return "created=" + imported.count(Outcome.CREATED) + " present=" + imported.count(Outcome.PRESENT)
                + " refused=" + imported.count(Outcome.REFUSED);
    }

    /** The careledger code of a refusal reason ({@code CODE: …}); a refused dependency has none of its own. */
    static String refusalCode(String reason) {
        if (reason != null) {
            int colon = reason.indexOf(':');
            if (colon > 0 && reason.substring(0, colon).matches("[A-Z][A-Z0-9_]+")) {
                return reason.substring(0, colon);
            }
        }
        return "IMPORT_DEPENDENCY_REFUSED";
    }

    private static String describe(EntryResult e) {
        return "Bundle.entry[" + e.index() + "] (" + e.resourceType() + " " + e.fullUrl() + ")";
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 424 -> "Failed Dependency";
            default -> "Unprocessable Entity";
        };
    }
}
