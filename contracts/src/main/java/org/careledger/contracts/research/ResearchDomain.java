package org.careledger.contracts.research;

import java.util.List;
import org.careledger.core.contract.Domain;
import org.careledger.core.contract.KeyNamespace;

/** Clinical research and trials: registration, amendments, research consent, enrolment, releases, results. */
public final class ResearchDomain {
    public static final String ID = "research";

    private ResearchDomain() {}

    public static Domain domain() {
        return Domain.of(ID, 1, List.of(new ResearchContract()), KeyNamespace.of(ResearchKeys.PREFIX));
    }
}
