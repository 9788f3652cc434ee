package org.careledger.fhir.claims;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.careledger.core.claims.Adjudication;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimLine;
import org.careledger.core.claims.Eligibility;
import org.careledger.core.claims.LineAdjudication;
import org.careledger.fhir.ExportIds;
import org.careledger.fhir.IdentifierSystems;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * Exports the claims domain as FHIR R4: {@code Coverage}, {@code ClaimResponse} (for the provider),
 * {@code ExplanationOfBenefit} (for the patient) and an eligibility check as {@code CoverageEligibilityRequest} /
 * {@code CoverageEligibilityResponse}. Ids derive from ledger ids ({@link ExportIds}), parties are
 * referenced by ledger identifiers ({@link IdentifierSystems}), amounts are the adjudication's cents.
 *
 * <p>Adjudication categories use the R4 code system {@code adjudication} (submitted, eligible = allowed,
 * deductible, copay, benefit); co-insurance, the patient's share and the provider's adjustment, which it lacks, use
 * {@link #CATEGORIES}. Denied lines carry a reason: {@code adjudication-reason} ar001 (not covered) and ar002 (plan
 * limit reached), or {@link #REASONS} {@code preauth-required}.
 */
public final class ClaimsFhirExport {
    public static final String CATEGORIES = "https://careledger.org/fhir/CodeSystem/adjudication-category";
    public static final String REASONS = "https://careledger.org/fhir/CodeSystem/adjudication-reason";
    public static final String CLAIM_ID = "https://careledger.org/fhir/id/claim";
    public static final String COVERAGE_ID = "https://careledger.org/fhir/id/coverage";
    static final String ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication";
    static final String ADJUDICATION_REASON = "http://terminology.hl7.org/CodeSystem/adjudication-reason";
    static final String CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";
    static final String RELATIONSHIP = "http://terminology.hl7.org/CodeSystem/subscriber-relationship";
    static final String COVERAGE_CLASS = "http://terminology.hl7.org/CodeSystem/coverage-class";
    static final String BENEFIT_TYPE = "http://terminology.hl7.org/CodeSystem/benefit-type";
    /** Benefit types R4's {@code benefit-type} lacks: units a year under a plan limit. */
    public static final String BENEFIT_TYPES = "https://careledger.org/fhir/CodeSystem/benefit-type";

    /** The coverage, {@code active} unless it ended on or before {@code today}. */
    public Coverage coverage(CoverageInfo c, LocalDate today) {
        Coverage coverage = new Coverage();
        coverage.setId(ExportIds.uuid("Coverage", c.coverageId()));
        coverage.addIdentifier(new Identifier().setSystem(COVERAGE_ID).setValue(c.coverageId()));
        boolean ended = c.endedOn() != null && !LocalDate.parse(c.endedOn()).isAfter(today);
        coverage.setStatus(ended ? Coverage.CoverageStatus.CANCELLED : Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(patient(c.patientId()));
        coverage.setRelationship(concept(RELATIONSHIP, c.relationship()));
        coverage.setPeriod(new Period().setStartElement(new DateTimeType(c.periodStart()))
                .setEndElement(new DateTimeType(c.endedOn() != null ? c.endedOn() : c.periodEnd())));
        coverage.addPayor(org(c.insurerOrg()));
        coverage.addClass_().setType(concept(COVERAGE_CLASS, "plan")).setValue(c.planId());
        return coverage;
    }

    /** The eligibility question as FHIR asks it: is the coverage in force on the day, and what of these services. */
    public CoverageEligibilityRequest eligibilityRequest(Eligibility e, String patientId, String insurerOrg,
                                                         Instant created) {
        CoverageEligibilityRequest r = new CoverageEligibilityRequest();
        r.setId(ExportIds.uuid("CoverageEligibilityRequest", e.coverageId() + "/" + e.day() + "/" + created));
        r.setStatus(CoverageEligibilityRequest.EligibilityRequestStatus.ACTIVE);
        r.addPurpose(CoverageEligibilityRequest.EligibilityRequestPurpose.VALIDATION);
        r.addPurpose(CoverageEligibilityRequest.EligibilityRequestPurpose.BENEFITS);
        r.setPatient(patient(patientId));
        r.setServiced(day(e.day()));
        r.setCreatedElement(instant(created));
        r.setInsurer(org(insurerOrg));
        r.addInsurance().setCoverage(coverageRef(e.coverageId()));
        for (Eligibility.Item i : e.items()) {
            r.addItem().setProductOrService(concept(i.service().system(), i.service().code()));
        }
        return r;
    }

    /**
     * The answer, from the ledger: {@code inforce}, and per service whether it is excluded, needs a prior
     * authorization, its allowed amount per unit, the plan's deductible (with what is used of it this year when
     * known) and a yearly unit limit (with what is used when known).
     */
    public CoverageEligibilityResponse eligibilityResponse(Eligibility e, CoverageEligibilityRequest request,
                                                           String patientId, String insurerOrg, Instant created) {
        CoverageEligibilityResponse r = new CoverageEligibilityResponse();
        r.setId(ExportIds.uuid("CoverageEligibilityResponse", request.getIdElement().getIdPart()));
        r.setStatus(CoverageEligibilityResponse.EligibilityResponseStatus.ACTIVE);
        r.addPurpose(CoverageEligibilityResponse.EligibilityResponsePurpose.VALIDATION);
        r.addPurpose(CoverageEligibilityResponse.EligibilityResponsePurpose.BENEFITS);
        r.setPatient(patient(patientId));
        r.setServiced(day(e.day()));
        r.setCreatedElement(instant(created));
        r.setRequest(new Reference("CoverageEligibilityRequest/" + request.getIdElement().getIdPart()));
        r.setOutcome(org.hl7.fhir.r4.model.Enumerations.RemittanceOutcome.COMPLETE);
        r.setInsurer(org(insurerOrg));
        r.setDisposition(e.inForce() ? "coverage " + e.coverageId() + " in force on " + e.day() + " (plan "
                + e.planId() + " rules version " + e.rulesVersion() + ")"
                : "coverage " + e.coverageId() + " not in force on " + e.day() + ": " + e.reason());
        CoverageEligibilityResponse.InsuranceComponent insurance = r.addInsurance()
                .setCoverage(coverageRef(e.coverageId())).setInforce(e.inForce());
        for (Eligibility.Item i : e.items()) {
            CoverageEligibilityResponse.ItemsComponent item = insurance.addItem()
                    .setProductOrService(concept(i.service().system(), i.service().code()))
                    .setExcluded(!i.covered()).setAuthorizationRequired(i.preauthRequired());
            if (i.allowedPerUnitCents() != null) {
                item.addBenefit().setType(concept(BENEFIT_TYPE, "benefit"))
                        .setAllowed(money(i.allowedPerUnitCents(), e.currency()));
            }
            if (e.deductibleCents() != null) {
                CoverageEligibilityResponse.BenefitComponent deductible = item.addBenefit()
                        .setType(concept(BENEFIT_TYPE, "deductible")).setAllowed(money(e.deductibleCents(), e.currency()));
                if (e.deductibleLeftCents() != null) {
                    deductible.setUsed(money(e.deductibleCents() - e.deductibleLeftCents(), e.currency()));
                }
            }
            if (i.yearlyLimit() != null) {
                CoverageEligibilityResponse.BenefitComponent units = item.addBenefit()
                        .setType(concept(BENEFIT_TYPES, "units-per-year"))
                        .setAllowed(new org.hl7.fhir.r4.model.UnsignedIntType(i.yearlyLimit()));
                if (i.unitsLeft() != null) {
                    units.setUsed(new org.hl7.fhir.r4.model.UnsignedIntType(i.yearlyLimit() - i.unitsLeft()));
                }
            }
        }
        return r;
    }

    /** The provider's answer to a claim. */
    public ClaimResponse claimResponse(ClaimContent claim, String claimType, Adjudication a, String insurerOrg,
                                       Instant created) {
        ClaimResponse r = new ClaimResponse();
        r.setId(ExportIds.uuid("ClaimResponse", claim.claimId(), Integer.toString(a.rulesVersion())));
        r.addIdentifier(new Identifier().setSystem(CLAIM_ID).setValue(claim.claimId()));
        r.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE);
        r.setType(concept(CLAIM_TYPE, claimType));
        r.setUse(ClaimResponse.Use.CLAIM);
        r.setPatient(patient(claim.patientId()));
        r.setCreatedElement(instant(created));
        r.setInsurer(org(insurerOrg));
        r.setRequestor(org(claim.providerOrg()));
        r.setRequest(new Reference().setIdentifier(new Identifier().setSystem(CLAIM_ID).setValue(claim.claimId())));
        r.setOutcome(outcome(a));
        r.setDisposition(disposition(a));
        for (LineAdjudication line : a.lines()) {
            ClaimResponse.ItemComponent item = r.addItem().setItemSequence(line.sequence());
            categories(line, a.currency()).forEach(item::addAdjudication);
        }
        for (String[] t : totals(a)) {
            r.addTotal().setCategory(concept(t[0], t[1])).setAmount(money(Long.parseLong(t[2]), a.currency()));
        }
        r.getPayment().setType(concept("http://terminology.hl7.org/CodeSystem/ex-paymenttype", "complete"))
                .setAmount(money(a.benefit(), a.currency()));
        r.addInsurance().setSequence(1).setFocal(true).setCoverage(coverageRef(claim.coverageId()));
        return r;
    }

    /** The patient's statement of a claim: what was billed, allowed, paid and what the patient owes. */
    public ExplanationOfBenefit explanationOfBenefit(ClaimContent claim, String claimType, Adjudication a,
                                                     String insurerOrg, Instant created) {
        ExplanationOfBenefit eob = new ExplanationOfBenefit();
        eob.setId(ExportIds.uuid("ExplanationOfBenefit", claim.claimId(), Integer.toString(a.rulesVersion())));
        eob.addIdentifier(new Identifier().setSystem(CLAIM_ID).setValue(claim.claimId()));
        eob.setStatus(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE);
        eob.setType(concept(CLAIM_TYPE, claimType));
        eob.setUse(ExplanationOfBenefit.Use.CLAIM);
        eob.setPatient(patient(claim.patientId()));
        eob.setBillablePeriod(new Period().setStartElement(new DateTimeType(claim.serviceDate()))
                .setEndElement(new DateTimeType(claim.serviceDate())));
        eob.setCreatedElement(instant(created));
        eob.setInsurer(org(insurerOrg));
        eob.setProvider(org(claim.providerOrg()));
        eob.setClaim(new Reference().setIdentifier(new Identifier().setSystem(CLAIM_ID).setValue(claim.claimId())));
        eob.setOutcome(switch (outcome(a)) {
            case PARTIAL -> ExplanationOfBenefit.RemittanceOutcome.PARTIAL;
            default -> ExplanationOfBenefit.RemittanceOutcome.COMPLETE;
        });
        eob.setDisposition(disposition(a));
        eob.addInsurance().setFocal(true).setCoverage(coverageRef(claim.coverageId()));
        for (int i = 0; i < claim.diagnoses().size(); i++) {
            var d = claim.diagnoses().get(i);
            eob.addDiagnosis().setSequence(i + 1).setDiagnosis(concept(d.system(), d.code()));
        }
        for (LineAdjudication line : a.lines()) {
            ClaimLine source = claim.lines().get(line.sequence() - 1);
            ExplanationOfBenefit.ItemComponent item = eob.addItem().setSequence(line.sequence())
                    .setProductOrService(concept(source.service().system(), source.service().code()))
                    .setServiced(day(claim.serviceDate()));
            item.getQuantity().setValue(line.quantity());
            item.setNet(money(line.submitted(), a.currency()));
            for (ClaimResponse.AdjudicationComponent c : categories(line, a.currency())) {
                item.addAdjudication().setCategory(c.getCategory()).setReason(c.getReason()).setAmount(c.getAmount());
            }
        }
        for (String[] t : totals(a)) {
            eob.addTotal().setCategory(concept(t[0], t[1])).setAmount(money(Long.parseLong(t[2]), a.currency()));
        }
        eob.getPayment().setAmount(money(a.benefit(), a.currency()));
        return eob;
    }

    private static java.util.List<ClaimResponse.AdjudicationComponent> categories(LineAdjudication l, String cur) {
        java.util.List<ClaimResponse.AdjudicationComponent> out = new java.util.ArrayList<>();
        out.add(adj(ADJUDICATION, "submitted", l.submitted(), cur));
        out.add(adj(ADJUDICATION, "eligible", l.allowed(), cur));
        out.add(adj(ADJUDICATION, "deductible", l.deductible(), cur));
        out.add(adj(ADJUDICATION, "copay", l.copay(), cur));
        out.add(adj(CATEGORIES, "coinsurance", l.coinsurance(), cur));
        out.add(adj(ADJUDICATION, "benefit", l.benefit(), cur));
        out.add(adj(CATEGORIES, "patient-share", l.patientShare(), cur));
        out.add(adj(CATEGORIES, "adjustment", l.adjustment(), cur));
        CodeableConcept reason = switch (l.reason()) {
            case APPROVED -> null;
            case NOT_COVERED -> concept(ADJUDICATION_REASON, "ar001");
            case LIMIT_REACHED -> concept(ADJUDICATION_REASON, "ar002");
            case PREAUTH_REQUIRED -> concept(REASONS, "preauth-required");
        };
        if (reason != null) {
            out.get(1).setReason(reason);
        }
        return out;
    }

    private static String[][] totals(Adjudication a) {
        return new String[][] {
            {ADJUDICATION, "submitted", Long.toString(a.submitted())},
            {ADJUDICATION, "eligible", Long.toString(a.allowed())},
            {ADJUDICATION, "benefit", Long.toString(a.benefit())},
            {CATEGORIES, "patient-share", Long.toString(a.patientShare())},
            {CATEGORIES, "adjustment", Long.toString(a.adjustment())}};
    }

    private static ClaimResponse.AdjudicationComponent adj(String system, String code, long cents, String currency) {
        return new ClaimResponse.AdjudicationComponent().setCategory(concept(system, code))
                .setAmount(money(cents, currency));
    }

    private static ClaimResponse.RemittanceOutcome outcome(Adjudication a) {
        return a.outcome() == Adjudication.Outcome.PARTIAL ? ClaimResponse.RemittanceOutcome.PARTIAL
                : ClaimResponse.RemittanceOutcome.COMPLETE;
    }

    private static String disposition(Adjudication a) {
        return switch (a.outcome()) {
            case COMPLETE -> "every line approved";
            case PARTIAL -> "some lines approved, some denied";
            case DENIED -> "every line denied";
        };
    }

    private static Money money(long cents, String currency) {
        Money m = new Money().setValue(BigDecimal.valueOf(cents, 2));
        m.setCurrency(currency);
        return m;
    }

    /** In UTC, whole seconds: the same bytes on every node whatever its time zone. */
    private static DateTimeType instant(Instant at) {
        return new DateTimeType(Date.from(at), TemporalPrecisionEnum.SECOND, java.util.TimeZone.getTimeZone("UTC"));
    }

    private static DateType day(String iso) {
        return new DateType(iso);
    }

    private static CodeableConcept concept(String system, String code) {
        return new CodeableConcept().addCoding(new Coding().setSystem(system).setCode(code));
    }

    private static Reference patient(String patientId) {
        return new Reference().setType("Patient").setIdentifier(new Identifier().setSystem(IdentifierSystems.PATIENT)
                .setValue(patientId));
    }

    private static Reference org(String org) {
        return new Reference().setType("Organization").setIdentifier(new Identifier()
                .setSystem(IdentifierSystems.ORGANIZATION).setValue(org));
    }

    private static Reference coverageRef(String coverageId) {
        return new Reference().setType("Coverage").setIdentifier(new Identifier().setSystem(COVERAGE_ID)
                .setValue(coverageId));
    }

}
