package org.careledger.gateway;

import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * {@code AuditEvent?patient=} and {@code Consent?patient=}: forwarded to the node's own FHIR facade as the member,
 * which decides what the member may see of the patient's accounting of disclosures and grants, and logs the search.
 */
public final class NodeSearchProvider implements IResourceProvider {
    private final RecordGateway gateway;
    private final Class<? extends IBaseResource> type;
    private final String typeName;

    public NodeSearchProvider(RecordGateway gateway, Class<? extends IBaseResource> type) {
        this.gateway = gateway;
        this.type = type;
        this.typeName = gateway.fhir().context().getResourceType(type);
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return type;
    }

    @Search
    public List<IBaseResource> search(@RequiredParam(name = "patient") ReferenceParam patient, RequestDetails rd) {
        return Outcomes.call(() -> {
            RecordGateway.Call call = gateway.call(GatewayHeaders.minHeight(rd));
            Bundle b = call.nodeSearch(typeName, patient.getIdPart());
            GatewayHeaders.height(rd, call);
            return b.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
                    .map(e -> (IBaseResource) e.getResource()).toList();
        });
    }
}
