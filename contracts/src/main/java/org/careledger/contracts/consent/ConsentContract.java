package org.careledger.contracts.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.careledger.contracts.Args;
import org.careledger.contracts.records.BlobClaim;
import org.careledger.contracts.records.BlobClaims;
import org.careledger.contracts.records.Identifiers;
import org.careledger.contracts.records.PatientDirectory;
import org.careledger.contracts.records.PatientRecord;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.contracts.records.RecordsContract;
import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.OrgRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;

/**
 * Patient-controlled consent: only the patient's own key (or a guardian it registered) grants, narrows or revokes
 * a grantee's access to its records for one purpose.
 */
public final class ConsentContract implements Contract {
    private static final java.util.regex.Pattern ORG_ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final String NAME = "consent";
    public static final int MAX_SCOPE_ENTRIES = 256;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void execute(ContractContext ctx, String method, byte[] args) {
        switch (method) {
            case "grant" -> grant(ctx, Args.decode(args, GrantConsent.class));
            case "revoke" -> revoke(ctx, Args.decode(args, RevokeConsent.class));
            case "limit" -> limit(ctx, Args.decode(args, LimitConsent.class));
            default -> throw new ContractException("METHOD_UNKNOWN", "consent has no method '" + method + "'");
        }
    }

    private void grant(ContractContext ctx, GrantConsent args) {
        String grantId = Identifiers.requireId(args.grantId(), "GRANT_ID_INVALID", "grant id");
        PatientRecord patient = PatientDirectory.require(ctx, args.patientId());
        PatientDirectory.requireActsFor(ctx.signer(), patient, "grant consent for it");
        if (ctx.state().get(ConsentKeys.grant(grantId)).isPresent()) {
            throw new ContractException("GRANT_EXISTS", "grant " + grantId + " already exists");
        }
        String granteeKind = granteeKind(ctx, args.grantee());
        Purpose purpose = Purpose.parse(args.purpose());
        List<String> types = recordTypes(args.recordTypes());
        List<String> ids = recordIds(ctx, args.recordIds(), patient.patientId());
        if (types.isEmpty() && ids.isEmpty()) {
            throw new ContractException("GRANT_SCOPE_INVALID", "a grant needs at least one record type or record id");
        }
        if (args.expiresAtMillis() != null && args.expiresAtMillis() <= ctx.blockTimeMillis()) {
            throw new ContractException("GRANT_EXPIRY_INVALID", "expiresAtMillis " + args.expiresAtMillis()
                    + " is not after the block time " + ctx.blockTimeMillis());
        }
        Hash keys = Identifiers.requireSha256(args.wrappedKeysSha256(), "GRANT_KEYS_INVALID", "wrappedKeysSha256");
        if (ConsentGrants.pruneExpired(ctx, patient.patientId()) >= ConsentGrants.MAX_ACTIVE_GRANTS) {
            throw new ContractException("GRANT_LIMIT_REACHED", "patient " + patient.patientId() + " already has "
                    + ConsentGrants.MAX_ACTIVE_GRANTS + " grants in force; revoke some first");
        }
        ConsentGrant grant = new ConsentGrant(grantId, patient.patientId(), args.grantee(), granteeKind, types, ids,
                purpose.name(), args.expiresAtMillis(), keys.hex(), ctx.signer().id(), ctx.blockTimeMillis(), null,
                null, null, null);
        ConsentGrants.put(ctx, grant);
        ctx.state().put(ConsentKeys.patientGrant(patient.patientId(), grantId), CanonicalJson.encode(grantId));
        ctx.state().put(ConsentKeys.activeGrant(patient.patientId(), grantId), CanonicalJson.encode(grantId));
        BlobClaims.claimAndAttach(ctx, keys, ConsentKeys.grant(grantId), BlobClaim.GRANT_KEYS);
        ctx.emit("ConsentGranted", ConsentChanged.of(grant, ctx.signer().id()));
    }

    private void revoke(ContractContext ctx, RevokeConsent args) {
        ConsentGrant grant = require(ctx, args.grantId());
        PatientDirectory.requireActsFor(ctx.signer(), PatientDirectory.require(ctx, grant.patientId()),
                "revoke its consent");
        if (grant.revokedAtMillis() != null) {
            throw new ContractException("GRANT_ALREADY_REVOKED", "grant " + grant.grantId() + " was revoked at "
                    + grant.revokedAtMillis());
        }
        ConsentGrant revoked = ConsentGrants.revoke(ctx, grant, ctx.signer().id(), ConsentGrant.PATIENT_REVOKED);
        ctx.emit("ConsentRevoked", ConsentChanged.of(revoked, ctx.signer().id()));
    }

    private void limit(ContractContext ctx, LimitConsent args) {
        ConsentGrant grant = require(ctx, args.grantId());
        PatientDirectory.requireActsFor(ctx.signer(), PatientDirectory.require(ctx, grant.patientId()),
                "limit its consent");
        if (!grant.inForceAt(ctx.blockTimeMillis())) {
            throw new ContractException("GRANT_NOT_ACTIVE", "grant " + grant.grantId() + " is "
                    + (grant.revokedAtMillis() != null ? "revoked" : "expired") + " and cannot be changed");
        }
        List<String> types = args.recordTypes() == null ? grant.recordTypes() : sortedDistinct(args.recordTypes());
        List<String> ids = args.recordIds() == null ? grant.recordIds() : sortedDistinct(args.recordIds());
        if (!grant.recordTypes().containsAll(types) || !grant.recordIds().containsAll(ids)) {
            throw new ContractException("GRANT_WIDEN_REFUSED", "limit can only remove record types or ids from grant "
                    + grant.grantId() + "; make a new grant to share more");
        }
        if (types.isEmpty() && ids.isEmpty()) {
            throw new ContractException("GRANT_SCOPE_INVALID", "limit would leave grant " + grant.grantId()
                    + " without any record type or id; revoke it instead");
        }
        Long expires = grant.expiresAtMillis();
        if (args.expiresAtMillis() != null) {
            if (args.expiresAtMillis() <= ctx.blockTimeMillis()) {
                throw new ContractException("GRANT_EXPIRY_INVALID", "expiresAtMillis " + args.expiresAtMillis()
                        + " is not after the block time " + ctx.blockTimeMillis() + "; revoke to end a grant now");
            }
            if (expires != null && args.expiresAtMillis() > expires) {
                throw new ContractException("GRANT_WIDEN_REFUSED", "grant " + grant.grantId() + " expires at " + expires
                        + "; limit cannot extend it to " + args.expiresAtMillis());
            }
            expires = args.expiresAtMillis();
        }
        String keys = grant.wrappedKeysSha256();
        if (args.wrappedKeysSha256() != null && !args.wrappedKeysSha256().equals(keys)) {
            Hash fresh = Identifiers.requireSha256(args.wrappedKeysSha256(), "GRANT_KEYS_INVALID", "wrappedKeysSha256");
            BlobClaims.claimAndAttach(ctx, fresh, ConsentKeys.grant(grant.grantId()), BlobClaim.GRANT_KEYS);
            BlobClaims.purge(ctx, Hash.fromHex(keys));
            keys = fresh.hex();
        }
        ConsentGrant limited = grant.limited(types, ids, expires, keys, ctx.blockTimeMillis());
        ConsentGrants.put(ctx, limited);
        ctx.emit("ConsentLimited", ConsentChanged.of(limited, ctx.signer().id()));
    }

    private static ConsentGrant require(ContractContext ctx, String grantId) {
        return ConsentGrants.find(ctx.state(), grantId).orElseThrow(() -> new ContractException("GRANT_UNKNOWN",
                "grant '" + (grantId == null ? "null" : grantId) + "' does not exist"));
    }

    /** ORG for a consortium org, MEMBER for a registered member; anything else is GRANTEE_UNKNOWN. */
    private static String granteeKind(ContractContext ctx, String grantee) {
        if (grantee != null && grantee.contains("/")) {
            if (ctx.identity(grantee).filter(i -> i.kind() == Identity.Kind.MEMBER).isPresent()) {
                return ConsentGrant.MEMBER;
            }
        } else if (grantee != null && !grantee.equals(Identity.PATIENT_ORG) && ORG_ID.matcher(grantee).matches()
                && ctx.state().get(StateKeys.org(grantee)).map(b -> CanonicalJson.decode(b, OrgRecord.class)).isPresent()) {
            return ConsentGrant.ORG;
        }
        throw new ContractException("GRANTEE_UNKNOWN", "grantee '" + (grantee == null ? "null" : grantee)
                + "' is neither a consortium org nor a registered member");
    }

    private static List<String> recordTypes(List<String> raw) {
        List<String> types = sortedDistinct(raw);
        for (String t : types) {
            Identifiers.requireResourceType(t, "GRANT_SCOPE_INVALID");
        }
        return bounded(types, "record types");
    }

    /** Each id must be an unerased record of this patient: a grant cannot reach another patient's records. */
    private static List<String> recordIds(ContractContext ctx, List<String> raw, String patientId) {
        List<String> ids = sortedDistinct(raw);
        for (String id : ids) {
            RecordMeta record = RecordsContract.find(ctx.state(), id).orElse(null);
            if (record == null || !record.patientId().equals(patientId) || record.erased()) {
                throw new ContractException("GRANT_SCOPE_INVALID", "record '" + id + "' is not an existing, unerased"
                        + " record of patient " + patientId);
            }
        }
        return bounded(ids, "record ids");
    }

    private static List<String> bounded(List<String> values, String what) {
        if (values.size() > MAX_SCOPE_ENTRIES) {
            throw new ContractException("GRANT_SCOPE_INVALID", "a grant may list at most " + MAX_SCOPE_ENTRIES + " "
                    + what + ", got " + values.size());
        }
        return values;
    }

    private static List<String> sortedDistinct(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw.contains(null)) {
            throw new ContractException("GRANT_SCOPE_INVALID", "record types and ids cannot contain null");
        }
        return new ArrayList<>(new TreeSet<>(raw));
    }

    /** Event payload of {@code ConsentGranted}, {@code ConsentLimited} and {@code ConsentRevoked}. */
    public record ConsentChanged(String grantId, String patientId, String grantee, String granteeKind,
                                 List<String> recordTypes, List<String> recordIds, String purpose,
                                 Long expiresAtMillis, Long revokedAtMillis, String by) {
        static ConsentChanged of(ConsentGrant g, String by) {
            return new ConsentChanged(g.grantId(), g.patientId(), g.grantee(), g.granteeKind(), g.recordTypes(),
                    g.recordIds(), g.purpose(), g.expiresAtMillis(), g.revokedAtMillis(), by);
        }
    }
}
