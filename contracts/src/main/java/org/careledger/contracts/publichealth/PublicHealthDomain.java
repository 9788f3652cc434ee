package org.careledger.contracts.publichealth;

import java.util.List;
import org.careledger.contracts.audit.AccessKeys;
import org.careledger.contracts.records.RecordKeys;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Public-health reporting: trigger lists, case reports, responses, linkage keys, aggregates: contract {@code publichealth}. */
public final class PublicHealthDomain {
    public static final String ID = "publichealth";

    private PublicHealthDomain() {}

    public static Domain domain() {
        return Domain.of(ID, 1, List.of(new PublicHealthContract()),
                KeyNamespace.of(HealthKeys.PREFIX).sharing(List.of(
                        // sealed reports, wrapped linkage keys and MeasureReports are claimed blobs
                        RecordKeys.BLOB_CLAIM_PREFIX,
                        // a case report is a disclosure (purpose PUBHLTH) in the patient's accounting
                        AccessKeys.ACCESS_PREFIX, AccessKeys.PATIENT_DISCLOSURES_PREFIX)));
    }
}
