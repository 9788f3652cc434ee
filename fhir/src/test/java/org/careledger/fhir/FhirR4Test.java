package org.careledger.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.careledger.core.CareledgerException;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class FhirR4Test {

    private static final FhirR4 FHIR = FhirR4.shared();

    @Test
    void sharedIsOneInstance() {
        assertThat(FhirR4.shared()).isSameAs(FHIR);
        assertThat(FHIR.context().getVersion().getVersion().getFhirVersionString()).startsWith("4.0");
    }

    @Test
    void parsesAnyResourceAndEncodesCompactly() {
        Resource r = FHIR.parseResource(bytes("""
                { "resourceType" : "Patient",
                  "id" : "p1",
                  "active" : true }
                """));
        assertThat(r).isInstanceOf(Patient.class);
        assertThat(new String(FHIR.encode(r), StandardCharsets.UTF_8))
                .isEqualTo("{\"resourceType\":\"Patient\",\"id\":\"p1\",\"active\":true}");
    }

    @Test
    void canonicalizeIsIdempotentAndOrdersElementsBySpec() {
        byte[] shuffled = bytes("{\"active\":true,\"id\":\"p1\",\"resourceType\":\"Patient\"}");
        byte[] once = FHIR.canonicalize(shuffled);
        assertThat(new String(once, StandardCharsets.UTF_8)).startsWith("{\"resourceType\":\"Patient\",\"id\":\"p1\"");
        assertThat(FHIR.canonicalize(once)).isEqualTo(once);
    }

    @Test
    void keepsVersionedReferencesAsWritten() {
        byte[] json = bytes("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"Patient/p1/_history/3\"}}");
        assertThat(new String(FHIR.canonicalize(json), StandardCharsets.UTF_8)).contains("Patient/p1/_history/3");
    }

    @Test
    void rejectsNonJson() {
        assertCode(() -> FHIR.parseResource(bytes("not json")), "FHIR_MALFORMED");
        assertCode(() -> FHIR.parseResource(new byte[0]), "FHIR_MALFORMED");
        assertCode(() -> FHIR.parseResource(bytes("{\"resourceType\":\"Patient\"")), "FHIR_MALFORMED");
        assertCode(() -> FHIR.parseResource(bytes("{\"resourceType\":\"Patient\"} {}")), "FHIR_MALFORMED");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] json = bytes("{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"XX\"}");
        int at = new String(json, StandardCharsets.UTF_8).indexOf("XX");
        json[at] = (byte) 0xC3; // a UTF-8 lead byte followed by an ASCII byte is invalid
        assertCode(() -> FHIR.parseResource(json), "FHIR_MALFORMED");
    }

    @Test
    void rejectsJsonThatIsNotAResource() {
        assertThatThrownBy(() -> FHIR.parseResource(bytes("[1,2]")))
                .isInstanceOfSatisfying(CareledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("FHIR_MALFORMED");
                    assertThat(e.getMessage()).contains("JSON array");
                });
        assertCode(() -> FHIR.parseResource(bytes("{\"id\":\"x\"}")), "FHIR_MALFORMED");
        assertCode(() -> FHIR.parseResource(bytes("{\"resourceType\":\"NoSuchThing\"}")), "FHIR_MALFORMED");
    }

    @Test
    void rejectsWhatLenientParsingWouldDrop() {
        // HAPI's default handler would log and drop these; a medical record must not lose data silently
        assertCode(() -> FHIR.parseResource(bytes("{\"resourceType\":\"Patient\",\"favouriteColour\":\"blue\"}")),
                "FHIR_MALFORMED");
        assertCode(() -> FHIR.parseResource(bytes("{\"resourceType\":\"Patient\",\"birthDate\":\"yesterday\"}")),
                "FHIR_MALFORMED");
        assertCode(() -> FHIR.parseResource(bytes("{\"resourceType\":\"Patient\",\"active\":\"yes\"}")),
                "FHIR_MALFORMED");
    }

    @Test
    void rejectsDuplicateKeysAtAnyDepth() {
        assertCode(() -> FHIR.parseResource(bytes("{\"resourceType\":\"Patient\",\"id\":\"a\",\"id\":\"b\"}")),
                "FHIR_MALFORMED");
        assertCode(() -> FHIR.parseResource(bytes(
                "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"A\",\"family\":\"B\"}]}")), "FHIR_MALFORMED");
    }

    @Test
    void rejectsTheWrongTypeWhenOneIsExpected() {
        assertCode(() -> FHIR.parseResource(Observation.class, bytes("{\"resourceType\":\"Patient\"}")),
                "FHIR_MALFORMED");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(CareledgerException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
