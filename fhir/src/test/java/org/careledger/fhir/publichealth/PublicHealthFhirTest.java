package org.careledger.fhir.publichealth;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.FhirValidator;
import org.careledger.fhir.R4ProfileValidation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.careledger.core.publichealth.PublishedTable;
import org.careledger.core.publichealth.Suppression;
import org.careledger.fhir.BundleSplitter;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.FhirResourceEntry;
import org.careledger.fhir.SplitBundle;
import org.careledger.fhir.SyntheaBundles;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The case report document of every Synthea Condition and Observation, and an aggregate's MeasureReport, pass HAPI's
 * R4 profile validation (R4ProfileValidation: the R4 XML schema and HAPI's FhirInstanceValidator), carry every
 * element R4 requires, keep only the minimal Patient and export to the same bytes twice.
 */
class PublicHealthFhirTest {
    private static final FhirR4 FHIR = FhirR4.shared();
    private static final CaseReportDocument DOC = new CaseReportDocument(FHIR);
    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05.678Z");
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

    @Test
    void everySyntheaFindingMakesAValidMinimalCaseReport() {
        int reports = 0;
        for (String name : SyntheaBundles.NAMES) {
            SplitBundle split = new BundleSplitter(FHIR).split(SyntheaBundles.read(name));
            Map<String, FhirResourceEntry> byUrl = split.entries().stream()
                    .collect(Collectors.toMap(FhirResourceEntry::fullUrl, e -> e));
            FhirResourceEntry patient = split.entries().stream().filter(e -> e.resourceType().equals("Patient"))
                    .findFirst().orElseThrow();
            Patient source = FHIR.parseResource(Patient.class, patient.resourceJson());
            for (FhirResourceEntry e : split.entries()) {
                if (!e.resourceType().equals("Condition") && !e.resourceType().equals("Observation")) {
                    continue;
                }
                byte[] encounter = DOC.encounterReference(e.resourceJson()).map(byUrl::get)
                        .map(FhirResourceEntry::resourceJson).orElse(null);
                String reportId = "rep-" + reports;
                Bundle doc = DOC.build(reportId, CREATED, "hospital-a", "health-dept", patient.resourceJson(),
                        e.resourceJson(), encounter);
                assertValid(doc);
                assertThat(doc.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
                Composition c = (Composition) doc.getEntryFirstRep().getResource();
                assertThat(c.getType().getCodingFirstRep().getCode()).isEqualTo(CaseReportDocument.CASE_REPORT);
                assertThat(doc.getEntry()).hasSize(encounter == null ? 3 : 4);
                Patient minimal = (Patient) doc.getEntry().get(1).getResource();
                assertThat(minimal.getIdentifier()).as("only the MRN of the source's identifiers")
                        .hasSizeLessThanOrEqualTo(1).hasSizeLessThan(source.getIdentifier().size());
                assertThat(minimal.hasTelecom() || minimal.hasMaritalStatus() || minimal.hasCommunication()
                        || minimal.hasExtension()).isFalse();
                assertThat(DOC.findingDay(e.resourceJson())).isPresent();
                String json = FHIR.encodeToString(doc);
                assertThat(json).isEqualTo(FHIR.encodeToString(DOC.build(reportId, CREATED, "hospital-a",
                        "health-dept", patient.resourceJson(), e.resourceJson(), encounter)));
                // every reference inside the document resolves inside it
                assertThat(json).doesNotContain("\"reference\":\"Patient/", "\"reference\":\"Practitioner");
                reports++;
            }
            var d = DOC.demographics(patient.resourceJson());
            assertThat(d.family()).isEqualTo(source.getNameFirstRep().getFamily());
            assertThat(DOC.area(patient.resourceJson())).startsWith("zip3-");
        }
        assertThat(reports).isGreaterThan(50);
    }

    @Test
    void anAggregateIsAValidSummaryMeasureReportWithSuppressedCountsMasked() {
        PublishedTable covid = Suppression.apply("covid-19", List.of("2024-W01", "2024-W02"),
                List.of("zip3-021", "zip3-022"), new int[][] {{30, 4}, {25, 40}});
        PublishedTable measles = Suppression.apply("measles", List.of("2024-W01"), List.of("zip3-021"),
                new int[][] {{12}});
        MeasureReport m = AggregateMeasureReport.of("agg-1", "health-dept", CREATED, CREATED.minusSeconds(86_400 * 14),
                CREATED, List.of(covid, measles));
        assertValid(m);
        assertThat(m.getType()).isEqualTo(MeasureReport.MeasureReportType.SUMMARY);
        assertThat(m.getGroup()).hasSize(2);
        var cells = m.getGroupFirstRep().getStratifierFirstRep().getStratum();
        assertThat(cells).hasSize(4);
        var hidden = cells.stream().filter(s -> s.getValue().getText().equals("2024-W01|zip3-022")).findFirst()
                .orElseThrow().getPopulationFirstRep();
        assertThat(hidden.getCountElement().getValue()).isNull();
        assertThat(hidden.getCountElement().getExtensionByUrl(AggregateMeasureReport.DATA_ABSENT)).isNotNull();
        assertThat(m.getGroup().get(1).getPopulationFirstRep().getCount()).isEqualTo(12);
        String json = FHIR.encodeToString(m);
        assertThat(json.getBytes(StandardCharsets.UTF_8)).isEqualTo(FHIR.encode(AggregateMeasureReport.of("agg-1",
                "health-dept", CREATED, CREATED.minusSeconds(86_400 * 14), CREATED, List.of(covid, measles))));
        assertThat(json).doesNotContainPattern("\"count\":4[,}]");
    }
}
