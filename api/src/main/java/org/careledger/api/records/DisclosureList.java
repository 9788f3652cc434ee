package org.careledger.api.records;

import java.util.List;
import org.careledger.api.HeaderView;

/**
 * A patient's accounting of disclosures ({@code GET /v1/patients/{id}/disclosures}): record reads committed on the
 * ledger, in block order, every proof under {@code header}; and {@code apiReads}, the answering node's hash-chained
 * log of who read the patient's other data (record lists, reports, consents, key bundles) through its API, in log
 * order.
 */
public record DisclosureList(String patientId, int count, List<ProvenDisclosure> disclosures, HeaderView header,
                             List<ReadLogEntry> apiReads) {
    public DisclosureList {
        disclosures = disclosures == null ? List.of() : List.copyOf(disclosures);
        apiReads = apiReads == null ? List.of() : List.copyOf(apiReads);
    }
}
