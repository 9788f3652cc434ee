package org.careledger.epcis;

import java.util.Objects;
import java.util.Optional;

/**
 * A business document the event belongs to (purchase order, despatch advice, invoice), which is how a receiving
 * pharmacy ties the packs it scans to the order it placed.
 *
 * @param type the transaction type, when given
 * @param id the transaction's URI
 */
public record BizTransaction(Optional<CbvValue<BizTransactionType>> type, String id) {
    public BizTransaction {
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) {
            throw EpcisErrorCode.EPCIS_MISSING_FIELD.exception("a business transaction needs its bizTransaction URI");
        }
    }
}
