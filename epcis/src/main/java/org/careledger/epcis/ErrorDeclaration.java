package org.careledger.epcis;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Marks an event as retracted. EPCIS events are never deleted (nor are ledger entries), so a mistake is fixed by
 * re-sending the event with this declaration and, usually, corrective events that say what really happened.
 *
 * @param declarationTime when the error was declared
 * @param reason why, when given
 * @param correctiveEventIds the eventIDs of the events that replace this one
 */
public record ErrorDeclaration(Instant declarationTime, Optional<CbvValue<ErrorReason>> reason,
                               List<String> correctiveEventIds) {
    public ErrorDeclaration {
        Objects.requireNonNull(declarationTime, "declarationTime");
        Objects.requireNonNull(reason, "reason");
        correctiveEventIds = List.copyOf(correctiveEventIds);
    }
}
