package org.careledger.epcis;

import java.util.Arrays;
import java.util.Optional;

/**
 * The EPCIS event types careledger reads. TransactionEvent, AssociationEvent and extension events are reported
 * per event as {@link EpcisErrorCode#EPCIS_UNSUPPORTED_EVENT_TYPE}: the drug supply chain is fully described by
 * packs being commissioned, moved and (dis)aggregated.
 */
public enum EpcisEventType {
    OBJECT_EVENT("ObjectEvent"),
    AGGREGATION_EVENT("AggregationEvent"),
    TRANSFORMATION_EVENT("TransformationEvent");

    private final String jsonName;

    EpcisEventType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used as the event's {@code type} in EPCIS 2.0 JSON. */
    public String jsonName() {
        return jsonName;
    }

    public static Optional<EpcisEventType> fromJsonName(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }
}
