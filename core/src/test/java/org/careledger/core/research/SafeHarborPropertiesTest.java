package org.careledger.core.research;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.careledger.core.json.CanonicalJson;

/**
 * Safe Harbor over random patients: no identifier of the input survives anywhere in the output, dates keep only the
 * year, ZIP only three digits; pseudonyms link within a study and not across; and examples.
 */
class SafeHarborPropertiesTest {
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final byte[] STUDY_A = key(1);
    private static final byte[] STUDY_B = key(2);

    /** A random patient's identifying values and its resources. */
    record Person(String given, String family, String mrn, String ssn, String phone, String email, String line,
                  String city, String zip, String birthDate, String id) {

        ObjectNode patient() {
            ObjectNode p = N.objectNode().put("resourceType", "Patient").put("id", id);
            p.putObject("text").put("status", "generated").put("div", "<div>" + given + " " + family + "</div>");
            p.putArray("identifier").add(N.objectNode().put("system", "http://hospital.example/mrn").put("value", mrn))
                    .add(N.objectNode().put("system", "http://hl7.org/fhir/sid/us-ssn").put("value", ssn));
            ObjectNode name = p.putArray("name").addObject().put("family", family);
            name.putArray("given").add(given);
            p.putArray("telecom").add(N.objectNode().put("system", "phone").put("value", phone))
                    .add(N.objectNode().put("system", "email").put("value", email));
            p.put("gender", "female").put("birthDate", birthDate);
            ObjectNode address = p.putArray("address").addObject().put("city", city).put("state", "MA")
                    .put("postalCode", zip).put("country", "US");
            address.putArray("line").add(line);
            p.putArray("extension").add(N.objectNode()
                    .put("url", "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName")
                    .put("valueString", family + "ova"));
            return p;
        }

        List<JsonNode> resources() {
            ObjectNode obs = N.objectNode().put("resourceType", "Observation").put("id", id + "-obs")
                    .put("effectiveDateTime", birthDate + "T10:11:12+00:00").put("issued", birthDate + "T10:11:12.123Z");
            obs.putObject("subject").put("reference", "urn:uuid:" + id).put("display", given + " " + family);
            obs.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", "8302-2")
                    .put("display", "Body Height");
            obs.putArray("identifier").addObject().put("value", mrn);
            obs.putArray("note").addObject().put("text", "called " + phone);
            ObjectNode claim = N.objectNode().put("resourceType", "Claim").put("id", id + "-claim");
            claim.putObject("patient").put("reference", "Patient/" + id);
            return List.of(patient(), obs, claim);
        }
    }

    @Provide
    Arbitrary<Person> people() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(10)
                .map(s -> Character.toUpperCase(s.charAt(0)) + s.substring(1) + "x");
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofLength(9);
        Arbitrary<String> day = Arbitraries.integers().between(1920, 2020).flatMap(y -> Arbitraries.integers()
                .between(1, 12).flatMap(m -> Arbitraries.integers().between(1, 28)
                        .map(d -> String.format("%04d-%02d-%02d", y, m, d))));
        Arbitrary<String> zip = Arbitraries.strings().numeric().ofLength(5);
        return Combinators.combine(word, word, digits, digits, digits, word, zip, day)
                .as((given, family, mrn, ssn, phone, street, zip1, birth) -> new Person(given, family, "MRN" + mrn,
                        ssn.substring(0, 3) + "-" + ssn.substring(3, 5) + "-" + ssn.substring(5),
                        "555-" + phone.substring(0, 3) + "-" + phone.substring(3, 7),
                        given.toLowerCase() + "@mail.example", street.substring(0, 3) + " " + street + " Street",
                        street + "ville", zip1, birth, "pt-" + mrn));
    }

    @Property(tries = 200)
    void noIdentifierOfTheInputSurvives(@ForAll("people") Person p) {
        List<byte[]> out = SafeHarbor.deidentify(p.resources(), new Pseudonyms(STUDY_A), 2026);
        assertThat(out).hasSize(2); // the Claim is not a released type
        String all = text(out);
        for (String identifier : List.of(p.given(), p.family(), p.mrn(), p.ssn(), p.phone(), p.email(), p.line(),
                p.city(), p.zip(), p.birthDate(), p.id(), p.family() + "ova")) {
            assertThat(all).doesNotContainIgnoringCase(identifier);
        }
        assertThat(SafeHarbor.leaks(p.patient(), out)).isEmpty();
        JsonNode patient = CanonicalJson.tree(out.stream().filter(b -> text(List.of(b)).contains("\"Patient\""))
                .findFirst().orElseThrow());
        int year = Integer.parseInt(p.birthDate().substring(0, 4));
        if (2026 - year > 89) {
            assertThat(patient.has("birthDate")).isFalse();
            assertThat(all).contains(SafeHarbor.AGE_90_OR_OLDER);
        } else {
            assertThat(patient.get("birthDate").asText()).isEqualTo(p.birthDate().substring(0, 4));
        }
        String zip3 = p.zip().substring(0, 3);
        assertThat(patient.at("/address/0/postalCode").asText())
                .isEqualTo(SafeHarbor.RESTRICTED_ZIP3.contains(zip3) ? "000" : zip3);
        assertThat(patient.at("/address/0/state").asText()).isEqualTo("MA");
    }

    @Property(tries = 100)
    void pseudonymsLinkWithinAStudyAndNotAcross(@ForAll("people") Person p) {
        List<byte[]> a1 = SafeHarbor.deidentify(p.resources(), new Pseudonyms(STUDY_A), 2026);
        List<byte[]> a2 = SafeHarbor.deidentify(p.resources(), new Pseudonyms(STUDY_A), 2026);
        List<byte[]> b = SafeHarbor.deidentify(p.resources(), new Pseudonyms(STUDY_B), 2026);
        String subjectA = new Pseudonyms(STUDY_A).of(p.id());
        assertThat(text(a1)).isEqualTo(text(a2)).contains(subjectA);
        assertThat(text(b)).doesNotContain(subjectA).contains(new Pseudonyms(STUDY_B).of(p.id()));
        // the observation points at the pseudonymous patient in each study
        assertThat(text(a1)).contains("urn:uuid:" + subjectA);
    }

    @Property(tries = 100)
    void theLeakCheckFindsAnIdentifierLeftInTheOutput(@ForAll("people") Person p) {
        List<byte[]> out = new ArrayList<>(SafeHarbor.deidentify(p.resources(), new Pseudonyms(STUDY_A), 2026));
        out.add(("{\"resourceType\":\"Observation\",\"valueString\":\"seen " + p.family() + " today\"}")
                .getBytes(StandardCharsets.UTF_8));
        List<String> leaks = SafeHarbor.leaks(p.patient(), out);
        assertThat(leaks).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain(p.family()));
    }

    @Example
    void aReleaseWithALeakIsRefusedAndNamesNoValue() {
        Person p = new Person("Anna", "Smithx", "MRN1", "999-11-2222", "555-123-4567", "a@b.example", "1 Main St",
                "Boston", "02134", "1980-02-03", "pt-1");
        assertThat(SafeHarbor.release(p.resources(), new Pseudonyms(STUDY_A), 2026)).hasSize(2);
        List<JsonNode> leaky = new ArrayList<>(p.resources());
        ObjectNode cond = N.objectNode().put("resourceType", "Condition").put("id", "c1");
        cond.putObject("code").put("text", "reported by Smithx family");
        leaky.add(cond);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SafeHarbor.release(leaky, new Pseudonyms(STUDY_A),
                2026)).isInstanceOf(org.careledger.core.CareledgerException.class)
                .hasMessageContaining("a family name").hasMessageNotContaining("Smithx")
                .extracting(e -> ((org.careledger.core.CareledgerException) e).code()).isEqualTo("RESEARCH_DEID_LEAK");
    }

    @Example
    void datesKeepTheYearAndCodesStayIntact() {
        Person p = new Person("Anna", "Smithx", "MRN1", "999-11-2222", "555-123-4567", "a@b.example", "1 Main St",
                "Boston", "02134", "1980-02-03", "pt-1");
        String all = text(SafeHarbor.deidentify(p.resources(), new Pseudonyms(STUDY_A), 2026));
        assertThat(all).contains("\"effectiveDateTime\":\"1980\"", "\"issued\":\"1980\"", "\"code\":\"8302-2\"",
                "\"display\":\"Body Height\"", "\"postalCode\":\"021\"");
        assertThat(all).doesNotContain("Anna", "Smithx", "02134", "1980-02-03", "MRN1", "Main St", "Boston");
    }

    @Example
    void aSubjectIdIsPerStudyAndPerPatient() {
        assertThat(SubjectIds.of(key(7), "trial-1")).isEqualTo(SubjectIds.of(key(7), "trial-1")).startsWith("s-")
                .hasSize(34).isNotEqualTo(SubjectIds.of(key(7), "trial-2")).isNotEqualTo(SubjectIds.of(key(8), "trial-1"));
    }

    static byte[] key(int seed) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) seed);
        return k;
    }

    private static String text(List<byte[]> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(new String(l, StandardCharsets.UTF_8)).append('\n'));
        return b.toString();
    }
}
