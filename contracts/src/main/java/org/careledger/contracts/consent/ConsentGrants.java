package org.careledger.contracts.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.careledger.contracts.records.BlobClaims;
import org.careledger.contracts.records.Identifiers;
import org.careledger.contracts.records.RecordErasure;
import org.careledger.core.Hash;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.StateAccess;
import org.careledger.core.json.CanonicalJson;

/**
 * Reads and updates grants for the consent, records and access contracts. A patient's grants that are not revoked
 * sit in an active index (bounded by {@link #MAX_ACTIVE_GRANTS}), so an access decision or an erasure reads a bounded
 * set; every grant out of that index has had its wrapped-keys blob purged.
 */
public final class ConsentGrants {
    /** Most grants a patient may have in the active index at once. */
    public static final int MAX_ACTIVE_GRANTS = 256;

    /**
     * What erasing a record does to consent (run by the records contract in the erasing transaction): revokes the
     * grants whose whole scope is the record, and drops expired grants, which may still hold the record's key
     * re-wrapped for their grantee.
     */
    public static final RecordErasure ON_RECORD_ERASED = new RecordErasure() {
        @Override
        public List<String> writes() {
            return List.of(ConsentKeys.GRANT_PREFIX, ConsentKeys.ACTIVE_GRANTS_PREFIX);
        }

        @Override
        public List<String> recordErased(ContractContext ctx, String patientId, String recordId, String by) {
            List<String> revoked = revokeGrantsOnlyFor(ctx, patientId, recordId, by);
            pruneExpired(ctx, patientId);
            return revoked;
        }
    };

    private ConsentGrants() {}

    public static Optional<ConsentGrant> find(StateAccess state, String grantId) {
        if (!Identifiers.isId(grantId)) {
            return Optional.empty();
        }
        return state.get(ConsentKeys.grant(grantId)).map(b -> CanonicalJson.decode(b, ConsentGrant.class));
    }

    /** The patient's unrevoked grants (possibly expired), in grant-id order. */
    public static List<ConsentGrant> active(StateAccess state, String patientId) {
        List<ConsentGrant> grants = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : state.scan(ConsentKeys.activeGrants(patientId), MAX_ACTIVE_GRANTS + 1).entrySet()) {
            String grantId = e.getKey().substring(ConsentKeys.activeGrants(patientId).length());
            find(state, grantId).ifPresent(grants::add);
        }
        return grants;
    }

    static void put(ContractContext ctx, ConsentGrant grant) {
        ctx.state().put(ConsentKeys.grant(grant.grantId()), CanonicalJson.encode(grant));
    }

    /** Revokes an unrevoked grant: out of the active index, wrapped keys purged. */
    static ConsentGrant revoke(ContractContext ctx, ConsentGrant grant, String by, String cause) {
        ConsentGrant revoked = grant.revoked(ctx.blockTimeMillis(), by, cause);
        put(ctx, revoked);
        ctx.state().delete(ConsentKeys.activeGrant(grant.patientId(), grant.grantId()));
        BlobClaims.purge(ctx, Hash.fromHex(grant.wrappedKeysSha256()));
        return revoked;
    }

    /**
     * Drops grants that expired by the block time from the active index and purges their wrapped keys: the
     * grant stays in state with its history, but its keys are no longer served.
     *
     * @return how many grants remain in the active index
     */
    public static int pruneExpired(ContractContext ctx, String patientId) {
        int remaining = 0;
        for (ConsentGrant g : active(ctx.state(), patientId)) {
            if (g.inForceAt(ctx.blockTimeMillis())) {
                remaining++;
            } else {
                ctx.state().delete(ConsentKeys.activeGrant(patientId, g.grantId()));
                BlobClaims.purge(ctx, Hash.fromHex(g.wrappedKeysSha256()));
            }
        }
        return remaining;
    }

    /**
     * On erasure of a record: revokes (cause RECORD_ERASED) every unrevoked grant whose whole scope is that record,
     * purging its re-wrapped keys. Grants that also cover other records stay: their key blobs serve those records,
     * and the erased record is unreadable anyway once its ciphertext is purged.
     *
     * @return the revoked grant ids, in order
     */
    public static List<String> revokeGrantsOnlyFor(ContractContext ctx, String patientId, String recordId, String by) {
        List<String> revoked = new ArrayList<>();
        for (ConsentGrant g : active(ctx.state(), patientId)) {
            if (g.coversOnly(recordId)) {
                revoke(ctx, g, by, ConsentGrant.RECORD_ERASED);
                revoked.add(g.grantId());
            }
        }
        return revoked;
    }
}
