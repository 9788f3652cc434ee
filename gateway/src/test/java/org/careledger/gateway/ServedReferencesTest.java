package org.careledger.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.careledger.fhir.FhirR4;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

class ServedReferencesTest {
    private final FhirR4 fhir = FhirR4.shared();

    @Test
    void referencesToServedRecordsTakeTheirServedIdsAndConditionalOnesBecomeLogical() {
        Encounter enc = new Encounter();
        enc.setId("e-uuid");
        Map<String, String> served = new HashMap<>();
        ServedReferences.index(served, enc, "Encounter", "r-enc");

        Observation obs = new Observation();
        obs.setEncounter(new Reference("urn:uuid:e-uuid"));
        obs.addPerformer(new Reference("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999963298"));
        obs.setSubject(new Reference("urn:uuid:not-served"));
        obs.addBasedOn(new Reference("Encounter/e-uuid"));
        ServedReferences.rewrite(fhir, obs, served);

        assertThat(obs.getEncounter().getReference()).isEqualTo("Encounter/r-enc");
        assertThat(obs.getBasedOnFirstRep().getReference()).isEqualTo("Encounter/r-enc");
        Reference performer = obs.getPerformerFirstRep();
        assertThat(performer.hasReference()).isFalse();
        assertThat(performer.getType()).isEqualTo("Practitioner");
        assertThat(performer.getIdentifier().getSystem()).isEqualTo("http://hl7.org/fhir/sid/us-npi");
        assertThat(performer.getIdentifier().getValue()).isEqualTo("9999963298");
        assertThat(obs.getSubject().getReference()).as("not in the answer: as written").isEqualTo("urn:uuid:not-served");
    }

    @Test
    void containedResourcesAreRewrittenAndLocalReferencesKept() {
        ExplanationOfBenefit eob = new ExplanationOfBenefit();
        ServiceRequest referral = new ServiceRequest();
        referral.setId("referral");
        referral.setRequester(new Reference("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1"));
        eob.addContained(referral);
        eob.setReferral(new Reference("#referral"));
        ServedReferences.rewrite(fhir, eob, Map.of());
        assertThat(eob.getReferral().getReference()).isEqualTo("#referral");
        assertThat(((ServiceRequest) eob.getContained().getFirst()).getRequester().getIdentifier().getValue())
                .isEqualTo("1");
    }
}
