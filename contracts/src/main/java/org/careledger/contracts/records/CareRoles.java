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
    /**
     * Member roles that treat patients. Break-glass is a treatment path, so only these may hold {@link #EMERGENCY}.
     * {@code lab-tech} writes records but is not here: a technician runs the tests a clinician ordered and gets the
     * specimen and the order, never needs a patient's whole history, and does not decide treatment in an emergency.
     */
    public static final SortedSet<String> CLINICAL_ROLES = sorted("nurse", "physician", "practitioner");
    /**
     * Member role that may read without consent in an emergency (break-glass), subject to review; only together with
     * a {@linkplain #CLINICAL_ROLES clinical role} in a {@linkplain #PROVIDER_ORG_ROLES provider org}.
     */
    public static final String EMERGENCY = "emergency";
    /** Member role that reviews its org's break-glass accesses. */
    public static final String AUDITOR = "auditor";

    private CareRoles() {}

    /** Whether the org is in the consortium with a provider role (hospital or lab). */
    public static boolean isProviderOrg(StateAccess state, String orgId) {
        return state.get(StateKeys.org(orgId))
                .map(b -> CanonicalJson.decode(b, OrgRecord.class))
                .map(CareRoles::isProviderOrg)
                .orElse(false);
    }

    /** Whether the org record carries a provider role (hospital or lab). */
    public static boolean isProviderOrg(OrgRecord org) {
        return org.roles().stream().anyMatch(PROVIDER_ORG_ROLES::contains);
    }

    /**
     * A member of a provider org holding {@link #EMERGENCY} and one of {@link #CLINICAL_ROLES}: the only readers
     * break-glass can serve. Checked against the reader's org in state, so an {@code emergency} role registered
     * before this rule existed (or in an org that is not a provider) gives nothing.
     */
    public static boolean mayBreakGlass(StateAccess state, Identity reader) {
        return reader.kind() == Identity.Kind.MEMBER && reader.hasRole(EMERGENCY) && reader.hasAnyRole(CLINICAL_ROLES)
                && isProviderOrg(state, reader.org());
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
