package org.careledger.epcis;

import java.util.List;

/**
 * The events of an EPCIS document, each parsed or rejected, in document order.
 *
 * @param results one result per entry of the document's event list
 */
public record EpcisDocument(List<EpcisEventResult> results) {
    public EpcisDocument {
        results = List.copyOf(results);
    }

    /** The events that were read, in document order. */
    public List<EpcisEvent> events() {
        return results.stream()
                .filter(EpcisEventResult.Parsed.class::isInstance)
                .map(r -> ((EpcisEventResult.Parsed) r).event())
                .toList();
    }

    /** The events that were rejected, in document order. */
    public List<EpcisEventResult.Failed> failures() {
        return results.stream()
                .filter(EpcisEventResult.Failed.class::isInstance)
                .map(EpcisEventResult.Failed.class::cast)
                .toList();
    }

    /** True when every event was read. */
    public boolean isComplete() {
        return results.stream().allMatch(EpcisEventResult.Parsed.class::isInstance);
    }
}
