package org.careledger.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.fhir.Fixtures.EXPIRES;
import static org.careledger.fhir.FhirR4Test.assertCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.careledger.fhir.model.ConsentGrantView;
import org.careledger.fhir.model.Disclosure;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.junit.jupiter.api.Test;

class FhirExportTest {

    private static final FhirR4 FHIR = FhirR4.shared();
    private static final FhirExport EXPORT =
            new FhirExport(FHIR, new AuditEventExporter("careledger-test"), new ConsentExporter());
    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");

    private static Bundle parsed(String json) {
        Bundle bundle = FHIR.parseResource(Bundle.class, json.getBytes(StandardCharsets.UTF_8));
        assertThat(RequiredElements.missing(FHIR.context(), bundle)).isEmpty();
        assertThat(R4ProfileValidation.errors(bundle)).isEmpty();
        return bundle;
    }

    @Test
    void disclosuresBecomeASearchsetOfAuditEvents() {
        Bundle bundle = parsed(EXPORT.auditBundle(
                List.of(Fixtures.read(true), Fixtures.read(false, "rec-0009"), Fixtures.breakGlass("ETREAT"))));

        assertThat(bundle.getType()).isEqualTo(BundleType.SEARCHSET);
        assertThat(bundle.getTotal()).isEqualTo(3);
        assertThat(bundle.getEntry()).hasSize(3).allSatisfy(entry -> {
            assertThat(entry.getResource()).isInstanceOf(AuditEvent.class);
            assertThat(entry.getFullUrl()).isEqualTo("urn:uuid:" + entry.getResource().getIdPart());
            assertThat(entry.getSearch().getMode()).isEqualTo(SearchEntryMode.MATCH);
        });
        assertThat(bundle.getEntry()).extracting(e -> ((AuditEvent) e.getResource()).getOutcome().toCode())
                .containsExactly("0", "4", "0");
    }

    @Test
    void apiReadsFromANodesReadLogFollowTheLedgersDisclosures() {
        var keys = new org.careledger.fhir.model.ApiRead("hospital-a/node", 7, "ab".repeat(32), "hospital-b/dr-lee",
                "hospital-b", "p-7f3a9c", "RECORD_KEYS", "r-0001", Instant.parse("2025-05-01T10:00:00Z"));
        var list = new org.careledger.fhir.model.ApiRead("hospital-a/node", 8, "cd".repeat(32), "patient/p-7f3a9c",
                "patient", "p-7f3a9c", "RECORD_LIST", "", Instant.parse("2025-05-01T10:01:00Z"));
        Bundle bundle = parsed(EXPORT.auditBundle(List.of(Fixtures.read(true)), List.of(keys, list)));

        assertThat(bundle.getTotal()).isEqualTo(3);
        AuditEvent read = (AuditEvent) bundle.getEntry().get(1).getResource();
        assertThat(read.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(read.getOutcome().toCode()).isEqualTo("0");
        assertThat(read.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("hospital-b/dr-lee");
        assertThat(read.getSource().getSite()).isEqualTo("hospital-a/node");
        assertThat(read.getEntity().get(1).getDetail()).extracting(d -> d.getType())
                .containsExactly(AuditEventExporter.READ_LOG_SEQ_DETAIL, AuditEventExporter.READ_LOG_HASH_DETAIL);
        AuditEvent search = (AuditEvent) bundle.getEntry().get(2).getResource();
        assertThat(search.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
        assertThat(search.getAgentFirstRep().getWho().getType()).isEqualTo("Patient");
        assertThat(search.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("p-7f3a9c");
        assertThat(read.getIdPart()).isNotEqualTo(search.getIdPart());
    }

    @Test
    void exportsAreDeterministic() {
        List<Disclosure> disclosures = List.of(Fixtures.read(true), Fixtures.breakGlass("ETREAT"));
        assertThat(EXPORT.auditBundle(disclosures)).isEqualTo(EXPORT.auditBundle(disclosures));
        var grants = List.of(Fixtures.grant(EXPIRES, null));
        assertThat(EXPORT.consentBundle(grants, AS_OF)).isEqualTo(EXPORT.consentBundle(grants, AS_OF));
    }

    @Test
    void anEmptyAuditExportIsAnEmptySearchset() {
        Bundle bundle = parsed(EXPORT.auditBundle(List.of()));
        assertThat(bundle.getTotal()).isZero();
        assertThat(bundle.getEntry()).isEmpty();
    }

    @Test
    void aDisclosureListedTwiceIsRejected() {
        assertCode(() -> EXPORT.auditBundle(List.of(Fixtures.read(true), Fixtures.read(true))),
                "FHIR_DISCLOSURE_INVALID");
    }

    @Test
    void grantsBecomeACollectionOfConsentsAsOfAnInstant() {
        var active = Fixtures.grant(EXPIRES, null);
        var revoked = new ConsentGrantView("grant-43", "pat-7f3a", "hospital-b/dr-ng",
                "PRACTITIONER", List.of("Condition"), List.of(), "TREAT", Fixtures.GRANTED, null,
                Instant.parse("2025-02-02T00:00:00Z"));
        Bundle bundle = parsed(EXPORT.consentBundle(List.of(active, revoked), AS_OF));

        assertThat(bundle.getType()).isEqualTo(BundleType.COLLECTION);
        assertThat(bundle.getTimestamp()).isEqualTo(Date.from(AS_OF));
        assertThat(bundle.getEntry()).extracting(e -> ((Consent) e.getResource()).getStatus())
                .containsExactly(ConsentState.ACTIVE, ConsentState.INACTIVE);
        assertThat(bundle.getEntry()).allSatisfy(e ->
                assertThat(e.getFullUrl()).isEqualTo("urn:uuid:" + e.getResource().getIdPart()));
    }

    @Test
    void aGrantListedTwiceIsRejected() {
        var g = Fixtures.grant(EXPIRES, null);
        assertCode(() -> EXPORT.consentBundle(List.of(g, g), AS_OF), "FHIR_CONSENT_GRANT_INVALID");
    }
}
