package org.careledger.epcis;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.careledger.epcis.gs1.Epc;

/**
 * One EPCIS event, with identifiers parsed and vocabulary normalized. The rules the standard states per event
 * type (ObjectEvent and AggregationEvent need an action, TransformationEvent has none, packing and unpacking
 * name their parent, ILMD only when objects come into being) are enforced here, so every instance is valid.
 *
 * @param eventId the eventID, typically a {@code ni:///sha-256;...} event hash or a {@code urn:uuid:}
 * @param eventTime when the event happened
 * @param eventTimeZoneOffset the local offset where it happened, which EPCIS keeps apart from the instant
 * @param action ADD/OBSERVE/DELETE; absent exactly for TransformationEvents
 * @param items the event's objects; its type is the event type
 * @param bizStep why it happened
 * @param disposition the business state of the objects afterwards
 * @param readPoint where it was observed (an SGLN URI, as written)
 * @param bizLocation where the objects are afterwards (an SGLN URI, as written)
 * @param bizTransactions the business documents it belongs to
 * @param sources parties and locations the goods came from
 * @param destinations parties and locations the goods go to
 * @param ilmd lot and expiry recorded at commissioning
 * @param errorDeclaration present when the event retracts an earlier one
 */
public record EpcisEvent(
        Optional<String> eventId,
        Instant eventTime,
        ZoneOffset eventTimeZoneOffset,
        Optional<Action> action,
        EventItems items,
        Optional<CbvValue<BizStep>> bizStep,
        Optional<CbvValue<Disposition>> disposition,
        Optional<String> readPoint,
        Optional<String> bizLocation,
        List<BizTransaction> bizTransactions,
        List<SourceDestination> sources,
        List<SourceDestination> destinations,
        Ilmd ilmd,
        Optional<ErrorDeclaration> errorDeclaration) {
    private static final Duration MAX_OFFSET = Duration.ofHours(14);

    public EpcisEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(eventTimeZoneOffset, "eventTimeZoneOffset");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(bizStep, "bizStep");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(readPoint, "readPoint");
        Objects.requireNonNull(bizLocation, "bizLocation");
        Objects.requireNonNull(ilmd, "ilmd");
        Objects.requireNonNull(errorDeclaration, "errorDeclaration");
        bizTransactions = List.copyOf(bizTransactions);
        sources = List.copyOf(sources);
        destinations = List.copyOf(destinations);
        requireEpcisOffset(eventTimeZoneOffset);
        requireActionRules(items, action, ilmd);
    }

    private static void requireEpcisOffset(ZoneOffset offset) {
        if (offset.getTotalSeconds() % 60 != 0 || Math.abs(offset.getTotalSeconds()) > MAX_OFFSET.toSeconds()) {
            throw EpcisErrorCode.EPCIS_BAD_TIME.exception("eventTimeZoneOffset " + offset
                    + " must be whole minutes between -14:00 and +14:00");
        }
    }

    private static void requireActionRules(EventItems items, Optional<Action> action, Ilmd ilmd) {
        String type = items.eventType().jsonName();
        switch (items) {
            case TransformationEventItems t -> {
                if (action.isPresent()) {
                    throw EpcisErrorCode.EPCIS_BAD_FIELD.exception("a TransformationEvent has no action");
                }
            }
            case ObjectEventItems o -> {
                Action a = requireAction(type, action);
                if (!ilmd.isEmpty() && a != Action.ADD) {
                    throw EpcisErrorCode.EPCIS_BAD_FIELD.exception(
                            "ilmd is only allowed when action is ADD (the objects come into being), not " + a);
                }
            }
            case AggregationEventItems g -> {
                Action a = requireAction(type, action);
                if (a != Action.OBSERVE && g.parentId().isEmpty()) {
                    throw EpcisErrorCode.EPCIS_MISSING_FIELD.exception(
                            "an AggregationEvent with action " + a + " must name its parentID");
                }
                if (!ilmd.isEmpty()) {
                    throw EpcisErrorCode.EPCIS_BAD_FIELD.exception("an AggregationEvent carries no ilmd");
                }
            }
        }
    }

    private static Action requireAction(String type, Optional<Action> action) {
        return action.orElseThrow(() -> EpcisErrorCode.EPCIS_MISSING_FIELD.exception(
                "an " + type + " needs an action (ADD, OBSERVE or DELETE)"));
    }

    public EpcisEventType type() {
        return items.eventType();
    }

    /** The event time at the event's own offset, as it would be shown to people where it happened. */
    public OffsetDateTime localEventTime() {
        return eventTime.atOffset(eventTimeZoneOffset);
    }

    /** An ObjectEvent's epcList; empty for other types. */
    public List<Epc> epcList() {
        return items instanceof ObjectEventItems o ? o.epcList() : List.of();
    }

    /** An ObjectEvent's quantityList; empty for other types. */
    public List<QuantityElement> quantityList() {
        return items instanceof ObjectEventItems o ? o.quantityList() : List.of();
    }

    /** An AggregationEvent's parentID; empty for other types. */
    public Optional<Epc> parentId() {
        return items instanceof AggregationEventItems g ? g.parentId() : Optional.empty();
    }

    /** An AggregationEvent's childEPCs; empty for other types. */
    public List<Epc> childEpcs() {
        return items instanceof AggregationEventItems g ? g.childEpcs() : List.of();
    }

    public boolean hasBizStep(BizStep step) {
        return bizStep.map(b -> b.term() == step).orElse(false);
    }

    public Optional<String> lot() {
        return ilmd.lotNumber();
    }

    public Optional<LocalDate> expiry() {
        return ilmd.itemExpirationDate();
    }

    public boolean hasErrorDeclaration() {
        return errorDeclaration.isPresent();
    }
}
