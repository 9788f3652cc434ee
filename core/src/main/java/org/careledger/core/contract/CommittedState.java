package org.careledger.core.contract;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The state a transaction starts from (committed state plus the block's earlier writes), as {@link TxState} reads
 * it. The ledger's block overlay implements it over RocksDB; {@code ContractTestKit} over a sorted map.
 */
public interface CommittedState {
    Optional<byte[]> get(String key);

    /**
     * Keys with the prefix in byte order, at most {@code limit}, with {@code overlay} (a transaction's own writes,
     * {@code null} = deleted) applied on top.
     */
    SortedMap<String, byte[]> scan(String prefix, int limit, Map<String, byte[]> overlay);
}
