package org.careledger.ledger;

import org.careledger.core.CareledgerException;
import org.careledger.core.contract.Identity;
import org.careledger.core.proto.TxEnvelope;

/**
 * Checks a transaction before it is ordered, against committed state: well-formed, for this chain, a registered
 * signer, a valid signature, an unused nonce. Thread-safe; the API runs it on many requests in parallel. Block
 * application checks all of this again, so admission is a filter, not the guarantee.
 */
public final class Admission {
    private final Ledger ledger;
    private final java.util.function.Consumer<DecodedTx> contractCheck;

    public Admission(Ledger ledger) {
        this(ledger, tx -> { });
    }

    /**
     * @param contractCheck a contract's own check of arguments it would refuse as a whole (it throws a
     *                      {@link CareledgerException}), run after the signature and nonce checks, so that such a
     *                      transaction is refused before ordering instead of committing as CONTRACT_ERROR
     */
    public Admission(Ledger ledger, java.util.function.Consumer<DecodedTx> contractCheck) {
        this.ledger = ledger;
        this.contractCheck = contractCheck;
    }

    public DecodedTx admit(byte[] envelopeBytes) {
        return admit(ledger.decoder().decode(envelopeBytes));
    }

    public DecodedTx admit(TxEnvelope envelope) {
        return admit(ledger.decoder().decode(envelope));
    }

    private DecodedTx admit(DecodedTx tx) {
        String chainId = ledger.genesis().chainId();
        if (!tx.payload().getChainId().equals(chainId)) {
            throw new CareledgerException("TX_WRONG_CHAIN", "transaction is for chain '" + tx.payload().getChainId()
                    + "', this node serves '" + chainId + "'");
        }
        String signerId = tx.payload().getSignerId();
        Identity signer = ledger.identity(signerId).orElseThrow(() ->
                new CareledgerException("TX_UNKNOWN_SIGNER", "signer " + signerId + " is not registered on this ledger"));
        if (!BlockExecutor.verify(signer, tx)) {
            throw new CareledgerException("TX_SIGNATURE_INVALID", "signature does not verify for signer " + signerId);
        }
        if (ledger.nonceUsed(signerId, tx.payload().getNonce())) {
            throw new CareledgerException("TX_REPLAY", "nonce " + tx.payload().getNonce() + " of " + signerId
                    + " was already used by a committed transaction");
        }
        contractCheck.accept(tx);
        ledger.rememberVerified(tx, signer);
        return tx;
    }
}
