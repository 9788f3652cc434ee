package org.careledger.core.contract;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One transaction's view: reads see its own writes; its writes reach the block only if it succeeds. Writes are
 * confined to the contract's domain namespace: a write outside it throws and marks the transaction refused even if
 * the contract catches the exception. The ledger's block executor and {@code ContractTestKit} both run contracts on
 * it, so a contract test sees the ledger's semantics.
 */
public final class TxState implements StateAccess {
    private static final int MAX_KEY_LENGTH = 1024;
    private final CommittedState block;
    private final KeyNamespace namespace;
    private final TreeMap<String, byte[]> writes = new TreeMap<>();
    private ContractException violation;

    public TxState(CommittedState block, KeyNamespace namespace) {
        this.block = block;
        this.namespace = namespace;
    }

    @Override
    public Optional<byte[]> get(String key) {
        if (writes.containsKey(key)) {
            return Optional.ofNullable(writes.get(key)).map(byte[]::clone);
        }
        return block.get(key);
    }

    @Override
    public SortedMap<String, byte[]> scan(String prefix, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("scan limit must be positive");
        }
        return block.scan(prefix, limit, writes);
    }

    @Override
    public void put(String key, byte[] value) {
        checkKey(key);
        if (value == null) {
            throw new IllegalArgumentException("state values cannot be null; use delete");
        }
        writes.put(key, value.clone());
    }

    @Override
    public void delete(String key) {
        checkKey(key);
        writes.put(key, null);
    }

    /** This transaction's writes in key order ({@code null} = delete). */
    public TreeMap<String, byte[]> writes() {
        return writes;
    }

    /** The first write the namespace refused, or null. */
    public ContractException violation() {
        return violation;
    }

    private void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("state keys are 1.." + MAX_KEY_LENGTH + " characters");
        }
        ContractException refused = namespace.refusal(key);
        if (refused != null) {
            if (violation == null) {
                violation = refused;
            }
            throw new ContractException(refused.code(), refused.getMessage());
        }
    }
}
