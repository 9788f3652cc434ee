package org.careledger.contracts;

import java.util.Optional;
import org.careledger.core.contract.StateAccess;
import org.careledger.core.json.CanonicalJson;

/** Reads a contract's state values, stored as canonical JSON (one helper for every domain's contract and views). */
public final class States {
    private States() {}

    /** The value at {@code key} decoded as {@code type}, or empty when the key holds nothing. */
    public static <T> Optional<T> read(StateAccess state, String key, Class<T> type) {
        return state.get(key).map(b -> CanonicalJson.decode(b, type));
    }
}
