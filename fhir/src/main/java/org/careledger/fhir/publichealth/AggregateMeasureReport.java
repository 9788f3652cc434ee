package org.careledger.fhir.publichealth;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.careledger.core.publichealth.PublishedTable;
import org.careledger.fhir.ExportIds;
import org.careledger.fhir.IdentifierSystems;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * An aggregate as a summary MeasureReport: one group per condition (its population count is the condition's total),
 * stratifiers {@code week-area}, {@code week} and {@code area} whose strata carry the cell and margin counts. A
 * suppressed count is left out and marked with the data-absent-reason {@code masked}; the published counts are
 * exactly those of the ledger's {@link PublishedTable}s.
 */
public final class AggregateMeasureReport {
    public static final String MEASURE = "https://careledger.org/fhir/Measure/reportable-cases";
    public static final String CONDITIONS = "https://careledger.org/fhir/CodeSystem/reportable-condition";
    public static final String AGGREGATE_ID = "https://careledger.org/fhir/id/health-aggregate";
    static final String POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population";
    static final String DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    private AggregateMeasureReport() {}

    public static MeasureReport of(String aggregateId, String authorityOrg, Instant created, Instant periodStart,
                                   Instant periodEnd, List<PublishedTable> tables) {
        MeasureReport m = new MeasureReport();
        m.setId(ExportIds.uuid("MeasureReport", aggregateId));
        m.addIdentifier(new Identifier().setSystem(AGGREGATE_ID).setValue(aggregateId));
        m.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        m.setType(MeasureReport.MeasureReportType.SUMMARY);
        m.setMeasure(MEASURE);
        m.setDateElement(utc(created));
        m.setReporter(new Reference().setIdentifier(new Identifier().setSystem(IdentifierSystems.ORGANIZATION)
                .setValue(authorityOrg)).setDisplay(authorityOrg));
        m.setPeriod(new Period().setStartElement(utc(periodStart)).setEndElement(utc(periodEnd)));
        for (PublishedTable t : tables) {
            MeasureReport.MeasureReportGroupComponent g = m.addGroup();
            g.setCode(new CodeableConcept(new Coding(CONDITIONS, t.condition(), null)));
            count(g.addPopulation().setCode(initial()), t.total());
            MeasureReport.MeasureReportGroupStratifierComponent cells = g.addStratifier()
                    .setCode(List.of(new CodeableConcept().setText("week-area")));
            for (int i = 0; i < t.weeks().size(); i++) {
                for (int j = 0; j < t.areas().size(); j++) {
                    stratum(cells, t.weeks().get(i) + "|" + t.areas().get(j), t.cells().get(i).get(j));
                }
            }
            MeasureReport.MeasureReportGroupStratifierComponent weeks = g.addStratifier()
                    .setCode(List.of(new CodeableConcept().setText("week")));
            for (int i = 0; i < t.weeks().size(); i++) {
                stratum(weeks, t.weeks().get(i), t.weekTotals().get(i));
            }
            MeasureReport.MeasureReportGroupStratifierComponent areas = g.addStratifier()
                    .setCode(List.of(new CodeableConcept().setText("area")));
            for (int j = 0; j < t.areas().size(); j++) {
                stratum(areas, t.areas().get(j), t.areaTotals().get(j));
            }
        }
        return m;
    }

    /** {@link #of} as canonical JSON bytes: the blob whose SHA-256 {@code publishAggregate} names. */
    public static byte[] json(org.careledger.fhir.FhirR4 fhir, String aggregateId, String authorityOrg, Instant created,
                              Instant periodStart, Instant periodEnd, List<PublishedTable> tables) {
        return fhir.encode(of(aggregateId, authorityOrg, created, periodStart, periodEnd, tables));
    }

    /**
     * A time in UTC, so the bytes (and the hash on the ledger) do not depend on the JVM's time zone: an auditor
     * elsewhere rebuilds the same MeasureReport (as FhirTime does for the other exports).
     */
    private static DateTimeType utc(Instant t) {
        return new DateTimeType(Date.from(t), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone("UTC"));
    }

    private static void stratum(MeasureReport.MeasureReportGroupStratifierComponent s, String value, Integer count) {
        MeasureReport.StratifierGroupComponent stratum = s.addStratum().setValue(new CodeableConcept().setText(value));
        MeasureReport.StratifierGroupPopulationComponent p = stratum.addPopulation().setCode(initial());
        if (count != null) {
            p.setCount(count);
        } else {
            p.getCountElement().addExtension(DATA_ABSENT, new CodeType("masked"));
        }
    }

    private static void count(MeasureReport.MeasureReportGroupPopulationComponent p, Integer count) {
        if (count != null) {
            p.setCount(count);
        } else {
            p.getCountElement().addExtension(DATA_ABSENT, new CodeType("masked"));
        }
    }

    private static CodeableConcept initial() {
        return new CodeableConcept(new Coding(POPULATION, "initial-population", "Initial Population"));
    }
}
