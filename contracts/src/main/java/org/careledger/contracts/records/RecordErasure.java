package org.careledger.contracts.records;

import java.util.List;
import org.careledger.core.contract.ContractContext;

/**
 * What another domain does when a record is erased, in the same transaction: consent revokes the grants that
 * covered only that record. Records names no other domain; the wiring is in {@code StandardContracts}.
 */
public interface RecordErasure {
    /** Nothing else to do (a network without consent). */
    RecordErasure NONE = new RecordErasure() {
        @Override
        public List<String> writes() {
            return List.of();
        }

        @Override
        public List<String> recordErased(ContractContext ctx, String patientId, String recordId, String by) {
            return List.of();
        }
    };

    /** The other domain's key prefixes this writes (the records domain declares them as shared). */
    List<String> writes();

    /** Reacts to the erasure; returns the ids of what it revoked, in order, for the {@code RecordErased} event. */
    List<String> recordErased(ContractContext ctx, String patientId, String recordId, String by);
}
