package org.careledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A committed transaction: what was signed, where it sits, and what the ledger decided. */
public record TxView(String txId, String signer, long nonce, String contract, String method, JsonNode args,
                     long height, int index, long logIndex, String code, String errorCode, String message,
                     List<EventView> events, String envelope) {
    public TxView {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public boolean valid() {
        return "VALID".equals(code);
    }
}
