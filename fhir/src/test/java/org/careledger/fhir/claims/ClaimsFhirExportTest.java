package org.careledger.fhir.claims;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.core.claims.Accumulators;
import org.careledger.core.claims.Adjudication;
import org.careledger.core.claims.Adjudicator;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimLine;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.SyntheaBundles;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Coverage, ClaimResponse and ExplanationOfBenefit of every imported Synthea claim, adjudicated by a plan that covers
 * some of their codes, pass HAPI's R4 validator (the R4 XML schema and the R4 profiles, {@code R4ProfileValidation}) with no error, carry every element R4 requires,
 * and export to the same bytes twice.
 */
class ClaimsFhirExportTest {
    private static final FhirR4 FHIR = FhirR4.shared();
    private static final ClaimsFhirExport EXPORT = new ClaimsFhirExport();
    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05.678Z");
    private static FhirValidator validator;

    @BeforeAll
    static void validator() {
        validator = FHIR.context().newValidator();
        validator.setValidateAgainstStandardSchema(true);
        validator.setValidateAgainstStandardSchematron(false);
    }

    private static void assertValid(IBaseResource resource) {
        ValidationResult result = validator.validateWithResult(resource);
        List<String> errors = new ArrayList<>();
        for (SingleValidationMessage m : result.getMessages()) {
            if (m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                errors.add(m.getLocationString() + ": " + m.getMessage());
            }
        }
        assertThat(errors).as(resource.fhirType()).isEmpty();
        assertThat(org.careledger.fhir.R4ProfileValidation.errors(resource)).as(resource.fhirType()).isEmpty();
        assertThat(org.careledger.fhir.RequiredElementsAccess.missing(FHIR.context(), resource)).as(resource.fhirType())
                .isEmpty();
    }

    @Test
    void theValidatorRefusesWhatR4Refuses() {
        Coverage empty = new Coverage(); // no status, beneficiary or payor
        assertThat(validator.validateWithResult(empty).isSuccessful()).isFalse();
        assertThat(org.careledger.fhir.RequiredElementsAccess.missing(FHIR.context(), empty)).contains(
                "Coverage.status", "Coverage.beneficiary", "Coverage.payor");
    }

    @Test
    void eligibilityRequestAndResponseAreValidR4() {
        var visit = new org.careledger.core.claims.ServiceCode("http://snomed.info/sct", "185349003");
        var mri = new org.careledger.core.claims.ServiceCode("http://snomed.info/sct", "241615005");
        var rules = new org.careledger.core.claims.BenefitRules("plan-gold", 1, "2024-01-01", "USD",
                new java.util.TreeMap<>(java.util.Map.of(visit.key(), 15_000L)), 50_000, 1_000, 2_000,
                List.of(mri.key()), new java.util.TreeMap<>(java.util.Map.of(visit.key(), 10)));
        var used = new org.careledger.core.claims.Accumulators(2024, 20_000,
                new java.util.TreeMap<>(java.util.Map.of(visit.key(), 4)));
        var e = org.careledger.core.claims.Eligibility.check("cov-1", "plan-gold", "2024-01-01", "2024-12-31", null,
                rules, used, "2024-06-01", List.of(visit, mri));
        var request = EXPORT.eligibilityRequest(e, "p-abcdef", "insurer-e", CREATED);
        assertValid(request);
        var response = EXPORT.eligibilityResponse(e, request, "p-abcdef", "insurer-e", CREATED);
        assertValid(response);
        var insurance = response.getInsuranceFirstRep();
        assertThat(insurance.getInforce()).isTrue();
        assertThat(insurance.getItem()).hasSize(2);
        var visitItem = insurance.getItem().get(0);
        assertThat(visitItem.getExcluded()).isFalse();
        assertThat(visitItem.getBenefit()).extracting(b -> b.getType().getCodingFirstRep().getCode())
                .containsExactly("benefit", "deductible", "units-per-year");
        assertThat(visitItem.getBenefit().get(1).getUsedMoney().getValue()).isEqualByComparingTo("200.00");
        assertThat(visitItem.getBenefit().get(2).getUsedUnsignedIntType().getValue()).isEqualTo(4);
        var mriItem = insurance.getItem().get(1);
        assertThat(mriItem.getExcluded()).as("no fee listed").isTrue();
        assertThat(mriItem.getAuthorizationRequired()).isTrue();
        // not in force: said in inforce and the disposition, and valid all the same
        var ended = org.careledger.core.claims.Eligibility.check("cov-1", "plan-gold", "2024-01-01", "2024-12-31",
                "2024-03-01", rules, null, "2024-06-01", List.of(visit));
        var endedResponse = EXPORT.eligibilityResponse(ended, EXPORT.eligibilityRequest(ended, "p-abcdef",
                "insurer-e", CREATED), "p-abcdef", "insurer-e", CREATED);
        assertValid(endedResponse);
        assertThat(endedResponse.getInsuranceFirstRep().getInforce()).isFalse();
        assertThat(endedResponse.getDisposition()).contains("ENDED");
        // the same answer exports to the same bytes
        assertThat(FHIR.encode(EXPORT.eligibilityResponse(e, request, "p-abcdef", "insurer-e", CREATED)))
                .isEqualTo(FHIR.encode(response));
    }

    @Test
    void coverageIsValidR4() {
        Coverage coverage = EXPORT.coverage(new CoverageInfo("cov-1", "p-abcdef", "insurer-e", "plan-gold",
                "2024-01-01", "2024-12-31", "self", null), LocalDate.parse("2024-06-01"));
        assertValid(coverage);
        assertThat(coverage.getStatus()).isEqualTo(Coverage.CoverageStatus.ACTIVE);
        Coverage ended = EXPORT.coverage(new CoverageInfo("cov-1", "p-abcdef", "insurer-e", "plan-gold",
                "2024-01-01", "2024-12-31", "self", "2024-03-01"), LocalDate.parse("2024-06-01"));
        assertValid(ended);
        assertThat(ended.getStatus()).isEqualTo(Coverage.CoverageStatus.CANCELLED);
        assertThat(ended.getPeriod().getEndElement().getValueAsString()).isEqualTo("2024-03-01");
    }

    @Test
    void everyImportedClaimExportsAValidClaimResponseAndExplanationOfBenefit() {
        int exported = 0;
        for (String name : SyntheaBundles.NAMES) {
            List<ImportedClaim> imported = new SyntheaClaims(FHIR).read(SyntheaBundles.read(name));
            Map<String, String> recordIds = new HashMap<>();
            Accumulators acc = Accumulators.NONE;
            for (ImportedClaim c : imported) {
                c.lines().forEach(l -> recordIds.putIfAbsent(l.billedFullUrl(), "rec-" + recordIds.size()));
                ClaimContent claim = c.toContent("c-" + exported, "p-abcdef", "cov-1", "hospital-a", recordIds);
                Adjudication a = Adjudicator.adjudicate(claim, rules(claim), acc, Map.of());
                acc = a.accumulatorsAfter();
                ClaimResponse response = EXPORT.claimResponse(claim, c.claimType(), a, "insurer-e", CREATED);
                ExplanationOfBenefit eob = EXPORT.explanationOfBenefit(claim, c.claimType(), a, "insurer-e", CREATED);
                assertValid(response);
                assertValid(eob);
                assertThat(eob.getItem()).hasSize(claim.lines().size());
                assertThat(eob.getTotal()).anySatisfy(t -> {
                    assertThat(t.getCategory().getCodingFirstRep().getCode()).isEqualTo("submitted");
                    assertThat(t.getAmount().getValue().movePointRight(2).longValueExact()).isEqualTo(c.totalCents());
                });
                assertThat(FHIR.newJsonParser().encodeResourceToString(eob)).isEqualTo(FHIR.newJsonParser()
                        .encodeResourceToString(EXPORT.explanationOfBenefit(claim, c.claimType(), a, "insurer-e",
                                CREATED)));
                exported++;
            }
        }
        assertThat(exported).isEqualTo(49);
    }

    /** A plan covering the first line's code of each claim and needing preauth for every third claim's last line. */
    private static BenefitRules rules(ClaimContent claim) {
        TreeMap<String, Long> fees = new TreeMap<>();
        List<String> preauth = new ArrayList<>();
        List<ClaimLine> lines = claim.lines();
        fees.put(lines.get(0).service().key(), 50_000L);
        if (lines.size() > 2) {
            preauth.add(lines.get(lines.size() - 1).service().key());
        }
        return new BenefitRules("plan-gold", 1, "2000-01-01", "USD", fees, 30_000, 1_500, 2_000, preauth,
                new TreeMap<>());
    }
}
