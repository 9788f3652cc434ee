package org.careledger.node.drugs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.careledger.client.api.EventView;
import org.careledger.client.api.SubmitResponse;
import org.careledger.contracts.supplychain.EventOutcome;
import org.careledger.contracts.supplychain.SupplyChainContract;
import org.careledger.core.json.CanonicalJson;

/**
 * What a {@code supplychain.captureEpcis} transaction did, event by event, read from its committed result.
 * {@code code} VALID means the document was read (its events may still each be rejected); a refused document
 * (malformed JSON, not EPCIS, too many events) has {@code code} CONTRACT_ERROR and no outcomes.
 *
 * @param status COMMITTED or FINAL (ACCEPTED when the caller did not wait, with no outcomes yet)
 * @param outcomes one per event of the document, in document order
 */
public record EpcisCaptureReport(String txId, String status, long height, String blockHash, String code,
                                 String errorCode, String message, int events, int accepted, int rejected,
                                 int suspects, String documentSha256, List<EventOutcome> outcomes) {
    private static final ObjectMapper JSON = CanonicalJson.mapper();

    public EpcisCaptureReport {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    public static EpcisCaptureReport of(SubmitResponse r) {
        List<EventOutcome> outcomes = new ArrayList<>();
        SupplyChainContract.CaptureSummary summary = null;
        try {
            for (EventView e : r.events()) {
                switch (e.type()) {
                    case "EpcisEventAccepted", "EpcisEventRejected" -> outcomes.add(JSON.treeToValue(e.data(), EventOutcome.class));
                    case "EpcisCaptureSummary" -> summary = JSON.treeToValue(e.data(), SupplyChainContract.CaptureSummary.class);
                    default -> { }
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a committed captureEpcis event does not read back", e);
        }
        int accepted = (int) outcomes.stream().filter(EventOutcome::accepted).count();
        return new EpcisCaptureReport(r.txId(), r.status(), r.height(), r.blockHash(), r.code(), blankToNull(r.errorCode()),
                blankToNull(r.message()), outcomes.size(), accepted, outcomes.size() - accepted,
                (int) outcomes.stream().filter(EventOutcome::suspect).count(),
                summary == null ? null : summary.documentSha256(), outcomes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
