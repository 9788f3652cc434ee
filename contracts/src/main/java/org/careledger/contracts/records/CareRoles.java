package org.careledger.contracts.records;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateAccess;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;

/**
 * The one place that says which org roles make a care provider and which member roles may write, break the glass or
 * audit. Sets are sorted so error messages that list them are the same bytes on every node.
 */
public final class CareRoles {
    /** Org roles (genesis) whose members may register patients and write records. */
    public static final SortedSet<String> PROVIDER_ORG_ROLES = sorted("hospital", "lab");
    /** Member roles (certificate OU) that may write records. */
    public static final SortedSet<String> WRITER_ROLES = sorted("lab-tech", "nurse", "physician", "practitioner");
    /** Member role that may read without consent in an emergency (break-glass), subject to review. */
    public static final String EMERGENCY = "emergency";
    /** Member role that reviews its org's break-glass accesses. */
    public static final String AUDITOR = "auditor";

    private CareRoles() {}

    /** Whether the org is in the consortium with a provider role (hospital or lab). */
    public static boolean isProviderOrg(StateAccess state, String orgId) {
        return state.get(StateKeys.org(orgId))
                .map(b -> CanonicalJson.decode(b, OrgRecord.class))
                .map(org -> org.roles().stream().anyMatch(PROVIDER_ORG_ROLES::contains))
                .orElse(false);
    }

    /** A member of a provider org holding one of {@link #WRITER_ROLES}. */
    public static boolean mayWriteRecords(StateAccess state, Identity signer) {
        return signer.kind() == Identity.Kind.MEMBER && signer.hasAnyRole(WRITER_ROLES)
                && isProviderOrg(state, signer.org());
    }

    private static SortedSet<String> sorted(String... roles) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(List.of(roles)));
    }
}
