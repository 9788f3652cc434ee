package org.careledger.contracts.supplychain;

import java.util.List;

/**
 * What became of one event of a {@code capture} or {@code captureEpcis} call; emitted as
 * {@code EpcisEventAccepted}/{@code EpcisEventRejected} (or {@code CaptureEventAccepted}/{@code …Rejected}).
 *
 * @param kind the event kind it was mapped to, when it got that far
 * @param code empty when accepted, else the stable error code
 * @param objects number of objects changed, containers' contents included
 * @param suspect true when the rejection was recorded as a suspect event
 * @param notes what of the event was not applied (e.g. quantity lists)
 */
public record EventOutcome(int index, String eventId, String kind, boolean accepted, String code, String message,
                           int objects, boolean suspect, List<String> notes) {
    public EventOutcome {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
