package org.careledger.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.fhir.Fixtures.EXPIRES;
import static org.careledger.fhir.Fixtures.GRANTED;
import static org.careledger.fhir.FhirR4Test.assertCode;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.careledger.fhir.model.ConsentGrantView;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentDataMeaning;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.Test;

class ConsentExporterTest {

    private static final FhirR4 FHIR = FhirR4.shared();
    private static final ConsentExporter EXPORTER = new ConsentExporter();
    private static final Instant MID = Instant.parse("2025-06-01T00:00:00Z");

    private static Consent exported(ConsentGrantView g, Instant asOf) {
        Consent parsed = FHIR.parseResource(Consent.class, FHIR.encode(EXPORTER.toConsent(g, asOf)));
        assertThat(RequiredElements.missing(FHIR.context(), parsed)).isEmpty();
        assertThat(R4ProfileValidation.errors(parsed)).isEmpty();
        return parsed;
    }

    @Test
    void anActiveGrantIsAnActivePrivacyConsent() {
        Consent consent = exported(Fixtures.grant(EXPIRES, null), MID);

        assertThat(consent.getStatus()).isEqualTo(ConsentState.ACTIVE);
        assertThat(consent.getIdentifierFirstRep().getSystem()).isEqualTo(IdentifierSystems.CONSENT_GRANT);
        assertThat(consent.getIdentifierFirstRep().getValue()).isEqualTo("grant-42");
        Coding scope = consent.getScope().getCodingFirstRep();
        assertThat(scope.getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/consentscope");
        assertThat(scope.getCode()).isEqualTo("patient-privacy");
        Coding category = consent.getCategoryFirstRep().getCodingFirstRep();
        assertThat(category.getSystem()).isEqualTo("http://loinc.org");
        assertThat(category.getCode()).isEqualTo("59284-0");
        assertThat(consent.getPatient().getIdentifier().getSystem()).isEqualTo(IdentifierSystems.PATIENT);
        assertThat(consent.getPatient().getIdentifier().getValue()).isEqualTo("pat-7f3a");
        assertThat(consent.getPerformerFirstRep().getIdentifier().getValue()).isEqualTo("pat-7f3a");
        assertThat(consent.getDateTime()).isEqualTo(Date.from(GRANTED));
        assertThat(consent.getPolicyRule().getCodingFirstRep().getCode()).isEqualTo("OPTIN");
        assertThat(consent.hasExtension(ConsentExporter.REVOKED_AT_EXTENSION)).isFalse();
    }

    @Test
    void theProvisionPermitsTheGranteeToAccessTheListedRecords() {
        Consent.ProvisionComponent provision = exported(Fixtures.grant(EXPIRES, null), MID).getProvision();

        assertThat(provision.getType()).isEqualTo(ConsentProvisionType.PERMIT);
        assertThat(provision.getPeriod().getStart()).isEqualTo(Date.from(GRANTED));
        assertThat(provision.getPeriod().getEnd()).isEqualTo(Date.from(EXPIRES));
        assertThat(provision.getActor()).singleElement().satisfies(actor -> {
            assertThat(actor.getRole().getCodingFirstRep().getCode()).isEqualTo("IRCP");
            assertThat(actor.getReference().getType()).isEqualTo("Organization");
            assertThat(actor.getReference().getIdentifier().getSystem()).isEqualTo(IdentifierSystems.ORGANIZATION);
            assertThat(actor.getReference().getIdentifier().getValue()).isEqualTo("lab-c");
        });
        assertThat(provision.getActionFirstRep().getCodingFirstRep().getCode()).isEqualTo("access");
        assertThat(provision.getPurpose()).singleElement().satisfies(p -> {
            assertThat(p.getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ActReason");
            assertThat(p.getCode()).isEqualTo("TREAT");
        });
        assertThat(provision.getClass_()).extracting(Coding::getSystem).containsOnly("http://hl7.org/fhir/resource-types");
        assertThat(provision.getClass_()).extracting(Coding::getCode).containsExactly("Observation", "DiagnosticReport");
        assertThat(provision.getData()).hasSize(2).allSatisfy(data -> {
            assertThat(data.getMeaning()).isEqualTo(ConsentDataMeaning.INSTANCE);
            assertThat(data.getReference().getIdentifier().getSystem()).isEqualTo(IdentifierSystems.RECORD);
        });
        assertThat(provision.getData()).extracting(d -> d.getReference().getIdentifier().getValue())
                .containsExactly("rec-0001", "rec-0003");
    }

    @Test
    void aPractitionerGranteeIsAMember() {
        ConsentGrantView g = new ConsentGrantView("grant-7", "pat-1", "hospital-a/dr-lee",
                ConsentGrantView.PRACTITIONER, List.of(), List.of(), null, GRANTED, null, null);
        Consent consent = exported(g, MID);
        var actor = consent.getProvision().getActorFirstRep().getReference();
        assertThat(actor.getType()).isEqualTo("Practitioner");
        assertThat(actor.getIdentifier().getSystem()).isEqualTo(IdentifierSystems.MEMBER);
        // no lists and no purpose: the grant covers every record for any purpose, so nothing narrows it
        assertThat(consent.getProvision().hasClass_()).isFalse();
        assertThat(consent.getProvision().hasData()).isFalse();
        assertThat(consent.getProvision().hasPurpose()).isFalse();
        assertThat(consent.getProvision().getPeriod().hasEnd()).isFalse();
        assertThat(consent.getStatus()).isEqualTo(ConsentState.ACTIVE);
    }

    @Test
    void anExpiredGrantIsInactive() {
        assertThat(exported(Fixtures.grant(EXPIRES, null), EXPIRES).getStatus()).isEqualTo(ConsentState.INACTIVE);
        assertThat(exported(Fixtures.grant(EXPIRES, null), EXPIRES.minusMillis(1)).getStatus())
                .isEqualTo(ConsentState.ACTIVE);
    }

    @Test
    void aRevokedGrantIsInactiveAndSaysWhen() {
        Instant revoked = Instant.parse("2025-05-05T05:05:05Z");
        Consent consent = exported(Fixtures.grant(EXPIRES, revoked), MID);
        assertThat(consent.getStatus()).isEqualTo(ConsentState.INACTIVE);
        assertThat(((DateTimeType) consent.getExtensionByUrl(ConsentExporter.REVOKED_AT_EXTENSION).getValue())
                .getValue()).isEqualTo(Date.from(revoked));
        // the granted term is unchanged: revocation is a separate fact
        assertThat(consent.getProvision().getPeriod().getEnd()).isEqualTo(Date.from(EXPIRES));
    }

    @Test
    void aRevocationAfterAsOfIsNotYetVisible() {
        Instant revoked = Instant.parse("2025-09-09T09:09:09Z");
        Consent consent = exported(Fixtures.grant(EXPIRES, revoked), MID);
        assertThat(consent.getStatus()).isEqualTo(ConsentState.ACTIVE);
        assertThat(consent.hasExtension(ConsentExporter.REVOKED_AT_EXTENSION)).isFalse();
    }

    @Test
    void askingAboutATimeBeforeTheGrantIsAnError() {
        assertCode(() -> EXPORTER.toConsent(Fixtures.grant(EXPIRES, null), GRANTED.minusSeconds(1)),
                "FHIR_CONSENT_GRANT_INVALID");
    }

    @Test
    void timesAreUtc() {
        String json = FHIR.encodeToString(EXPORTER.toConsent(Fixtures.grant(EXPIRES, null), MID));
        assertThat(json).contains("\"dateTime\":\"2025-01-01T08:00:00.000Z\"")
                .contains("\"end\":\"2026-01-01T00:00:00.000Z\"");
    }
}
