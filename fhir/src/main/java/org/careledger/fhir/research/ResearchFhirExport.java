package org.careledger.fhir.research;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.util.Date;
import org.careledger.core.research.Outcome;
import org.careledger.core.research.OutcomeKind;
import org.careledger.fhir.ExportIds;
import org.careledger.fhir.IdentifierSystems;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.StringType;

/**
 * Exports the research domain as FHIR R4: {@code ResearchStudy} (the public registry entry), {@code ResearchSubject}
 * and the research {@code Consent} (scope {@code research}, purpose {@code HRESCH}). A subject is referenced by its
 * per-study subject id only ({@link #SUBJECT_ID}), never by a patient id: these resources show who is in a study no
 * more than the ledger does. Outcomes are R4 {@code objective}s (primary/secondary); R4 has no field for a protocol
 * hash, so it is an extension ({@link #PROTOCOL_SHA256}).
 */
public final class ResearchFhirExport {
    public static final String STUDY_ID = "https://careledger.org/fhir/id/research-study";
    public static final String SUBJECT_ID = "https://careledger.org/fhir/id/research-subject";
    public static final String CONSENT_SHA256 = "https://careledger.org/fhir/id/research-consent-sha256";
    public static final String PROTOCOL_SHA256 = "https://careledger.org/fhir/StructureDefinition/protocol-sha256";
    public static final String OUTCOME_ID = "https://careledger.org/fhir/id/research-outcome";
    static final String OBJECTIVE_TYPE = "http://terminology.hl7.org/CodeSystem/research-study-objective-type";
    static final String CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
    static final String CONSENT_CATEGORY = "http://terminology.hl7.org/CodeSystem/consentcategorycodes";
    static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    public ResearchStudy researchStudy(StudyInfo s) {
        ResearchStudy study = new ResearchStudy();
        study.setId(ExportIds.uuid("ResearchStudy", s.studyId()));
        study.addIdentifier(new Identifier().setSystem(STUDY_ID).setValue(s.studyId()));
        study.setTitle(s.title());
        study.setStatus(s.closed() ? ResearchStudy.ResearchStudyStatus.CLOSEDTOACCRUAL
                : ResearchStudy.ResearchStudyStatus.ACTIVE);
        study.setSponsor(org(s.sponsorOrg()));
        s.sites().forEach(site -> study.addSite(new Reference().setType("Location").setIdentifier(new Identifier()
                .setSystem(IdentifierSystems.ORGANIZATION).setValue(site))));
        study.setPeriod(new Period().setStartElement(instant(Instant.ofEpochMilli(s.startsAtMillis()))));
        study.addExtension(PROTOCOL_SHA256, new StringType(s.protocolSha256()));
        study.addNote().setText("protocol version " + s.version() + " (" + s.protocolMediaType() + "), SHA-256 over"
                + " its exact bytes: " + s.protocolSha256());
        for (Outcome o : s.outcomes()) {
            study.addObjective().setName(o.outcomeId() + ": " + o.text() + " [" + o.measure() + "]")
                    .setType(new CodeableConcept(new Coding(OBJECTIVE_TYPE,
                            o.kind() == OutcomeKind.PRIMARY ? "primary" : "secondary", null)));
        }
        return study;
    }

    public ResearchSubject researchSubject(SubjectInfo s) {
        ResearchSubject subject = new ResearchSubject();
        subject.setId(ExportIds.uuid("ResearchSubject", s.studyId(), s.subjectId()));
        subject.addIdentifier(new Identifier().setSystem(SUBJECT_ID).setValue(s.subjectId()));
        // the ledger's states CANDIDATE, ON_STUDY, OFF_STUDY, WITHDRAWN are R4's codes in upper snake case
        String code = s.status().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        try {
            subject.setStatus(ResearchSubject.ResearchSubjectStatus.fromCode(code));
        } catch (org.hl7.fhir.exceptions.FHIRException e) {
            throw new IllegalArgumentException("no ResearchSubject status for " + s.status(), e);
        }
        subject.setStudy(studyRef(s.studyId()));
        subject.setIndividual(subjectRef(s.subjectId()));
        Period period = new Period().setStartElement(instant(Instant.ofEpochMilli(s.enrolledAtMillis())));
        if (s.endedAtMillis() != null) {
            period.setEndElement(instant(Instant.ofEpochMilli(s.endedAtMillis())));
        }
        subject.setPeriod(period);
        subject.setConsent(new Reference().setType("Consent").setIdentifier(new Identifier().setSystem(SUBJECT_ID)
                .setValue(s.studyId() + "/" + s.subjectId())));
        return subject;
    }

    public Consent consent(ConsentInfo c) {
        Consent consent = new Consent();
        consent.setId(ExportIds.uuid("Consent", "research", c.studyId(), c.subjectId(),
                Integer.toString(c.protocolVersion())));
        consent.addIdentifier(new Identifier().setSystem(CONSENT_SHA256).setValue(c.consentSha256()));
        consent.setStatus(c.withdrawn() ? Consent.ConsentState.INACTIVE : Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding(CONSENT_SCOPE, "research", "Research")));
        consent.addCategory(new CodeableConcept(new Coding(CONSENT_CATEGORY, "research", "research information access")));
        consent.setPatient(subjectRef(c.subjectId()));
        consent.setDateTimeElement(instant(Instant.ofEpochMilli(c.givenAtMillis())));
        consent.addOrganization(org(c.siteOrg()));
        consent.addPolicy().setUri("urn:careledger:research:" + c.studyId() + ":protocol-version:"
                + c.protocolVersion());
        var provision = consent.getProvision();
        provision.setType(Consent.ConsentProvisionType.PERMIT);
        provision.addPurpose(new Coding(ACT_REASON, "HRESCH", "healthcare research"));
        return consent;
    }

    private static Reference studyRef(String studyId) {
        return new Reference().setType("ResearchStudy").setIdentifier(new Identifier().setSystem(STUDY_ID)
                .setValue(studyId));
    }

    private static Reference subjectRef(String subjectId) {
        return new Reference().setType("Patient").setIdentifier(new Identifier().setSystem(SUBJECT_ID)
                .setValue(subjectId));
    }

    private static Reference org(String org) {
        return new Reference().setType("Organization").setIdentifier(new Identifier()
                .setSystem(IdentifierSystems.ORGANIZATION).setValue(org));
    }

    private static DateTimeType instant(Instant at) {
        return new DateTimeType(Date.from(at), TemporalPrecisionEnum.SECOND, java.util.TimeZone.getTimeZone("UTC"));
    }
}
