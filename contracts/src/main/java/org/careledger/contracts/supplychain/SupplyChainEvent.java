package org.careledger.contracts.supplychain;

import java.util.List;

/**
 * Data of the event emitted when a supply-chain event is applied ({@code Commissioned}, {@code Shipped}, …).
 *
 * @param objects labels of the objects the event named (not the contents of named cases)
 * @param changed number of objects whose state changed, contents of cases included
 * @param eventIndex position in a capture list, -1 for a single-event call
 */
public record SupplyChainEvent(String kind, String org, String signer, List<String> objects, int changed,
                               String container, String to, String lot, String expiry, String location, String reason,
                               int eventIndex, String eventId) {
    public SupplyChainEvent {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }
}
