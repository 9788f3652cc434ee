package org.careledger.node.network;

import java.util.List;
import java.util.Set;
import org.careledger.core.CareledgerException;

/**
 * An org to create: its id, its roles (hospital, lab, pharmacy, …) and the GS1 company prefixes genesis gives it
 * (a manufacturer may commission packs only under its own prefixes).
 */
public record OrgSpec(String id, List<String> roles, List<String> companyPrefixes) {
    public static final Set<String> KNOWN_ROLES = Set.of("hospital", "lab", "pharmacy", "manufacturer", "distributor",
            "insurer", "sponsor", "authority", "auditor");

    public OrgSpec {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new CareledgerException("ORG_ID_INVALID", "org id '" + id + "' must be lowercase letters, digits and dashes");
        }
        roles = List.copyOf(roles);
        for (String r : roles) {
            if (!KNOWN_ROLES.contains(r)) {
                throw new CareledgerException("ORG_ROLE_UNKNOWN", "role '" + r + "' of " + id + " is not one of "
                        + new java.util.TreeSet<>(KNOWN_ROLES));
            }
        }
        if (roles.isEmpty()) {
            throw new CareledgerException("ORG_ROLE_UNKNOWN", "org " + id + " needs a role");
        }
        companyPrefixes = companyPrefixes == null ? List.of() : List.copyOf(companyPrefixes);
        for (String p : companyPrefixes) {
            if (!p.matches("[0-9]{6,12}")) {
                throw new CareledgerException("COMPANY_PREFIX_INVALID", "company prefix '" + p + "' of " + id
                        + " must be 6 to 12 digits");
            }
        }
    }

    public OrgSpec(String id, List<String> roles) {
        this(id, roles, List.of());
    }

    /**
     * Parses "hospital-a" (role from the name: the known role it starts with) or "acme=manufacturer+distributor",
     * optionally followed by GS1 company prefixes: "acme=manufacturer@0614141;4012345".
     */
    public static OrgSpec parse(String spec) {
        String s = spec.trim();
        int at = s.indexOf('@');
        if (at >= 0) {
            OrgSpec base = parse(s.substring(0, at));
            List<String> prefixes = java.util.Arrays.stream(s.substring(at + 1).split(";")).map(String::trim)
                    .filter(p -> !p.isEmpty()).toList();
            return new OrgSpec(base.id(), base.roles(), prefixes);
        }
        int eq = s.indexOf('=');
        if (eq >= 0) {
            return new OrgSpec(s.substring(0, eq), List.of(s.substring(eq + 1).split("\\+")));
        }
        for (String role : new java.util.TreeSet<>(KNOWN_ROLES)) {
            if (s.startsWith(role)) {
                return new OrgSpec(s, List.of(role));
            }
        }
        throw new CareledgerException("ORG_ROLE_UNKNOWN", "cannot tell the role of org '" + s
                + "' from its name; write it as " + s + "=ROLE with ROLE one of " + new java.util.TreeSet<>(KNOWN_ROLES));
    }
}
