package org.careledger.epcis;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.careledger.epcis.gs1.Epc;

/**
 * The "what" of an event, whose shape depends on the event type: the objects observed (ObjectEvent), a parent
 * and its children (AggregationEvent), or inputs and outputs (TransformationEvent). Being sealed, a switch over
 * it is checked for completeness by the compiler.
 */
public sealed interface EventItems permits ObjectEventItems, AggregationEventItems, TransformationEventItems {

    EpcisEventType eventType();

    /** Copies an EPC list and rejects repeats: the same pack twice would be counted twice downstream. */
    static List<Epc> uniqueEpcs(List<Epc> epcs, String field) {
        List<Epc> copy = List.copyOf(epcs);
        Set<Epc> seen = new HashSet<>();
        for (Epc epc : copy) {
            if (!seen.add(epc)) {
                throw EpcisErrorCode.EPCIS_BAD_FIELD.exception(field + " lists " + epc.toUri() + " more than once");
            }
        }
        return copy;
    }
}
