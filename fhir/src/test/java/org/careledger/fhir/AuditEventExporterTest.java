package org.careledger.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.fhir.Fixtures.AT;
import static org.careledger.fhir.Fixtures.TX;

import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.careledger.fhir.model.Disclosure;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.junit.jupiter.api.Test;

class AuditEventExporterTest {

    private static final FhirR4 FHIR = FhirR4.shared();
    private static final AuditEventExporter EXPORTER = new AuditEventExporter("careledger-test");

    /** Exports, encodes and re-parses strictly, so every assertion is about what a receiver would read. */
    private static AuditEvent exported(Disclosure d) {
        AuditEvent parsed = FHIR.parseResource(AuditEvent.class, FHIR.encode(EXPORTER.toAuditEvent(d)));
        assertThat(RequiredElements.missing(FHIR.context(), parsed)).isEmpty();
        assertThat(R4ProfileValidation.errors(parsed)).isEmpty();
        return parsed;
    }

    @Test
    void aGrantedReadIsAPatientRecordReadEvent() {
        AuditEvent event = exported(Fixtures.read(true));

        assertThat(event.getType().getSystem()).isEqualTo("http://dicom.nema.org/resources/ontology/DCM");
        assertThat(event.getType().getCode()).isEqualTo("110110");
        assertThat(event.getType().getDisplay()).isEqualTo("Patient Record");
        assertThat(event.getSubtype()).singleElement().satisfies(s -> {
            assertThat(s.getSystem()).isEqualTo("http://hl7.org/fhir/restful-interaction");
            assertThat(s.getCode()).isEqualTo("read");
        });
        assertThat(event.getAction()).isEqualTo(AuditEventAction.R);
        assertThat(event.getRecorded()).isEqualTo(Date.from(AT));
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._0);
        assertThat(event.hasOutcomeDesc()).isFalse();
        assertThat(codes(event.getPurposeOfEvent())).containsExactly("TREAT");
    }

    @Test
    void theAccessorIsTheRequestingAgentIdentifiedWithinItsOrganization() {
        AuditEventAgentComponent agent = exported(Fixtures.read(true)).getAgentFirstRep();

        assertThat(agent.getRequestor()).isTrue();
        Identifier who = agent.getWho().getIdentifier();
        assertThat(who.getSystem()).isEqualTo(IdentifierSystems.MEMBER);
        assertThat(who.getValue()).isEqualTo("hospital-a/dr-lee");
        assertThat(who.getAssigner().getIdentifier().getSystem()).isEqualTo(IdentifierSystems.ORGANIZATION);
        assertThat(who.getAssigner().getIdentifier().getValue()).isEqualTo("hospital-a");
        assertThat(codes(agent.getPurposeOfUse())).containsExactly("TREAT");
        assertThat(agent.getPurposeOfUseFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ActReason");
    }

    @Test
    void anOrganizationReadingForItselfIsReferencedAsTheOrganization() {
        Disclosure byOrg = new Disclosure(TX, "pat-7f3a", "rec-9", "Claim", "insurer-x", "insurer-x", "HPAYMT",
                false, null, true, AT, 10L);
        AuditEventAgentComponent agent = exported(byOrg).getAgentFirstRep();
        assertThat(agent.getWho().getType()).isEqualTo("Organization");
        assertThat(agent.getWho().getIdentifier().getSystem()).isEqualTo(IdentifierSystems.ORGANIZATION);
        assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("insurer-x");
        assertThat(codes(agent.getPurposeOfUse())).containsExactly("HPAYMT");
    }

    @Test
    void theRecordThePatientAndTheLedgerTransactionAreEntities() {
        List<AuditEventEntityComponent> entities = exported(Fixtures.read(true)).getEntity();
        assertThat(entities).hasSize(3);

        AuditEventEntityComponent record = entities.get(0);
        assertThat(record.getWhat().getIdentifier().getSystem()).isEqualTo(IdentifierSystems.RECORD);
        assertThat(record.getWhat().getIdentifier().getValue()).isEqualTo("rec-0001");
        assertThat(record.getWhat().getType()).isEqualTo("Observation");
        assertThat(record.getRole().getCode()).isEqualTo("4");

        AuditEventEntityComponent patient = entities.get(1);
        assertThat(patient.getWhat().getIdentifier().getSystem()).isEqualTo(IdentifierSystems.PATIENT);
        assertThat(patient.getWhat().getIdentifier().getValue()).isEqualTo("pat-7f3a");
        assertThat(patient.getWhat().getType()).isEqualTo("Patient");
        assertThat(patient.getRole().getCode()).isEqualTo("1");

        AuditEventEntityComponent tx = entities.get(2);
        assertThat(tx.getWhat().getIdentifier().getSystem()).isEqualTo(IdentifierSystems.LEDGER_TX);
        assertThat(tx.getWhat().getIdentifier().getValue()).isEqualTo(TX);
        assertThat(tx.getDetail()).hasSize(2);
        assertThat(tx.getDetail().get(0).getType()).isEqualTo(AuditEventExporter.BLOCK_HEIGHT_DETAIL);
        assertThat(tx.getDetail().get(0).getValueStringType().getValue()).isEqualTo("4711");
        assertThat(tx.getDetail().get(1).getType()).isEqualTo(AuditEventExporter.DECISION_DETAIL);
        assertThat(tx.getDetail().get(1).getValueStringType().getValue()).isEqualTo("GRANT");
    }

    @Test
    void theLedgerIsTheSource() {
        AuditEvent.AuditEventSourceComponent source = exported(Fixtures.read(true)).getSource();
        assertThat(source.getSite()).isEqualTo("careledger-test");
        assertThat(source.getObserver().getIdentifier().getSystem()).isEqualTo(IdentifierSystems.LEDGER);
        assertThat(source.getObserver().getIdentifier().getValue()).isEqualTo("careledger-test");
        assertThat(source.getTypeFirstRep().getCode()).isEqualTo("4");
    }

    @Test
    void aRefusedReadHasOutcomeFour() {
        AuditEvent event = exported(Fixtures.read(false));
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._4);
        assertThat(event.getOutcomeDesc()).contains("refused");
    }

    @Test
    void breakGlassCarriesEtreatAndBtgWithTheReason() {
        AuditEvent event = exported(Fixtures.breakGlass("ETREAT"));
        assertThat(codes(event.getPurposeOfEvent())).containsExactly("ETREAT", "BTG");
        assertThat(codes(event.getAgentFirstRep().getPurposeOfUse())).containsExactly("ETREAT", "BTG");
        CodeableConcept btg = event.getPurposeOfEvent().get(1);
        assertThat(btg.getCodingFirstRep().getDisplay()).isEqualTo("break the glass");
        assertThat(btg.getText()).isEqualTo("unconscious patient in ER, no consent on file");
    }

    @Test
    void aRefusalSaysWhyAndARefusedBreakGlassAttemptStillCarriesBtgAndItsReason() {
        Disclosure refused = new Disclosure(TX, "pat-7f3a", "rec-0002", "Condition", "pharmacy-c/clerk", "pharmacy-c",
                "ETREAT", false, "says it is urgent", false, AT, 4713L, "DENIED", null, "BREAK_GLASS_NOT_PERMITTED",
                null);
        AuditEvent event = exported(refused);
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._4);
        assertThat(event.getOutcomeDesc()).contains("BREAK_GLASS_NOT_PERMITTED");
        assertThat(codes(event.getPurposeOfEvent())).containsExactly("ETREAT", "BTG");
        assertThat(event.getPurposeOfEvent().get(1).getText()).isEqualTo("says it is urgent");
        assertThat(details(event)).containsEntry("decision", "DENIED")
                .containsEntry("denialReason", "BREAK_GLASS_NOT_PERMITTED");
        assertThat(event.getText().getDivAsString()).contains("pharmacy-c/clerk", "refused (BREAK_GLASS_NOT_PERMITTED)",
                "says it is urgent");
    }

    @Test
    void aConsentBasedReadReferencesItsGrantAndAnOwnOrgReadDoesNot() {
        Disclosure byGrant = new Disclosure(TX, "pat-7f3a", "rec-0001", "Observation", "hospital-b/dr-lee",
                "hospital-b", "TREAT", false, null, true, AT, 4714L, "GRANT", "g-42", null, null);
        AuditEvent granted = exported(byGrant);
        assertThat(granted.getEntity()).anySatisfy(e -> {
            assertThat(e.getWhat().getType()).isEqualTo("Consent");
            assertThat(e.getWhat().getIdentifier().getValue()).isEqualTo("g-42");
        });
        assertThat(details(granted)).containsEntry("decision", "GRANT");
        Disclosure own = new Disclosure(TX, "pat-7f3a", "rec-0001", "Observation", "hospital-a/dr-ames",
                "hospital-a", "TREAT", false, null, true, AT, 4715L, "OWN_ORG", null, null, null);
        AuditEvent ownOrg = exported(own);
        assertThat(ownOrg.getEntity()).noneMatch(e -> "Consent".equals(e.getWhat().getType()));
        assertThat(details(ownOrg)).containsEntry("decision", "OWN_ORG");
        assertThat(ownOrg.getText().getDivAsString()).contains("custodian org");
    }

    @Test
    void aReviewedBreakGlassAccessCarriesTheReview() {
        Disclosure reviewed = new Disclosure(TX, "pat-7f3a", "rec-0002", "Condition", "hospital-b/dr-ng", "hospital-b",
                "ETREAT", true, "unconscious", true, AT, 4716L, "BREAK_GLASS", null, null,
                new org.careledger.fhir.model.Review("UNJUSTIFIED", "hospital-a/audit-1", "no emergency on record", AT));
        AuditEvent event = exported(reviewed);
        assertThat(details(event)).containsEntry("reviewOutcome", "UNJUSTIFIED")
                .containsEntry("reviewer", "hospital-a/audit-1").containsEntry("reviewNote", "no emergency on record");
        assertThat(event.getText().getDivAsString()).contains("reviewed UNJUSTIFIED by hospital-a/audit-1");
    }

    /** The detail type → value pairs of the ledger-transaction entity. */
    private static java.util.Map<String, String> details(AuditEvent event) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        event.getEntity().forEach(e -> e.getDetail().forEach(d -> out.put(d.getType(),
                ((org.hl7.fhir.r4.model.StringType) d.getValue()).getValue())));
        return out;
    }

    @Test
    void breakGlassKeepsADeclaredPurposeToo() {
        assertThat(codes(exported(Fixtures.breakGlass("TREAT")).getPurposeOfEvent()))
                .containsExactly("TREAT", "ETREAT", "BTG");
    }

    @Test
    void anOrdinaryReadIsNotFlaggedBreakGlass() {
        assertThat(FHIR.encodeToString(EXPORTER.toAuditEvent(Fixtures.read(true)))).doesNotContain("BTG", "ETREAT");
    }

    @Test
    void exportIsTheSameBytesWhateverTheJvmTimeZone() {
        String utc = FHIR.encodeToString(EXPORTER.toAuditEvent(Fixtures.read(true)));
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            assertThat(FHIR.encodeToString(EXPORTER.toAuditEvent(Fixtures.read(true)))).isEqualTo(utc);
        } finally {
            TimeZone.setDefault(before);
        }
        assertThat(utc).contains("\"recorded\":\"2025-03-14T09:26:53.589Z\"");
    }

    @Test
    void idsAreStablePerAccessAndRecord() {
        String id = EXPORTER.toAuditEvent(Fixtures.read(true)).getIdPart();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(EXPORTER.toAuditEvent(Fixtures.read(true)).getIdPart()).isEqualTo(id);
        assertThat(EXPORTER.toAuditEvent(Fixtures.breakGlass("ETREAT")).getIdPart()).isNotEqualTo(id);
    }

    private static List<String> codes(List<CodeableConcept> concepts) {
        return concepts.stream().map(c -> c.getCodingFirstRep().getCode()).toList();
    }
}
