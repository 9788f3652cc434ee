package org.careledger.node.records;

import java.util.List;
import org.careledger.client.api.HeaderView;

/** A patient's accounting of disclosures, in block order; every proof is under {@code header}. */
public record DisclosureList(String patientId, int count, List<ProvenDisclosure> disclosures, HeaderView header) {}
