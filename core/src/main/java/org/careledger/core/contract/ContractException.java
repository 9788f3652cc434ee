package org.careledger.core.contract;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.careledger.core.CareledgerException;

/**
 * A contract refused a transaction: the code lands in the block's TxResult, the writes are discarded — all but the
 * record of the refusal itself, if the contract attached one with {@link #keeping} (e.g. a suspect event kept for an
 * authority: a refused attempt to dispense a recalled pack must leave a trace, not vanish).
 */
public class ContractException extends CareledgerException {
    /** State writes (in key order) and events (in order) that stand although the transaction is refused. */
    public record Kept(SortedMap<String, byte[]> writes, List<Map.Entry<String, Object>> events) {
        public Kept {
            writes = new TreeMap<>(writes);
            events = List.copyOf(events);
        }

        public boolean isEmpty() {
            return writes.isEmpty() && events.isEmpty();
        }
    }

    private static final Kept NOTHING = new Kept(new TreeMap<>(), List.of());
    private transient Kept kept = NOTHING;

    public ContractException(String code, String message) {
        super(code, message);
    }

    /** Attaches the record of this refusal that the ledger keeps; returns this exception to throw. */
    public ContractException keeping(SortedMap<String, byte[]> writes, List<Map.Entry<String, Object>> events) {
        this.kept = new Kept(writes, events);
        return this;
    }

    public Kept kept() {
        return kept == null ? NOTHING : kept;
    }
}
