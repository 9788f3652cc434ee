package org.careledger.core.contract;

import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;

/**
 * Everything a contract may look at: the transaction's id and verified signer, the block's height and ordered
 * time, the state, and a sink for events.
 */
public interface ContractContext {
    Hash txId();

    Identity signer();

    long blockHeight();

    /** Time of the ordered log entry (ms since epoch) — the only clock a contract may use. */
    long blockTimeMillis();

    StateAccess state();

    /** Looks up a registered identity (org admin, node, member or patient). */
    java.util.Optional<Identity> identity(String id);

    void emit(String type, Object data);

    /**
     * Emits an event whose data the contract already encoded with {@link CanonicalJson#encode} (typically the value
     * it just stored), so the same value is not encoded twice. The bytes must be exactly what encode returned; the
     * event is then the one {@code emit(type, value)} would have produced.
     */
    default void emitEncoded(String type, byte[] canonicalJson) {
        emit(type, CanonicalJson.tree(canonicalJson));
    }

    /**
     * Asks the node to keep the off-chain blob (e.g. a record's ciphertext) with this SHA-256 in its purgeable blob
     * store, if the blob travelled with the ordered batch. The chain keeps only the hash, so whether the bytes are
     * present never changes the transaction's outcome (a verifier replaying without blobs gets the same block).
     */
    void attachBlob(Hash sha256);

    /** Asks every node to destroy the blob with this hash (erasure); the hash stays on the chain. */
    void purgeBlob(Hash sha256);
}
