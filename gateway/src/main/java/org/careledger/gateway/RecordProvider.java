package org.careledger.gateway;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * The records of one resource type: {@code GET [type]/[recordId]} (one audited {@code access.read}) and
 * {@code GET [type]?patient=p-…} (the patient's records of this type the member may read, in set accesses). The
 * logical id of every served resource is its ledger record id.
 */
public class RecordProvider implements IResourceProvider {
    protected final RecordGateway gateway;
    private final Class<? extends IBaseResource> type;
    private final String typeName;

    public RecordProvider(RecordGateway gateway, Class<? extends IBaseResource> type) {
        this.gateway = gateway;
        this.type = type;
        this.typeName = gateway.fhir().context().getResourceType(type);
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return type;
    }

    @Read
    public IBaseResource read(@IdParam IdType id, RequestDetails rd) {
        return Outcomes.call(() -> {
            RecordGateway.Call call = gateway.call(GatewayHeaders.minHeight(rd));
            RecordGateway.Opened o = call.read(typeName, id.getIdPart(), GatewayHeaders.purpose(rd));
            GatewayHeaders.height(rd, call);
            return served(o);
        });
    }

    @Search
    public List<IBaseResource> search(@RequiredParam(name = "patient") ReferenceParam patient, RequestDetails rd) {
        return Outcomes.call(() -> {
            RecordGateway.Call call = gateway.call(GatewayHeaders.minHeight(rd));
            RecordGateway.Found found = call.everything(patient.getIdPart(), typeName, GatewayHeaders.purpose(rd));
            GatewayHeaders.height(rd, call);
            return found.records().stream().map(RecordProvider::served).map(r -> (IBaseResource) r).toList();
        });
    }

    /** The resource as written, under its ledger record id. */
    static Resource served(RecordGateway.Opened o) {
        Resource r = o.resource();
        r.setId(new IdType(o.recordType(), o.recordId()));
        return r;
    }
}
