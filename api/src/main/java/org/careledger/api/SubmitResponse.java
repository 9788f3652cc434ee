package org.careledger.api;

import java.util.List;

/**
 * The answer to a submission. status: ACCEPTED (ordered, not yet waited for), COMMITTED (in a block) or FINAL
 * (its block has a quorum certificate). code is the tx's validation code once committed.
 */
public record SubmitResponse(String txId, String status, long height, int index, String blockHash, String code,
                             String errorCode, String message, List<EventView> events) {
    public SubmitResponse {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public boolean valid() {
        return "VALID".equals(code);
    }
}
