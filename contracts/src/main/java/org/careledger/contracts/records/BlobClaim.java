package org.careledger.contracts.records;

/**
 * Who owns an off-chain blob. A blob hash can be claimed once and stays claimed after it is purged, so nobody can
 * point a record or grant at someone else's blob and then erase it to purge theirs, or re-attach erased bytes.
 *
 * @param sha256          blob id (lowercase hex)
 * @param owner           state key of the owner, e.g. {@code record/r-1} or {@code grant/g-1}
 * @param role            {@code ciphertext}, {@code keys} (a record's wrapped keys) or {@code grant-keys}
 * @param claimedAtMillis block time of the claim
 * @param purgedAtMillis  block time of the purge, or null while the blob is kept
 */
public record BlobClaim(String sha256, String owner, String role, long claimedAtMillis, Long purgedAtMillis) {
    public static final String CIPHERTEXT = "ciphertext";
    public static final String RECORD_KEYS = "keys";
    public static final String GRANT_KEYS = "grant-keys";

    public BlobClaim purged(long atMillis) {
        return new BlobClaim(sha256, owner, role, claimedAtMillis, atMillis);
    }
}
