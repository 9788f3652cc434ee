package org.careledger.ledger;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.careledger.core.Hash;
import org.careledger.core.contract.Identity;

/**
 * Signatures this node already verified at admission, so applying its own transactions does not pay for the same
 * check twice. Sound because the entry is keyed by tx id and holds the exact signature and public key checked:
 * a different signature, key or payload misses and is verified again. Bounded: cleared when full.
 */
final class VerifiedSignatures {
    private record Checked(byte[] signature, byte[] publicKey) {}

    private static final int MAX = 500_000;
    private final ConcurrentHashMap<Hash, Checked> checked = new ConcurrentHashMap<>();

    void remember(DecodedTx tx, Identity signer) {
        if (checked.size() >= MAX) {
            checked.clear();
        }
        checked.put(tx.txId(), new Checked(tx.envelope().getSignature().toByteArray(), signer.publicKey()));
    }

    boolean wasVerified(DecodedTx tx, Identity signer) {
        Checked c = checked.remove(tx.txId());
        return c != null && Arrays.equals(c.signature(), tx.envelope().getSignature().toByteArray())
                && Arrays.equals(c.publicKey(), signer.publicKey());
    }
}
