package org.careledger.epcis;

import java.util.List;
import org.careledger.epcis.gs1.Epc;

/**
 * What an ObjectEvent is about: serialized packs or cases ({@code epcList}) and/or amounts of unserialized
 * goods ({@code quantityList}).
 */
public record ObjectEventItems(List<Epc> epcList, List<QuantityElement> quantityList) implements EventItems {
    public ObjectEventItems {
        epcList = EventItems.uniqueEpcs(epcList, "epcList");
        quantityList = List.copyOf(quantityList);
    }

    @Override
    public EpcisEventType eventType() {
        return EpcisEventType.OBJECT_EVENT;
    }
}
