package org.careledger.ledger;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.careledger.core.contract.Identity;
import org.careledger.core.proto.TxEnvelope;

/**
 * Transactions this node already decoded and whose signature it verified at admission, so applying its own
 * transactions pays for neither twice. Keyed by the envelope's value (payload and signature bytes), so an
 * envelope that arrives back through the ordered log as a different object still matches, and anything with a
 * different payload or signature misses. The decode is a pure function of those bytes; the signature verdict is
 * reused only for the same signer algorithm and public key it was checked under. Bounded: cleared when full.
 */
final class VerifiedSignatures {
    /** What admission established about one envelope. */
    record Checked(DecodedTx tx, String algorithm, byte[] publicKey) {
        /** True when the signature was checked under exactly this signer's current key. */
        boolean verifiedFor(Identity signer) {
            return algorithm.equals(signer.algorithm()) && Arrays.equals(publicKey, signer.publicKey());
        }
    }

    private static final int MAX = 500_000;
    private final ConcurrentHashMap<TxEnvelope, Checked> checked = new ConcurrentHashMap<>();

    void remember(DecodedTx tx, Identity signer) {
        if (checked.size() >= MAX) {
            checked.clear();
        }
        checked.put(tx.envelope(), new Checked(tx, signer.algorithm(), signer.publicKey()));
    }

    /** Admission's result for this envelope, if any; each is handed out once. */
    Checked take(TxEnvelope envelope) {
        return checked.remove(envelope);
    }
}
