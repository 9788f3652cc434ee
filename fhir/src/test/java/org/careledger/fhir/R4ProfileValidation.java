package org.careledger.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI FHIR's R4 validator for tests: {@link FhirValidator} with the R4 XML schema and HAPI's
 * {@link FhirInstanceValidator} (HL7's instance validator over the R4 core definitions: cardinalities, types, unknown
 * elements, required bindings, FHIRPath invariants), its validation support chain as HAPI documents it: the R4 core
 * profiles, the common code systems (ISO 4217 currencies, MIME types, languages, UCUM), in-memory expansion of FHIR's
 * own value sets and snapshot generation.
 *
 * <p>There is no terminology server: codes of external systems (SNOMED CT, LOINC, RxNorm) are checked for form, not
 * membership. Extensions without a loaded definition (US Core's in Synthea, careledger's own) are allowed, HAPI's
 * default; profiles claimed in {@code meta.profile} that are not loaded (US Core) give a warning. References to resources outside the validated one are not resolved. Building the validator loads the R4
 * definitions (seconds), so one is shared per test JVM.
 */
public final class R4ProfileValidation {
    private static volatile FhirValidator shared;

    private R4ProfileValidation() {}

    /** The shared HAPI validator (schema + instance validation); thread-safe, as HAPI's validator is. */
    public static FhirValidator validator() {
        if (shared == null) {
            synchronized (R4ProfileValidation.class) {
                if (shared == null) {
                    FhirContext context = FhirR4.shared().context();
                    ValidationSupportChain support = new ValidationSupportChain(
                            new DefaultProfileValidationSupport(context),
                            new CommonCodeSystemsTerminologyService(context),
                            new InMemoryTerminologyServerValidationSupport(context),
                            new SnapshotGeneratingValidationSupport(context));
                    FhirValidator validator = context.newValidator();
                    validator.setValidateAgainstStandardSchema(true);
                    validator.setValidateAgainstStandardSchematron(false);
                    FhirInstanceValidator instance = new FhirInstanceValidator(support);
                    // Synthea claims US Core profiles in meta.profile; the US Core package is not available here,
                    // so those claims are a warning and the resource is checked against the base R4 definitions
                    instance.setErrorForUnknownProfiles(false);
                    validator.registerValidatorModule(instance);
                    shared = validator;
                }
            }
        }
        return shared;
    }

    /** The error and fatal messages for a resource, as "location: message" (empty when it is valid R4). */
    public static List<String> errors(IBaseResource resource) {
        List<String> errors = new ArrayList<>();
        for (SingleValidationMessage m : validator().validateWithResult(resource).getMessages()) {
            if (m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                errors.add(m.getLocationString() + ": " + m.getMessage());
            }
        }
        return errors;
    }
}
