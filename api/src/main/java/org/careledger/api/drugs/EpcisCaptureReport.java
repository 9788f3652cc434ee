package org.careledger.api.drugs;

import java.util.List;
import org.careledger.contracts.supplychain.EventOutcome;

/**
 * What a {@code supplychain.captureEpcis} transaction did, event by event, read from its committed result.
 * {@code code} VALID means the document was read (its events may still each be rejected); a refused document
 * (malformed JSON, not EPCIS, too many events) has {@code code} CONTRACT_ERROR and no outcomes. The node builds it
 * from the committed result ({@code org.careledger.node.drugs.EpcisCaptureReports}).
 *
 * @param status COMMITTED or FINAL (ACCEPTED when the caller did not wait, with no outcomes yet)
 * @param outcomes one per event of the document, in document order
 */
public record EpcisCaptureReport(String txId, String status, long height, String blockHash, String code,
                                 String errorCode, String message, int events, int accepted, int rejected,
                                 int suspects, String documentSha256, List<EventOutcome> outcomes) {
    public EpcisCaptureReport {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }
}
