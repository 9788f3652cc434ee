package org.careledger.core.contract;

/**
 * A deterministic piece of domain logic. Its effect may depend only on the state it reads and the transaction
 * (never the wall clock, randomness or map iteration order), so every node computes the same block.
 */
public interface Contract {
    /** Name used in {@code TxPayload.contract}. */
    String name();

    /**
     * Executes one method. Writes go through {@code ctx.state()}; throwing {@link ContractException} discards
     * every write of this transaction and records the error code in the block.
     */
    void execute(ContractContext ctx, String method, byte[] args) throws ContractException;
}
