package org.careledger.fhir.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.fhir.model.DisclosureTest.assertInvalid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.careledger.fhir.FhirErrorCode;
import org.junit.jupiter.api.Test;

class ConsentGrantViewTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-01T00:00:00Z");

    private static ConsentGrantView grant(Instant expires, Instant revoked) {
        return new ConsentGrantView("g", "p", "org-a", "ORG", List.of(), List.of(), null, T0, expires, revoked);
    }

    @Test
    void activeFromGrantUntilRevocationOrExpiry() {
        assertThat(grant(null, null).activeAt(T0)).isTrue();
        assertThat(grant(null, null).activeAt(T0.minusMillis(1))).isFalse();
        assertThat(grant(T2, null).activeAt(T1)).isTrue();
        assertThat(grant(T2, null).activeAt(T2)).isFalse();
        assertThat(grant(T2, T1).activeAt(T1.minusMillis(1))).isTrue();
        assertThat(grant(T2, T1).activeAt(T1)).isFalse();
        assertThat(grant(null, T0).activeAt(T0)).as("revoked in the same block").isFalse();
    }

    @Test
    void copiesItsLists() {
        List<String> types = new ArrayList<>(List.of("Observation"));
        ConsentGrantView g = new ConsentGrantView("g", "p", "org-a", "ORG", types, List.of(), "TREAT", T0, null, null);
        types.add("Condition");
        assertThat(g.recordTypes()).containsExactly("Observation");
    }

    @Test
    void rejectsInconsistentFields() {
        assertInvalid(() -> grant(T0, null));
        assertInvalid(() -> grant(null, T0.minusSeconds(1)));
        assertInvalid(() -> new ConsentGrantView("g", "p", "x", "PATIENT", List.of(), List.of(), null, T0, null, null));
        assertInvalid(() -> new ConsentGrantView("g", "p", "x", "ORG", List.of("labs"), List.of(), null, T0, null, null));
        assertInvalid(() -> new ConsentGrantView("g", "p", "x", "ORG", List.of(), List.of(" "), null, T0, null, null));
        assertInvalid(() -> new ConsentGrantView("g", "p", "x", "ORG", null, List.of(), null, T0, null, null));
        assertInvalid(() -> new ConsentGrantView("g", "p", "x", "ORG", List.of(), List.of(), "NOPE", T0, null, null));
        assertInvalid(() -> new ConsentGrantView("g", "p", "x", "ORG", List.of(), List.of(), null, null, null, null));
        assertInvalid(() -> new ConsentGrantView("", "p", "x", "ORG", List.of(), List.of(), null, T0, null, null));
    }

    @Test
    void theCodesTheModelUsesAreDeclared() {
        // the model cannot import FhirErrorCode (that would be a package cycle), so keep the strings honest here
        assertThat(FhirErrorCode.valueOf("FHIR_DISCLOSURE_INVALID").code()).isEqualTo("FHIR_DISCLOSURE_INVALID");
        assertThat(FhirErrorCode.valueOf("FHIR_CONSENT_GRANT_INVALID").code()).isEqualTo("FHIR_CONSENT_GRANT_INVALID");
    }
}
