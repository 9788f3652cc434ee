package org.careledger.node.records;

import org.careledger.contracts.audit.Disclosure;
import org.careledger.core.CareledgerException;

/**
 * A read the ledger refused. It was committed and audited all the same; {@link #disclosure()} is what was recorded.
 * Code ACCESS_DENIED, or RECORD_ERASED when the record was erased (statuses in docs/ERRORS.md).
 */
public final class RecordDenied extends CareledgerException {
    private final transient Disclosure disclosure;

    public RecordDenied(Disclosure d) {
        super("RECORD_ERASED".equals(d.denialReason()) ? "RECORD_ERASED" : "ACCESS_DENIED",
                "access " + d.accessId() + " to record " + d.recordId() + " by " + d.accessor() + " was denied ("
                        + d.denialReason() + "); the denial is recorded in tx " + d.txId() + " at height "
                        + d.blockHeight());
        this.disclosure = d;
    }

    public Disclosure disclosure() {
        return disclosure;
    }
}
