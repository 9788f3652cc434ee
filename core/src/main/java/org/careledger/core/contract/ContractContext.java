package org.careledger.core.contract;

import org.careledger.core.Hash;

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
}
