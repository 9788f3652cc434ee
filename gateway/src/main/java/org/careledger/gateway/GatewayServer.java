package org.careledger.gateway;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;

/**
 * The gateway's FHIR R4 REST binding (HAPI's {@link RestfulServer}): transaction/batch import at the base, read and
 * {@code patient} search of every resource type that can be a record, {@code Patient/$everything}, and the node's
 * AuditEvent and Consent searches. HAPI derives the CapabilityStatement from exactly these providers; the gateway adds
 * its security service (a bearer token).
 */
public final class GatewayServer extends RestfulServer {
    /** Types that are no patient record: protocol resources, and the two searches the node answers. */
    static final Set<String> NOT_RECORDS = Set.of("Parameters", "OperationOutcome", "CapabilityStatement", "Bundle",
            "AuditEvent", "Consent");

    private final transient RecordGateway gateway;

    public GatewayServer(RecordGateway gateway) {
        super(gateway.fhir().context());
        this.gateway = gateway;
    }

    @Override
    protected void initialize() {
        setServerName("careledger FHIR gateway");
        setImplementationDescription("careledger FHIR gateway of " + gateway.org() + ": imports and reads patient records"
                + " through the org's node as " + gateway.member() + ", every read an audited ledger access");
        setDefaultResponseEncoding(EncodingEnum.JSON);
        List<Object> providers = new ArrayList<>();
        for (String name : new TreeSet<>(getFhirContext().getResourceTypes())) {
            if (NOT_RECORDS.contains(name)) {
                continue;
            }
            Class<? extends IBaseResource> type = getFhirContext().getResourceDefinition(name).getImplementingClass();
            providers.add(type == Patient.class ? new PatientProvider(gateway) : new RecordProvider(gateway, type));
        }
        providers.add(new NodeSearchProvider(gateway, AuditEvent.class));
        providers.add(new NodeSearchProvider(gateway, Consent.class));
        setResourceProviders(providers.stream().map(p -> (ca.uhn.fhir.rest.server.IResourceProvider) p).toList());
        registerProvider(new ImportProvider(gateway));
        registerInterceptor(new Object() {
            @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
            public void security(IBaseConformance conformance) {
                if (conformance instanceof CapabilityStatement cs) {
                    // HAPI lists one @Transaction method as "transaction"; it takes batch Bundles as well
                    var rest = cs.getRestFirstRep();
                    if (rest.getInteraction().stream().noneMatch(i -> i.getCode()
                            == CapabilityStatement.SystemRestfulInteraction.BATCH)) {
                        rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.BATCH);
                    }
                    cs.getRestFirstRep().getSecurity().setCors(false)
                            .addService(new CodeableConcept().setText("Bearer token (RFC 6750)"))
                            .setDescription("Every request carries Authorization: Bearer <token> (the gateway's token"
                                    + " file). Serve it on loopback, or behind TLS.");
                }
            }
        });
    }
}
