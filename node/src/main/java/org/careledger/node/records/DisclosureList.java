package org.careledger.node.records;

import java.util.List;
import org.careledger.api.HeaderView;

/**
 * A patient's accounting of disclosures: record reads committed on the ledger, in block order, every proof under
 * {@code header}; and {@code apiReads}, this node's hash-chained log of who read the patient's other data (record lists,
 * reports, consents, key bundles) through its API, in log order.
 */
public record DisclosureList(String patientId, int count, List<ProvenDisclosure> disclosures, HeaderView header,
                             List<org.careledger.node.reads.ReadEntry> apiReads) {
    public DisclosureList {
        apiReads = apiReads == null ? List.of() : List.copyOf(apiReads);
    }
}
