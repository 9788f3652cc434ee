package org.careledger.contracts.supplychain;

import java.util.List;

/** Arguments of {@code supplychain.capture}: events applied one by one, each committed or rejected on its own. */
public record CaptureArgs(List<SupplyEventArgs> events) {
    public CaptureArgs {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
