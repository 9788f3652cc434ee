package org.careledger.contracts.membership;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.careledger.contracts.Args;
import org.careledger.contracts.records.CareRoles;
import org.careledger.core.CareledgerException;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.IdentityRecord;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.x509.CertificateChainValidator;
import org.careledger.crypto.x509.CertificateInfo;
import org.careledger.crypto.x509.Pem;

/**
 * Org membership: an org's admin registers a member whose certificate its CA issued (checked at block time),
 * and may revoke it. Roles come from the certificate's OU attributes; role {@code emergency} (break-glass) only
 * together with a clinical role in a provider org (MEMBER_ROLE_NOT_PERMITTED otherwise).
 */
public final class MembershipContract implements Contract {
    public static final String NAME = "membership";
    /** {@code revoked/<memberId>}: the {@link MemberRevocation} of a revoked member. */
    public static final String REVOKED_PREFIX = "revoked/";
    private static final Set<String> RESERVED = Set.of("admin", "node");
    private static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,62}";
    private static final String ROLE_PATTERN = "[a-z][a-z0-9-]{0,31}";
    private static final java.util.regex.Pattern NAME_FORM = java.util.regex.Pattern.compile(NAME_PATTERN);
    private static final java.util.regex.Pattern ROLE = java.util.regex.Pattern.compile(ROLE_PATTERN);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void execute(ContractContext ctx, String method, byte[] args) {
        switch (method) {
            case "registerMember" -> register(ctx, Args.decode(args, RegisterMember.class));
            case "revokeMember" -> revoke(ctx, Args.decode(args, RevokeMember.class));
            default -> throw new ContractException("METHOD_UNKNOWN", "membership has no method '" + method + "'");
        }
    }

    private void register(ContractContext ctx, RegisterMember args) {
        String org = requireAdmin(ctx);
        if (args.name() == null || !NAME_FORM.matcher(args.name()).matches() || RESERVED.contains(args.name())) {
            throw new ContractException("MEMBER_NAME_INVALID", "member name '" + args.name()
                    + "' must match " + NAME_PATTERN + " and not be admin or node");
        }
        String id = org + "/" + args.name();
        if (ctx.state().get(StateKeys.identity(id)).isPresent()) {
            throw new ContractException("MEMBER_EXISTS", id + " is already registered");
        }
        OrgRecord orgRecord = ctx.state().get(StateKeys.org(org))
                .map(b -> CanonicalJson.decode(b, OrgRecord.class))
                .orElseThrow(() -> new ContractException("ORG_UNKNOWN", "org " + org + " is not in the consortium"));
        CertificateInfo info;
        try {
            X509Certificate cert = Pem.decodeCertificate(args.certificate());
            X509Certificate ca = Pem.decodeCertificate(orgRecord.caCertificatePem());
            CertificateChainValidator.validate(cert, ca, Instant.ofEpochMilli(ctx.blockTimeMillis()));
            info = CertificateChainValidator.describe(cert);
        } catch (CareledgerException e) {
            throw new ContractException(e.code(), "certificate of " + id + ": " + e.getMessage());
        }
        if (!args.name().equals(info.commonName())) {
            throw new ContractException("CERT_NAME_MISMATCH", "certificate is for '" + info.commonName()
                    + "', not '" + args.name() + "'");
        }
        TreeSet<String> roles = new TreeSet<>(info.roles());
        for (String role : roles) {
            if (!ROLE.matcher(role).matches() || role.equals("admin") || role.equals("node")) {
                throw new ContractException("MEMBER_ROLE_INVALID", "role '" + role + "' cannot be given to a member");
            }
        }
        requireBreakGlassOnlyForClinicians(id, orgRecord, roles);
        Identity identity = new Identity(id, org, Identity.Kind.MEMBER, info.algorithm().name(), info.publicKey(), roles);
        ctx.state().put(StateKeys.identity(id), CanonicalJson.encode(IdentityRecord.of(identity, args.certificate())));
        ctx.emit("MemberRegistered", new MemberEvent(id, org, roles.stream().toList()));
    }

    /**
     * Break-glass reads any patient's record without consent, which only treatment justifies: role emergency goes
     * to clinicians of provider orgs only. AccessPolicy checks again at read time, for roles registered earlier.
     */
    private static void requireBreakGlassOnlyForClinicians(String id, OrgRecord org, Set<String> roles) {
        if (!roles.contains(CareRoles.EMERGENCY)) {
            return;
        }
        if (!CareRoles.isProviderOrg(org)) {
            throw new ContractException("MEMBER_ROLE_NOT_PERMITTED", "role '" + CareRoles.EMERGENCY + "' cannot be given to "
                    + id + ": break-glass is for treatment, and only members of provider orgs (org roles "
                    + CareRoles.PROVIDER_ORG_ROLES + ") treat patients; " + org.id() + " has org roles " + org.roles());
        }
        if (roles.stream().noneMatch(CareRoles.CLINICAL_ROLES::contains)) {
            throw new ContractException("MEMBER_ROLE_NOT_PERMITTED", "role '" + CareRoles.EMERGENCY + "' cannot be given to "
                    + id + ": break-glass is for treatment, so its certificate must also carry a clinical role (one of "
                    + CareRoles.CLINICAL_ROLES + "); it carries " + roles);
        }
    }

    private void revoke(ContractContext ctx, RevokeMember args) {
        String org = requireAdmin(ctx);
        String id = org + "/" + args.name();
        byte[] stored = ctx.state().get(StateKeys.identity(id))
                .orElseThrow(() -> new ContractException("MEMBER_UNKNOWN", id + " is not registered"));
        IdentityRecord record = CanonicalJson.decode(stored, IdentityRecord.class);
        if (record.kind() != Identity.Kind.MEMBER) {
            throw new ContractException("MEMBER_UNKNOWN", id + " is not a member and cannot be revoked here");
        }
        ctx.state().delete(StateKeys.identity(id));
        ctx.state().put(REVOKED_PREFIX + id, CanonicalJson.encode(new MemberRevocation(id,
                args.reason() == null ? "" : args.reason(), ctx.blockTimeMillis(), ctx.signer().id(), record.certificatePem())));
        ctx.emit("MemberRevoked", new MemberEvent(id, org, record.roles()));
    }

    private static String requireAdmin(ContractContext ctx) {
        Identity signer = ctx.signer();
        if (signer.kind() != Identity.Kind.ORG_ADMIN) {
            throw new ContractException("NOT_ORG_ADMIN", signer.id() + " is not an org admin; only "
                    + signer.org() + "/admin may change its membership");
        }
        return signer.org();
    }

    /** Event payload for membership changes. */
    public record MemberEvent(String id, String org, java.util.List<String> roles) {}
}
