package org.careledger.contracts.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The contracts check identifiers without a regex; they must accept exactly what the published patterns match. */
class IdentifiersTest {
    /** Characters each pattern treats specially, plus neighbours of its ranges and a non-ASCII letter. */
    private static final String ALPHABET = "azAZ09bmpMP.-_:#/ @[`{~\u00e9\u0130\u017f";

    @Provide
    Arbitrary<String> candidates() {
        Arbitrary<String> random = Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(0).ofMaxLength(140);
        Arbitrary<String> patientLike = Arbitraries.strings().withChars("p-az09Z_".toCharArray()).ofMinLength(0)
                .ofMaxLength(45).map(s -> "p-" + s);
        Arbitrary<String> hexLike = Arbitraries.strings().withChars("0123456789abcdefABCDEFg".toCharArray())
                .ofMinLength(62).ofMaxLength(66);
        return Arbitraries.oneOf(random, patientLike, hexLike);
    }

    @Property(tries = 3000)
    void fastChecksAgreeWithThePatterns(@ForAll("candidates") String s) {
        assertThat(Identifiers.isId(s)).as("ID %s", s).isEqualTo(matches(Identifiers.ID, s));
        assertThat(Identifiers.isPatientId(s)).as("PATIENT_ID %s", s).isEqualTo(matches(Identifiers.PATIENT_ID, s));
        assertThat(Identifiers.isResourceType(s)).as("RESOURCE_TYPE %s", s)
                .isEqualTo(matches(Identifiers.RESOURCE_TYPE, s));
        assertThat(Identifiers.isReference(s)).as("REFERENCE %s", s).isEqualTo(matches(Identifiers.REFERENCE, s));
        assertThat(Identifiers.isSha256Hex(s)).as("SHA-256 %s", s).isEqualTo(matches(Identifiers.SHA256_HEX, s));
    }

    @Test
    void edgesOfLengthAndNull() {
        assertThat(Identifiers.isId("a".repeat(128))).isTrue();
        assertThat(Identifiers.isId("a".repeat(129))).isFalse();
        assertThat(Identifiers.isId("")).isFalse();
        assertThat(Identifiers.isId(null)).isFalse();
        assertThat(Identifiers.isId("-a")).isFalse();
        assertThat(Identifiers.isPatientId("p-abc123")).isTrue();
        assertThat(Identifiers.isPatientId("p-abc12")).isFalse();
        assertThat(Identifiers.isPatientId("p-" + "a".repeat(40))).isTrue();
        assertThat(Identifiers.isPatientId("p-" + "a".repeat(41))).isFalse();
        assertThat(Identifiers.isResourceType("Observation")).isTrue();
        assertThat(Identifiers.isResourceType("observation")).isFalse();
        assertThat(Identifiers.isReference("req:2026/12#a")).isTrue();
        assertThat(Identifiers.isSha256Hex("0".repeat(64))).isTrue();
        assertThat(Identifiers.isSha256Hex("0".repeat(63) + "A")).isFalse();
        assertThat(Identifiers.isSha256Hex(null)).isFalse();
    }

    private static boolean matches(Pattern p, String s) {
        return s != null && p.matcher(s).matches();
    }
}
