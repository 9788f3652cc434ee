package org.careledger.node.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * The node's CapabilityStatement: exactly what {@link FhirRoutes} serves, no more — a client reading it learns that
 * this server searches AuditEvent and Consent by patient, in JSON and XML, behind RFC 9421 request signatures.
 */
final class FhirCapabilities {
    private FhirCapabilities() {}

    static CapabilityStatement of(String nodeId, String chainId, Date asOf) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(PublicationStatus.ACTIVE).setDate(asOf).setKind(CapabilityStatementKind.INSTANCE)
                .setFhirVersion(FHIRVersion._4_0_1).setPublisher("careledger");
        cs.addFormat("json").addFormat("xml").addFormat("application/fhir+json").addFormat("application/fhir+xml");
        cs.getSoftware().setName("careledger node");
        cs.getImplementation().setDescription("careledger node " + nodeId + " of chain " + chainId);
        CapabilityStatementRestComponent rest = cs.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.setDocumentation("Every request but GET /fhir/metadata carries an RFC 9421 HTTP message signature by a"
                + " ledger identity (label cl; covers @method, @authority, @path, @query and the Content-Digest of a"
                + " body); the signer decides what it may see. Record content is read and written through the"
                + " careledger SDK/CLI, which holds the keys (docs/FHIR.md).");
        rest.getSecurity().setDescription("RFC 9421 HTTP Message Signatures by ledger identities; HTTPS only")
                .addService(new CodeableConcept().setText("RFC 9421 HTTP Message Signatures").addCoding(new Coding(
                        "https://careledger.org/fhir/CodeSystem/security-service", "http-message-signatures",
                        "RFC 9421 HTTP Message Signatures")));
        resource(rest, "AuditEvent", "The accounting of disclosures of the patient's records (ledger access"
                + " decisions) and this node's logged API reads of the patient's data.");
        resource(rest, "Consent", "The patient's consent grants, revoked and expired ones included, with their"
                + " state as of the newest block.");
        return cs;
    }

    private static void resource(CapabilityStatementRestComponent rest, String type, String doc) {
        CapabilityStatementRestResourceComponent r = rest.addResource().setType(type).setDocumentation(doc);
        r.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        r.addSearchParam().setName("patient").setType(SearchParamType.REFERENCE)
                .setDocumentation("required: the patient's pseudonym, p-… or Patient/p-…");
    }
}
