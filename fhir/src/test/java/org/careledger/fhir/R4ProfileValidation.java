package org.careledger.fhir;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidationContext;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.convertors.factory.VersionConvertorFactory_40_50;
import org.hl7.fhir.exceptions.DefinitionException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.formats.XmlParser;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r5.context.BaseWorkerContext;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.model.CanonicalResource;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.utils.validation.constants.ReferenceValidationPolicy;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;
import org.hl7.fhir.validation.instance.advisor.BasePolicyAdvisorForFullValidation;

/**
 * HAPI's R4 profile validation for tests: a {@link FhirValidator} module running the HL7 FHIR core
 * {@link InstanceValidator} (the engine behind HAPI's {@code FhirInstanceValidator}) over the R4 core definitions that
 * ship in {@code hapi-fhir-validation-resources-r4}: cardinalities, types, required bindings, invariants (FHIRPath),
 * unknown elements. {@code hapi-fhir-validation} itself (the wrapper with its terminology chain) is not served by this
 * environment's Maven repository, so this module does the wrapper's small job: load the R4 StructureDefinitions,
 * ValueSets and CodeSystems into a worker context (converted to the core library's R5 form, as the wrapper does) and
 * report the validator's messages to HAPI.
 *
 * <p>As in HAPI's default, extensions without a loaded definition are allowed. References to resources outside the validated one are not resolved (there is no server behind a test), and there
 * is no terminology server: codes are checked against the value sets the R4 core package expands itself (FHIR's own
 * code systems); external systems (SNOMED CT, LOINC, RxNorm, ISO 4217 currencies, MIME types, languages) are checked
 * for form, not membership. Loading the
 * definitions takes tens of seconds, so one instance is shared per test JVM ({@link #shared()}).
 */
public final class R4ProfileValidation implements IValidatorModule {
    private static final String DEFINITIONS = "/org/hl7/fhir/r4/model/";
    private static final List<String> FILES = List.of("profile/profiles-types.xml", "profile/profiles-resources.xml",
            "profile/profiles-others.xml", "extension/extension-definitions.xml", "valueset/valuesets.xml",
            "valueset/v3-codesystems.xml", "valueset/v2-tables.xml");
    /**
     * Required bindings to code systems defined outside FHIR (ISO 4217 currencies, BCP 13 MIME types, BCP 47
     * languages): checking them needs a terminology service (HAPI's {@code CommonCodeSystemsTerminologyService}, part of
     * the unavailable wrapper), so a "not in the value set" for these becomes information, not an error.
     */
    private static final List<String> EXTERNAL_VALUE_SETS = List.of("http://hl7.org/fhir/ValueSet/currencies",
            "http://hl7.org/fhir/ValueSet/mimetypes", "http://hl7.org/fhir/ValueSet/languages",
            "http://hl7.org/fhir/ValueSet/all-languages");
    private static volatile R4ProfileValidation shared;

    private final InstanceValidator validator;

    private R4ProfileValidation() {
        try {
            SimpleWorkerContext context = new SimpleWorkerContext.SimpleWorkerContextBuilder()
                    .withAllowLoadingDuplicates(true).fromNothing();
            context.setNoTerminologyServer(true);
            context.setCanRunWithoutTerminology(true);
            context.setExpansionParameters(new Parameters());
            // The context learns its FHIR version from a loaded package; definitions loaded one by one leave it
            // unset, and the validator needs it to pick R4 parsing rules.
            Field version = BaseWorkerContext.class.getDeclaredField("version");
            version.setAccessible(true);
            version.set(context, "4.0.1");
            XmlParser r4 = new XmlParser();
            for (String file : FILES) {
                try (InputStream in = R4ProfileValidation.class.getResourceAsStream(DEFINITIONS + file)) {
                    if (in == null) {
                        throw new IllegalStateException("hapi-fhir-validation-resources-r4 has no " + file);
                    }
                    for (Bundle.BundleEntryComponent e : ((Bundle) r4.parse(in)).getEntry()) {
                        if (VersionConvertorFactory_40_50.convertResource(e.getResource())
                                instanceof CanonicalResource definition) {
                            cache(context, definition);
                        }
                    }
                }
            }
            validator = new InstanceValidator(context, null, null, null, new ValidatorSettings());
            validator.setPolicyAdvisor(new BasePolicyAdvisorForFullValidation(ReferenceValidationPolicy.IGNORE,
                    Set.of()));
            // HAPI's FhirInstanceValidator default: extensions whose definition the validator does not hold (US Core's
            // race/ethnicity in Synthea, careledger's own) are accepted; the elements around them are still checked
            validator.setAnyExtensionsAllowed(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this FHIR core version keeps its context version elsewhere", e);
        }
    }

    private static void cache(SimpleWorkerContext context, CanonicalResource definition) {
        try {
            context.cacheResource(definition);
        } catch (DefinitionException alreadyBuiltIn) {
            // the context ships a few code systems itself (e.g. SPDX licenses); its own copy is kept
        }
    }

    /** The one instance of this test JVM (loading the definitions is the expensive part). */
    public static R4ProfileValidation shared() {
        if (shared == null) {
            synchronized (R4ProfileValidation.class) {
                if (shared == null) {
                    shared = new R4ProfileValidation();
                }
            }
        }
        return shared;
    }

    /** A HAPI validator with the schema check and this profile check. */
    public static FhirValidator validator() {
        FhirValidator validator = FhirR4.shared().context().newValidator();
        validator.setValidateAgainstStandardSchema(true);
        validator.setValidateAgainstStandardSchematron(false);
        validator.registerValidatorModule(shared());
        return validator;
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

    @Override
    public void validateResource(IValidationContext<IBaseResource> ctx) {
        FhirFormat format = ctx.getResourceAsStringEncoding() == EncodingEnum.XML ? FhirFormat.XML : FhirFormat.JSON;
        List<ValidationMessage> messages = new ArrayList<>();
        synchronized (validator) { // the core validator keeps per-run state
            validator.validate(null, messages, new ByteArrayInputStream(
                    ctx.getResourceAsString().getBytes(StandardCharsets.UTF_8)), format);
        }
        for (ValidationMessage m : messages) {
            SingleValidationMessage out = new SingleValidationMessage();
            out.setSeverity(external(m) ? ResultSeverityEnum.INFORMATION : severity(m.getLevel()));
            out.setLocationString(m.getLocation());
            out.setLocationLine(m.getLine());
            out.setLocationCol(m.getCol());
            out.setMessage(m.getMessage());
            out.setMessageId(m.getMessageId());
            ctx.addValidationMessage(out);
        }
    }

    private static boolean external(ValidationMessage m) {
        String text = m.getMessage() == null ? "" : m.getMessage();
        return EXTERNAL_VALUE_SETS.stream().anyMatch(vs -> text.contains("'" + vs + "|") || text.contains("(" + vs + "|"));
    }

    private static ResultSeverityEnum severity(ValidationMessage.IssueSeverity level) {
        return switch (level) {
            case FATAL -> ResultSeverityEnum.FATAL;
            case ERROR -> ResultSeverityEnum.ERROR;
            case WARNING -> ResultSeverityEnum.WARNING;
            default -> ResultSeverityEnum.INFORMATION;
        };
    }
}
