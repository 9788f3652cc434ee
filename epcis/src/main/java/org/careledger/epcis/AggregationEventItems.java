package org.careledger.epcis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.careledger.epcis.gs1.Epc;

/**
 * What an AggregationEvent is about: a container (typically a case or pallet SSCC) and the packs put into it
 * (ADD), seen in it (OBSERVE) or taken out (DELETE).
 */
public record AggregationEventItems(Optional<Epc> parentId, List<Epc> childEpcs,
                                    List<QuantityElement> childQuantityList) implements EventItems {
    public AggregationEventItems {
        Objects.requireNonNull(parentId, "parentId");
        childEpcs = EventItems.uniqueEpcs(childEpcs, "childEPCs");
        childQuantityList = List.copyOf(childQuantityList);
        if (parentId.isPresent() && childEpcs.contains(parentId.get())) {
            throw EpcisErrorCode.EPCIS_BAD_FIELD.exception(
                    "parentID " + parentId.get().toUri() + " is also listed as its own child");
        }
    }

    @Override
    public EpcisEventType eventType() {
        return EpcisEventType.AGGREGATION_EVENT;
    }
}
