package org.careledger.epcis;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading one event of a document: either the event, or why it was rejected. Rejections are kept
 * per event so that one bad event in a shipment notice does not hide the others.
 */
public sealed interface EpcisEventResult permits EpcisEventResult.Parsed, EpcisEventResult.Failed {

    /** Position of the event in the document's event list, from 0. */
    int index();

    Optional<String> eventId();

    /** {@link EventIdentity#of} the event's JSON: its identity when it has no eventID. */
    String contentId();

    /** The eventID when the event has one, else its derived {@link #contentId}. */
    default String identity() {
        return eventId().orElse(contentId());
    }

    /**
     * A successfully read event.
     *
     * @param labelledIds the epcList/childEPCs entries, as written, that are Digital Links which may carry a lot or
     *                    expiry besides the pack's key ({@code /10/} in the path, or a query), so a receiver can check
     *                    them against what was commissioned ({@link org.careledger.epcis.gs1.PackLabel#read})
     */
    record Parsed(int index, EpcisEvent event, String contentId, java.util.List<String> labelledIds)
            implements EpcisEventResult {
        public Parsed {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(contentId, "contentId");
            labelledIds = labelledIds == null ? java.util.List.of() : java.util.List.copyOf(labelledIds);
        }

        @Override
        public Optional<String> eventId() {
            return event.eventId();
        }
    }

    /**
     * A rejected event.
     *
     * @param eventId the event's eventID when it had a readable one, so the sender can find it
     * @param code an {@link EpcisErrorCode} or a GS1 error code
     * @param message what was wrong, naming the field
     */
    record Failed(int index, Optional<String> eventId, String code, String message, String contentId)
            implements EpcisEventResult {
        public Failed {
            Objects.requireNonNull(contentId, "contentId");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return "event " + index + eventId.map(id -> " (" + id + ")").orElse("") + ": " + code + ": " + message;
        }
    }
}
