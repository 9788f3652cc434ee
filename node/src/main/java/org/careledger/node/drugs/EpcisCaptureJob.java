package org.careledger.node.drugs;

import java.util.List;
import org.careledger.api.drugs.EpcisCaptureReport;
import org.careledger.contracts.supplychain.EventOutcome;

/**
 * A capture job of the EPCIS 2.0 REST binding ({@code GET /epcis/capture/{captureID}}): the fields the standard's
 * capture job has ({@code captureID}, {@code running}, {@code success}, {@code captureErrorBehaviour},
 * {@code errors}) and the ledger's per-event report. A capture is one {@code supplychain.captureEpcis} transaction,
 * so its captureID is the transaction id. The ledger applies each event on its own, which is the standard's
 * {@code proceed} error behaviour: {@code success} is true when the document was read and every event applied;
 * {@code errors} lists the events that were not.
 *
 * @param running true while the transaction was accepted by this node but is not in a block yet
 * @param finishedAt the block time (ISO-8601 UTC) of the block that holds it; null while running
 * @param report the per-event outcomes once committed (null while running)
 */
public record EpcisCaptureJob(String captureID, boolean running, boolean success, String captureErrorBehaviour,
                              String finishedAt, List<EventOutcome> errors, EpcisCaptureReport report) {
    public static final String PROCEED = "proceed";

    public EpcisCaptureJob {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    static EpcisCaptureJob running(String captureId) {
        return new EpcisCaptureJob(captureId, true, false, PROCEED, null, List.of(), null);
    }

    static EpcisCaptureJob finished(EpcisCaptureReport report, long blockTimeMillis) {
        boolean read = "VALID".equals(report.code());
        return new EpcisCaptureJob(report.txId(), false, read && report.rejected() == 0, PROCEED,
                java.time.Instant.ofEpochMilli(blockTimeMillis).toString(),
                report.outcomes().stream().filter(o -> !o.accepted()).toList(), report);
    }
}
