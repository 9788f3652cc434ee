package org.careledger.fhir.research;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.FhirValidator;
import org.careledger.fhir.R4ProfileValidation;
import java.util.List;
import org.careledger.core.research.Outcome;
import org.careledger.core.research.OutcomeKind;
import org.careledger.fhir.FhirR4;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ResearchStudy, ResearchSubject and research Consent pass HAPI's R4 profile validation (R4ProfileValidation: the R4
 * XML schema and HAPI's FhirInstanceValidator, invariants such as Consent's ppc-1 included) with no error, and carry
 * every element R4 requires (as ClaimsFhirExportTest checks claims).
 */
class ResearchFhirExportTest {
    private static final FhirR4 FHIR = FhirR4.shared();
    private static final ResearchFhirExport EXPORT = new ResearchFhirExport();
    private static final long T0 = 1_700_000_000_000L;
    private static FhirValidator validator;

    @BeforeAll
    static void validator() {
        validator = R4ProfileValidation.validator();
    }

    private static void assertValid(IBaseResource resource) {
        assertThat(R4ProfileValidation.errors(resource)).as(resource.fhirType()).isEmpty();
        assertThat(org.careledger.fhir.RequiredElementsAccess.missing(FHIR.context(), resource)).as(resource.fhirType())
                .isEmpty();
    }

    private static StudyInfo study(boolean closed) {
        return new StudyInfo("t1", "Drug X in type 2 diabetes", "pharma-s", List.of("hospital-a", "hospital-b"), 2,
                "ab".repeat(32), "text/markdown; charset=UTF-8", List.of(
                new Outcome("hba1c", OutcomeKind.PRIMARY, "HbA1c change at 24 weeks", "percent points"),
                new Outcome("weight", OutcomeKind.SECONDARY, "weight change", "kg")), T0, closed);
    }

    @Test
    void theValidatorRefusesWhatR4Refuses() {
        ResearchSubject empty = new ResearchSubject(); // no status, study or individual
        assertThat(validator.validateWithResult(empty).isSuccessful()).isFalse();
        assertThat(org.careledger.fhir.RequiredElementsAccess.missing(FHIR.context(), empty)).contains(
                "ResearchSubject.status", "ResearchSubject.study", "ResearchSubject.individual");
    }

    @Test
    void researchStudyIsValidR4() {
        ResearchStudy s = EXPORT.researchStudy(study(false));
        assertValid(s);
        assertThat(s.getStatus()).isEqualTo(ResearchStudy.ResearchStudyStatus.ACTIVE);
        assertThat(s.getObjective()).extracting(o -> o.getType().getCodingFirstRep().getCode())
                .containsExactly("primary", "secondary");
        assertThat(s.getExtensionByUrl(ResearchFhirExport.PROTOCOL_SHA256).getValue().primitiveValue())
                .isEqualTo("ab".repeat(32));
        assertValid(EXPORT.researchStudy(study(true)));
        assertThat(FHIR.newJsonParser().encodeResourceToString(s))
                .isEqualTo(FHIR.newJsonParser().encodeResourceToString(EXPORT.researchStudy(study(false))));
    }

    @Test
    void everySubjectStateIsAValidResearchSubjectThatNamesNoPatient() {
        for (String status : List.of("CANDIDATE", "ON_STUDY", "OFF_STUDY", "WITHDRAWN")) {
            ResearchSubject s = EXPORT.researchSubject(new SubjectInfo("t1", "s-0123456789abcdef", status,
                    "hospital-a", T0, status.equals("OFF_STUDY") ? T0 + 1000 : null));
            assertValid(s);
            assertThat(s.getIndividual().getIdentifier().getSystem()).isEqualTo(ResearchFhirExport.SUBJECT_ID);
            assertThat(s.getIndividual().getReference()).isNull();
        }
    }

    @Test
    void researchConsentHasScopeResearchPurposeHreschAndAPolicy() {
        Consent c = EXPORT.consent(new ConsentInfo("t1", "s-0123456789abcdef", 2, "cd".repeat(32), "hospital-a", T0,
                false));
        assertValid(c);
        assertThat(c.getScope().getCodingFirstRep().getCode()).isEqualTo("research");
        assertThat(c.getProvision().getPurposeFirstRep().getCode()).isEqualTo("HRESCH");
        assertThat(c.getPolicy()).as("ppc-1: a policy or policyRule").isNotEmpty();
        assertThat(c.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        Consent withdrawn = EXPORT.consent(new ConsentInfo("t1", "s-0123456789abcdef", 2, "cd".repeat(32),
                "hospital-a", T0, true));
        assertValid(withdrawn);
        assertThat(withdrawn.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
    }
}
