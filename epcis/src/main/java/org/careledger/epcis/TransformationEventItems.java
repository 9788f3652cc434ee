package org.careledger.epcis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.careledger.epcis.gs1.Epc;

/**
 * What a TransformationEvent is about: inputs consumed and outputs produced (e.g. bulk ingredient lots into
 * commissioned packs). A transformationID links several events that together form one transformation.
 */
public record TransformationEventItems(Optional<String> transformationId,
                                       List<Epc> inputEpcList, List<QuantityElement> inputQuantityList,
                                       List<Epc> outputEpcList, List<QuantityElement> outputQuantityList)
        implements EventItems {
    public TransformationEventItems {
        Objects.requireNonNull(transformationId, "transformationId");
        inputEpcList = EventItems.uniqueEpcs(inputEpcList, "inputEPCList");
        inputQuantityList = List.copyOf(inputQuantityList);
        outputEpcList = EventItems.uniqueEpcs(outputEpcList, "outputEPCList");
        outputQuantityList = List.copyOf(outputQuantityList);
    }

    @Override
    public EpcisEventType eventType() {
        return EpcisEventType.TRANSFORMATION_EVENT;
    }
}
