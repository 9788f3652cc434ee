package org.careledger.fhir.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.Test;

class DisclosureTest {

    private static final String TX = "00".repeat(32);
    private static final Instant AT = Instant.parse("2025-03-14T09:26:53Z");

    private static Disclosure with(String accessId, String recordType, String purpose, boolean breakGlass,
            String reason, long height) {
        return new Disclosure(accessId, "pat", "rec", recordType, "org/m", "org", purpose, breakGlass, reason, true,
                AT, height);
    }

    @Test
    void acceptsAWellFormedDisclosure() {
        Disclosure d = with(TX, "Observation", "HRESCH", false, null, 0);
        assertThat(d.purpose()).isEqualTo("HRESCH");
        assertThat(with(TX, "Condition", "ETREAT", true, "trauma bay", 1).breakGlassReason()).isEqualTo("trauma bay");
    }

    @Test
    void aBlankReasonWithoutBreakGlassIsNoReason() {
        assertThat(with(TX, "Observation", "TREAT", false, "  ", 1).breakGlassReason()).isNull();
    }

    @Test
    void rejectsInconsistentFields() {
        assertInvalid(() -> with("ABC", "Observation", "TREAT", false, null, 1));
        assertInvalid(() -> with(TX.toUpperCase().replace('0', 'A'), "Observation", "TREAT", false, null, 1));
        assertInvalid(() -> with(TX, "observation", "TREAT", false, null, 1));
        assertInvalid(() -> with(TX, "Observation", "FUN", false, null, 1));
        assertInvalid(() -> with(TX, "Observation", null, false, null, 1));
        assertInvalid(() -> with(TX, "Observation", "ETREAT", true, null, 1));
        assertInvalid(() -> with(TX, "Observation", "TREAT", false, "because", 1));
        assertInvalid(() -> with(TX, "Observation", "TREAT", false, null, -1));
        assertInvalid(() -> new Disclosure(TX, " ", "rec", "Observation", "m", "o", "TREAT", false, null, true, AT, 1));
        assertInvalid(() -> new Disclosure(TX, "p", "rec", "Observation", "m", null, "TREAT", false, null, true, AT, 1));
        assertInvalid(() -> new Disclosure(TX, "p", "rec", "Observation", "m", "o", "TREAT", false, null, true, null, 1));
    }

    static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isIn("FHIR_DISCLOSURE_INVALID", "FHIR_CONSENT_GRANT_INVALID"));
    }
}
