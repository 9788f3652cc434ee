package org.careledger.fhir.publichealth;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.careledger.core.publichealth.Cell;
import org.careledger.core.publichealth.Demographics;
import org.careledger.core.publichealth.TriggerList;
import org.careledger.fhir.ExportIds;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.IdentifierSystems;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Builds the eICR-style case report: a {@code document} Bundle whose Composition (LOINC 55751-2, Public health Case
 * report) lists a minimal Patient (the official name, birth date, sex, address and the provider's MRN: what the
 * authority needs to act and to link, nothing else of the source Patient), the triggering Condition or Observation
 * and the Encounter it happened in. Ids derive from the report id ({@link ExportIds}), so the same inputs give the
 * same bytes. Also reads from the source resources what the report needs: demographics, codes, the finding's day and
 * the area.
 */
public final class CaseReportDocument {
    public static final String LOINC = "http://loinc.org";
    public static final String CASE_REPORT = "55751-2";
    public static final String REPORT_ID = "https://careledger.org/fhir/id/case-report";
    private static final String MR = "http://terminology.hl7.org/CodeSystem/v2-0203";
    private static final String COUNTY_EXT = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-censusTract";

    private final FhirR4 fhir;

    public CaseReportDocument(FhirR4 fhir) {
        this.fhir = fhir;
    }

    /** The report document. {@code encounterJson} may be null (a finding written without its encounter). */
    public Bundle build(String reportId, Instant created, String reporterOrg, String authorityOrg, byte[] patientJson,
                        byte[] findingJson, byte[] encounterJson) {
        Patient source = fhir.parseResource(Patient.class, patientJson);
        Patient patient = minimal(source, reportId);
        String patientUrl = "urn:uuid:" + patient.getIdElement().getIdPart();
        Resource finding = fhir.parseResource(findingJson).copy();
        finding.setId(ExportIds.uuid("case-report-finding", reportId));
        String findingUrl = "urn:uuid:" + finding.getIdElement().getIdPart();
        Encounter encounter = null;
        String encounterUrl = null;
        if (encounterJson != null) {
            encounter = fhir.parseResource(Encounter.class, encounterJson).copy();
            encounter.setId(ExportIds.uuid("case-report-encounter", reportId));
            encounter.setSubject(new Reference(patientUrl));
            // the document carries no practitioner, location or provider organization of the source encounter
            encounter.setParticipant(null);
            encounter.setLocation(null);
            encounter.setServiceProvider(null);
            encounterUrl = "urn:uuid:" + encounter.getIdElement().getIdPart();
        }
        if (finding instanceof Condition c) {
            c.setSubject(new Reference(patientUrl));
            c.setEncounter(encounterUrl == null ? null : new Reference(encounterUrl));
            c.setRecorder(null);
            c.setAsserter(null);
        } else if (finding instanceof Observation o) {
            o.setSubject(new Reference(patientUrl));
            o.setEncounter(encounterUrl == null ? null : new Reference(encounterUrl));
            o.setPerformer(null);
            o.setHasMember(null);
            o.setDerivedFrom(null);
        } else {
            throw new IllegalArgumentException("a case report's finding is a Condition or Observation, not a "
                    + finding.fhirType());
        }
        Composition composition = new Composition();
        composition.setId(ExportIds.uuid("case-report-composition", reportId));
        composition.setIdentifier(new Identifier().setSystem(REPORT_ID).setValue(reportId));
        composition.setStatus(Composition.CompositionStatus.FINAL);
        composition.setType(new CodeableConcept(new Coding(LOINC, CASE_REPORT, "Public health Case report")));
        composition.setSubject(new Reference(patientUrl));
        composition.setDate(Date.from(created));
        composition.addAuthor(org(reporterOrg));
        composition.setTitle("Initial Public Health Case Report");
        composition.setCustodian(org(reporterOrg));
        composition.addSection().setTitle("Reason for report").setCode(new CodeableConcept(new Coding(LOINC,
                "29299-5", "Reason for visit Narrative"))).addEntry(new Reference(findingUrl));
        if (encounterUrl != null) {
            composition.addSection().setTitle("Encounters").setCode(new CodeableConcept(new Coding(LOINC, "46240-8",
                    "History of Hospitalizations+Outpatient visits Narrative"))).addEntry(new Reference(encounterUrl));
        }
        composition.addAttester().setMode(Composition.CompositionAttestationMode.OFFICIAL).setParty(org(reporterOrg));
        Bundle bundle = new Bundle();
        bundle.setId(ExportIds.uuid("case-report", reportId));
        bundle.setType(Bundle.BundleType.DOCUMENT);
        bundle.setIdentifier(new Identifier().setSystem(REPORT_ID).setValue(reportId));
        bundle.setTimestamp(Date.from(created));
        add(bundle, composition);
        add(bundle, patient);
        add(bundle, finding);
        if (encounter != null) {
            add(bundle, encounter);
        }
        composition.addExtension().setUrl("https://careledger.org/fhir/StructureDefinition/case-report-recipient")
                .setValue(org(authorityOrg));
        return bundle;
    }

    /** {@link #build} as canonical JSON bytes. */
    public byte[] buildJson(String reportId, Instant created, String reporterOrg, String authorityOrg,
                            byte[] patientJson, byte[] findingJson, byte[] encounterJson) {
        return fhir.encode(build(reportId, created, reporterOrg, authorityOrg, patientJson, findingJson, encounterJson));
    }

    private static void add(Bundle bundle, Resource r) {
        bundle.addEntry().setFullUrl("urn:uuid:" + r.getIdElement().getIdPart()).setResource(r);
    }

    private static Reference org(String org) {
        return new Reference().setIdentifier(new Identifier().setSystem(IdentifierSystems.ORGANIZATION).setValue(org))
                .setDisplay(org);
    }

    /** The Patient reduced to what the authority needs: official name, birth date, sex, address, MRN. */
    static Patient minimal(Patient source, String reportId) {
        Patient p = new Patient();
        p.setId(ExportIds.uuid("case-report-patient", reportId));
        source.getIdentifier().stream().filter(CaseReportDocument::isMrn).findFirst()
                .ifPresent(i -> p.addIdentifier(i.copy()));
        if (!source.getName().isEmpty()) {
            var name = source.getName().stream().filter(n -> n.getUse() == org.hl7.fhir.r4.model.HumanName.NameUse.OFFICIAL)
                    .findFirst().orElse(source.getNameFirstRep()).copy();
            name.setPrefix(null);
            name.setSuffix(null);
            p.addName(name);
        }
        p.setGender(source.getGender());
        p.setBirthDateElement(source.getBirthDateElement().copy());
        if (!source.getAddress().isEmpty()) {
            Address a = source.getAddressFirstRep().copy();
            a.setExtension(null);
            p.addAddress(a);
        }
        return p;
    }

    private static boolean isMrn(Identifier i) {
        return i.getType().getCoding().stream().anyMatch(c -> MR.equals(c.getSystem()) && "MR".equals(c.getCode()));
    }

    /** The source Patient's demographics for the linkage token. */
    public Demographics demographics(byte[] patientJson) {
        Patient p = fhir.parseResource(Patient.class, patientJson);
        var name = p.getName().stream().filter(n -> n.getUse() == org.hl7.fhir.r4.model.HumanName.NameUse.OFFICIAL)
                .findFirst().orElse(p.getNameFirstRep());
        String given = name.getGiven().isEmpty() ? null : name.getGiven().get(0).getValue();
        return new Demographics(name.getFamily(), given, p.getBirthDateElement().getValueAsString(),
                p.getGender() == null ? null : p.getGender().toCode(),
                p.getAddress().isEmpty() ? null : p.getAddressFirstRep().getPostalCode());
    }

    /** The area of the Patient's first address: county when the address has one as a FIPS code, else 3-digit ZIP. */
    public String area(byte[] patientJson) {
        Patient p = fhir.parseResource(Patient.class, patientJson);
        if (p.getAddress().isEmpty()) {
            return Cell.area(null, null);
        }
        Address a = p.getAddressFirstRep();
        String district = a.getDistrict();
        return Cell.area(district != null && district.matches("[0-9]{5}") ? district : null, a.getPostalCode());
    }

    /** The codes of a Condition's or Observation's {@code code}, in order; empty for other resources. */
    public List<TriggerList.Coding> codings(byte[] resourceJson) {
        Resource r = fhir.parseResource(resourceJson);
        CodeableConcept code = r instanceof Condition c ? c.getCode() : r instanceof Observation o ? o.getCode() : null;
        List<TriggerList.Coding> out = new ArrayList<>();
        if (code != null) {
            code.getCoding().forEach(c -> out.add(new TriggerList.Coding(c.getSystem(), c.getCode())));
        }
        return out;
    }

    /** The finding's day: onset (Condition) or effective time (Observation), else recorded/issued; empty if none. */
    public Optional<LocalDate> findingDay(byte[] resourceJson) {
        Resource r = fhir.parseResource(resourceJson);
        BaseDateTimeType when = null;
        if (r instanceof Condition c) {
            when = c.hasOnsetDateTimeType() ? c.getOnsetDateTimeType() : c.getRecordedDateElement();
        } else if (r instanceof Observation o) {
            when = o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType()
                    : o.hasEffectivePeriod() ? o.getEffectivePeriod().getStartElement() : o.getIssuedElement();
        }
        if (when == null || when.getValue() == null) {
            return Optional.empty();
        }
        return Optional.of(LocalDate.ofInstant(when.getValue().toInstant(), ZoneOffset.UTC));
    }

    /** The reference a finding makes to its Patient (its subject), if any. */
    public Optional<String> patientReference(byte[] resourceJson) {
        Resource r = fhir.parseResource(resourceJson);
        Reference ref = r instanceof Condition c ? c.getSubject() : r instanceof Observation o ? o.getSubject() : null;
        return ref == null || ref.getReference() == null ? Optional.empty() : Optional.of(ref.getReference());
    }

    /** The local id of the Encounter a finding references ({@code urn:uuid:…} or {@code Encounter/…}), if any. */
    public Optional<String> encounterReference(byte[] resourceJson) {
        Resource r = fhir.parseResource(resourceJson);
        Reference ref = r instanceof Condition c ? c.getEncounter() : r instanceof Observation o ? o.getEncounter() : null;
        return ref == null || ref.getReference() == null ? Optional.empty() : Optional.of(ref.getReference());
    }
}
