package org.careledger.node.drugs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.careledger.api.EventView;
import org.careledger.api.SubmitResponse;
import org.careledger.api.drugs.EpcisCaptureReport;
import org.careledger.contracts.supplychain.EventOutcome;
import org.careledger.contracts.supplychain.SupplyChainContract;
import org.careledger.core.json.CanonicalJson;

/** Reads an {@link EpcisCaptureReport} out of a committed {@code supplychain.captureEpcis} transaction's events. */
public final class EpcisCaptureReports {
    private static final ObjectMapper JSON = CanonicalJson.mapper();

    private EpcisCaptureReports() {}

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
