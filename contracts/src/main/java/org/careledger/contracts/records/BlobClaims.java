package org.careledger.contracts.records;

import org.careledger.core.Hash;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.json.CanonicalJson;

/** Attaches and purges the care contracts' blobs through {@link BlobClaim}s, so each blob has exactly one owner. */
public final class BlobClaims {
    private BlobClaims() {}

    /** Claims the blob for {@code owner} and asks nodes to keep it; BLOB_CLAIMED if anything claimed it before. */
    public static void claimAndAttach(ContractContext ctx, Hash sha256, String owner, String role) {
        String key = RecordKeys.blobClaim(sha256);
        var existing = ctx.state().get(key).map(b -> CanonicalJson.decode(b, BlobClaim.class));
        if (existing.isPresent()) {
            BlobClaim claim = existing.get();
            throw new ContractException("BLOB_CLAIMED", "blob " + sha256.hex() + " already belongs to " + claim.owner()
                    + (claim.purgedAtMillis() == null ? "" : " and was purged") + "; every blob must be new");
        }
        ctx.state().put(key, CanonicalJson.encode(new BlobClaim(sha256.hex(), owner, role, ctx.blockTimeMillis(), null)));
        ctx.attachBlob(sha256);
    }

    /** Asks every node to destroy the blob; the claim stays (marked purged) so the hash can never be attached again. */
    public static void purge(ContractContext ctx, Hash sha256) {
        String key = RecordKeys.blobClaim(sha256);
        ctx.state().get(key).map(b -> CanonicalJson.decode(b, BlobClaim.class)).ifPresent(claim -> {
            if (claim.purgedAtMillis() == null) {
                ctx.state().put(key, CanonicalJson.encode(claim.purged(ctx.blockTimeMillis())));
            }
        });
        ctx.purgeBlob(sha256);
    }
}
