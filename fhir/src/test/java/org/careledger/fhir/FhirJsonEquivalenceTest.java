package org.careledger.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.fhir.FhirR4Test.assertCode;
import static org.careledger.fhir.FhirR4Test.bytes;

import org.junit.jupiter.api.Test;

class FhirJsonEquivalenceTest {

    private static final FhirJsonEquivalence EQUIVALENCE = new FhirJsonEquivalence(FhirR4.shared());

    @Test
    void ignoresKeyOrderAndWhitespace() {
        assertThat(EQUIVALENCE.semanticallyEqual(
                bytes("{\"resourceType\":\"Patient\",\"id\":\"p\",\"gender\":\"female\",\"active\":true}"),
                bytes("{\n  \"active\" : true,\n  \"gender\" : \"female\",\n  \"id\" : \"p\",\n"
                        + "  \"resourceType\" : \"Patient\"\n}"))).isTrue();
    }

    @Test
    void ignoresJsonStringEscaping() {
        assertThat(EQUIVALENCE.semanticallyEqual(
                bytes("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Müller\"}]}"),
                bytes("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"M\\u00fcller\"}]}"))).isTrue();
    }

    @Test
    void seesValueChanges() {
        assertThat(EQUIVALENCE.semanticallyEqual(
                bytes("{\"resourceType\":\"Patient\",\"gender\":\"female\"}"),
                bytes("{\"resourceType\":\"Patient\",\"gender\":\"male\"}"))).isFalse();
        assertThat(EQUIVALENCE.semanticallyEqual(
                bytes("{\"resourceType\":\"Patient\",\"id\":\"a\"}"),
                bytes("{\"resourceType\":\"Patient\",\"id\":\"b\"}"))).isFalse();
    }

    @Test
    void decimalPrecisionIsSignificant() {
        // 1.0 and 1.00 are the same JSON number but different FHIR decimals (precision is clinical information)
        String template = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"t\"},"
                + "\"valueQuantity\":{\"value\":%s}}";
        assertThat(EQUIVALENCE.semanticallyEqual(bytes(template.formatted("1.0")), bytes(template.formatted("1.00"))))
                .isFalse();
        assertThat(EQUIVALENCE.semanticallyEqual(bytes(template.formatted("1.0")), bytes(template.formatted("1.0"))))
                .isTrue();
    }

    @Test
    void arrayOrderIsSignificant() {
        assertThat(EQUIVALENCE.semanticallyEqual(
                bytes("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"A\"},{\"family\":\"B\"}]}"),
                bytes("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"B\"},{\"family\":\"A\"}]}"))).isFalse();
    }

    @Test
    void normalisesNarrativeXhtmlLayout() {
        String template = "{\"resourceType\":\"Patient\",\"text\":{\"status\":\"generated\",\"div\":\"%s\"}}";
        assertThat(EQUIVALENCE.semanticallyEqual(
                bytes(template.formatted("<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><b>x</b></div>")),
                bytes(template.formatted("<div xmlns='http://www.w3.org/1999/xhtml'><b>x</b></div>")))).isTrue();
    }

    @Test
    void differentResourceTypesAreNotEqual() {
        assertThat(EQUIVALENCE.semanticallyEqual(bytes("{\"resourceType\":\"Patient\"}"),
                bytes("{\"resourceType\":\"Person\"}"))).isFalse();
    }

    @Test
    void malformedInputIsAnErrorNotInequality() {
        assertCode(() -> EQUIVALENCE.semanticallyEqual(bytes("{\"resourceType\":\"Patient\"}"), bytes("nope")),
                "FHIR_MALFORMED");
    }
}
