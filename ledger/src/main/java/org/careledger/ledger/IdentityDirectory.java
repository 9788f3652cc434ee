package org.careledger.ledger;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.IdentityRecord;
import org.careledger.core.contract.StateKeys;
import org.careledger.core.json.CanonicalJson;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.LedgerStore;

/**
 * Committed identities, cached: admission and block application look signers up for every transaction. The
 * ledger invalidates an entry whenever a block writes its state key.
 */
final class IdentityDirectory {
    private final LedgerStore store;
    private final ConcurrentHashMap<String, Optional<Identity>> cache = new ConcurrentHashMap<>();

    IdentityDirectory(LedgerStore store) {
        this.store = store;
    }

    Optional<Identity> find(String id) {
        if (cache.size() > 100_000) {
            cache.clear();
        }
        // loading inside computeIfAbsent: an invalidate() of the same id waits for a load in progress and then
        // removes what it stored, so a stale identity can never outlive the block that changed it
        return cache.computeIfAbsent(id, key -> store.get(Column.STATE, Keys.utf8(StateKeys.identity(key)))
                .map(IdentityDirectory::decode));
    }

    void invalidate(String id) {
        cache.remove(id);
    }

    static Identity decode(byte[] json) {
        return CanonicalJson.decode(json, IdentityRecord.class).toIdentity();
    }
}
