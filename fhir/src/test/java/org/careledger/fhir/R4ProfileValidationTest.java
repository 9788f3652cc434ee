package org.careledger.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The profile validator refuses what R4 refuses, beyond what the XML schema sees, and passes a valid resource. */
class R4ProfileValidationTest {

    private static Coverage valid() {
        Coverage c = new Coverage();
        c.setStatus(Coverage.CoverageStatus.ACTIVE);
        c.setBeneficiary(new Reference("Patient/p1"));
        c.addPayor(new Reference("Organization/o1"));
        return c;
    }

    @Test
    void passesAValidResource() {
        assertThat(R4ProfileValidation.errors(valid())).isEmpty();
    }

    @Test
    void refusesAMissingRequiredElement() {
        Coverage c = valid();
        c.setBeneficiary(null);
        assertThat(R4ProfileValidation.errors(c)).anySatisfy(e -> assertThat(e).contains("beneficiary")
                .contains("minimum required = 1"));
    }

    @Test
    void refusesAnInvariantTheSchemaCannotSee() {
        // per-1: a Period's start must not be after its end (FHIRPath invariant, not expressible in XSD)
        Coverage c = valid();
        c.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2024-12-31"))
                .setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2024-01-01"));
        assertThat(R4ProfileValidation.errors(c)).anySatisfy(e -> assertThat(e).contains("per-1"));
    }

    @Test
    void refusesACodeOutsideARequiredBinding() {
        String json = "{\"resourceType\":\"Coverage\",\"status\":\"bogus\",\"beneficiary\":{\"reference\":\"Patient/p1\"},"
                + "\"payor\":[{\"reference\":\"Organization/o1\"}]}";
        ca.uhn.fhir.validation.ValidationResult r = R4ProfileValidation.validator().validateWithResult(json);
        assertThat(r.isSuccessful()).isFalse();
        assertThat(r.getMessages()).anySatisfy(m -> assertThat(m.getMessage()).contains("bogus"));
    }
}
