package org.careledger.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.fhir.FhirR4Test.assertCode;
import static org.careledger.fhir.FhirR4Test.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.careledger.core.CareledgerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The split is checked against the raw input read independently with Jackson, so a HAPI behaviour that changed
 * both sides the same way would still be caught.
 */
class BundleSplitterTest {

    private static final FhirR4 FHIR = FhirR4.shared();
    private static final BundleSplitter SPLITTER = new BundleSplitter(FHIR);
    private static final FhirJsonEquivalence EQUIVALENCE = new FhirJsonEquivalence(FHIR);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource("org.careledger.fhir.SyntheaBundles#names")
    void everyEntryIsTheOriginalResource(String name) throws IOException {
        byte[] raw = SyntheaBundles.read(name);
        JsonNode inputEntries = JSON.readTree(raw).get("entry");
        List<byte[]> originals = RawEntries.resources(raw);
        SplitBundle split = SyntheaBundles.split(name);

        assertThat(originals).hasSize(inputEntries.size());
        assertThat(split.entries()).hasSize(inputEntries.size()).hasSizeGreaterThanOrEqualTo(160);
        for (int i = 0; i < inputEntries.size(); i++) {
            JsonNode input = inputEntries.get(i);
            FhirResourceEntry entry = split.entries().get(i);
            byte[] original = originals.get(i);
            assertThat(entry.fullUrl()).isEqualTo(input.get("fullUrl").asText());
            assertThat(entry.resourceType()).isEqualTo(input.get("resource").get("resourceType").asText());
            assertThat(entry.resourceId()).isEqualTo(input.get("resource").get("id").asText());
            assertThat(EQUIVALENCE.semanticallyEqual(entry.resourceJson(), original))
                    .as("entry %d (%s)", i, entry.fullUrl()).isTrue();
            // stronger than semantic equality: for Synthea nothing at all is normalised away
            assertThat(JSON.readTree(entry.resourceJson())).as("entry %d", i).isEqualTo(input.get("resource"));
        }
    }

    @ParameterizedTest
    @MethodSource("org.careledger.fhir.SyntheaBundles#names")
    void entriesAreCanonical(String name) {
        for (FhirResourceEntry entry : SyntheaBundles.split(name).entries()) {
            byte[] json = entry.resourceJson();
            assertThat(FHIR.canonicalize(json)).as(entry.fullUrl()).isEqualTo(json);
            assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"resourceType\":\"" + entry.resourceType() + "\"");
        }
    }

    @ParameterizedTest
    @MethodSource("org.careledger.fhir.SyntheaBundles#names")
    void referencesArePreservedAsWritten(String name) throws IOException {
        byte[] raw = SyntheaBundles.read(name);
        JsonNode inputEntries = JSON.readTree(raw).get("entry");
        SplitBundle split = SyntheaBundles.split(name);
        int urnReferences = 0;
        for (int i = 0; i < inputEntries.size(); i++) {
            Set<String> expected = new LinkedHashSet<>();
            collectReferences(inputEntries.get(i).get("resource"), expected);
            expected.removeIf(r -> r.startsWith("#"));
            List<String> actual = split.entries().get(i).references();
            assertThat(actual).as("entry %d", i).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            urnReferences += (int) actual.stream().filter(r -> r.startsWith("urn:uuid:")).count();
        }
        assertThat(urnReferences).as("Synthea links resources by urn:uuid").isGreaterThan(100);
        assertThat(split.danglingReferences()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("org.careledger.fhir.SyntheaBundles#names")
    void everyResourcePointsAtThePatient(String name) {
        SplitBundle split = SyntheaBundles.split(name);
        FhirResourceEntry patient = split.patient();
        assertThat(patient.resourceType()).isEqualTo("Patient");
        assertThat(patient.resourceId()).isEqualTo(split.patientResourceId());
        assertThat(split.resolve(patient.fullUrl())).contains(patient);
        assertThat(split.resolve("Patient/" + split.patientResourceId())).contains(patient);
        long pointing = split.entries().stream().filter(e -> e.references().contains(patient.fullUrl())).count();
        assertThat(pointing).isGreaterThan(split.entries().size() / 2);
    }

    @ParameterizedTest
    @MethodSource("org.careledger.fhir.SyntheaBundles#names")
    void resourceTypeCountsMatchTheInput(String name) throws IOException {
        byte[] raw = SyntheaBundles.read(name);
        SortedMap<String, Integer> expected = new TreeMap<>();
        JSON.readTree(raw).get("entry")
                .forEach(e -> expected.merge(e.get("resource").get("resourceType").asText(), 1, Integer::sum));
        SplitBundle split = SyntheaBundles.split(name);
        assertThat(split.resourceTypeCounts()).isEqualTo(expected);
        assertThat(split.resourceTypeCounts()).containsEntry("Patient", 1).containsKey("Observation");
        assertThat(split.byFullUrl()).hasSize(split.entries().size());
    }

    @Test
    void keepsContainedResourcesAndTheirOutgoingReferences() {
        byte[] bundle = bytes("""
                {"resourceType":"Bundle","type":"collection","entry":[
                  {"fullUrl":"urn:uuid:11111111-1111-4111-8111-111111111111",
                   "resource":{"resourceType":"Patient","id":"11111111-1111-4111-8111-111111111111"}},
                  {"fullUrl":"urn:uuid:22222222-2222-4222-8222-222222222222",
                   "resource":{"resourceType":"Observation","id":"22222222-2222-4222-8222-222222222222",
                     "contained":[{"resourceType":"Practitioner","id":"pr",
                        "extension":[{"url":"http://example.org/x",
                          "valueReference":{"reference":"urn:uuid:11111111-1111-4111-8111-111111111111"}}]}],
                     "status":"final","code":{"text":"x"},
                     "subject":{"reference":"urn:uuid:11111111-1111-4111-8111-111111111111"},
                     "performer":[{"reference":"#pr"},
                        {"reference":"Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999"}]}}]}
                """);
        SplitBundle split = SPLITTER.split(bundle);
        FhirResourceEntry observation = split.entries().get(1);
        assertThat(observation.references()).containsExactlyInAnyOrder(
                "urn:uuid:11111111-1111-4111-8111-111111111111",
                "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999");
        assertThat(new String(observation.resourceJson(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"contained\":[{\"resourceType\":\"Practitioner\",\"id\":\"pr\"");
        assertThat(split.danglingReferences()).isEmpty();
    }

    @Test
    void entriesWithoutFullUrlAreAddressedByTypeAndId() {
        SplitBundle split = SPLITTER.split(bytes("""
                {"resourceType":"Bundle","type":"batch","entry":[
                  {"resource":{"resourceType":"Patient","id":"p1"},"request":{"method":"PUT","url":"Patient/p1"}},
                  {"resource":{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},
                     "encounter":{"reference":"urn:uuid:99999999-9999-4999-8999-999999999999"}},
                   "request":{"method":"PUT","url":"Condition/c1"}}]}
                """));
        assertThat(split.patientResourceId()).isEqualTo("p1");
        assertThat(split.entries()).extracting(FhirResourceEntry::fullUrl).containsExactly("Patient/p1", "Condition/c1");
        assertThat(split.resolve("Patient/p1")).contains(split.patient());
        assertThat(split.danglingReferences()).containsExactly("urn:uuid:99999999-9999-4999-8999-999999999999");
    }

    // ---- rejections

    @Test
    void rejectsBytesThatAreNotJson() {
        assertCode(() -> SPLITTER.split(bytes("<Bundle xmlns=\"http://hl7.org/fhir\"/>")), "FHIR_MALFORMED");
        assertCode(() -> SPLITTER.split(new byte[0]), "FHIR_MALFORMED");
        byte[] truncated = java.util.Arrays.copyOf(SyntheaBundles.read("synthea-patient-1.json"), 5000);
        assertCode(() -> SPLITTER.split(truncated), "FHIR_MALFORMED");
    }

    @Test
    void rejectsJsonThatIsNotABundle() {
        assertCode(() -> SPLITTER.split(bytes("{\"resourceType\":\"Patient\",\"id\":\"p1\"}")), "FHIR_NOT_A_BUNDLE");
        assertCode(() -> SPLITTER.split(bytes("[{\"resourceType\":\"Bundle\"}]")), "FHIR_NOT_A_BUNDLE");
        assertCode(() -> SPLITTER.split(bytes("{\"type\":\"collection\",\"entry\":[]}")), "FHIR_NOT_A_BUNDLE");
        assertCode(() -> SPLITTER.split(bytes("\"Bundle\"")), "FHIR_NOT_A_BUNDLE");
    }

    @Test
    void rejectsInvalidFhirInsideTheBundle() throws IOException {
        ObjectNode bundle = syntheaTree();
        ((ObjectNode) bundle.get("entry").get(3).get("resource")).put("notAnElement", 1);
        assertCode(() -> SPLITTER.split(JSON.writeValueAsBytes(bundle)), "FHIR_MALFORMED");
    }

    @Test
    void rejectsBundleTypesThatAreNotIngestible() throws IOException {
        for (String type : List.of("searchset", "history", "document", "message", "transaction-response")) {
            ObjectNode bundle = syntheaTree();
            bundle.put("type", type);
            assertCode(() -> SPLITTER.split(JSON.writeValueAsBytes(bundle)), "FHIR_BUNDLE_TYPE_UNSUPPORTED");
        }
        ObjectNode untyped = syntheaTree();
        untyped.remove("type");
        assertCode(() -> SPLITTER.split(JSON.writeValueAsBytes(untyped)), "FHIR_BUNDLE_TYPE_UNSUPPORTED");
    }

    @Test
    void rejectsABundleWithoutPatient() throws IOException {
        ObjectNode bundle = syntheaTree();
        ((ArrayNode) bundle.get("entry")).remove(0);
        assertCode(() -> SPLITTER.split(JSON.writeValueAsBytes(bundle)), "FHIR_NO_PATIENT");
        assertCode(() -> SPLITTER.split(bytes("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}")),
                "FHIR_NO_PATIENT");
    }

    @Test
    void rejectsTwoPatients() throws IOException {
        ObjectNode bundle = syntheaTree();
        ObjectNode second = bundle.get("entry").get(0).deepCopy();
        second.put("fullUrl", "urn:uuid:00000000-0000-4000-8000-000000000000");
        ((ObjectNode) second.get("resource")).put("id", "00000000-0000-4000-8000-000000000000");
        ((ArrayNode) bundle.get("entry")).add(second);
        assertCode(() -> SPLITTER.split(JSON.writeValueAsBytes(bundle)), "FHIR_MULTIPLE_PATIENTS");
    }

    @Test
    void rejectsAPatientWithoutId() throws IOException {
        ObjectNode bundle = syntheaTree();
        ((ObjectNode) bundle.get("entry").get(0).get("resource")).remove("id");
        assertCode(() -> SPLITTER.split(JSON.writeValueAsBytes(bundle)), "FHIR_PATIENT_WITHOUT_ID");
    }

    @Test
    void rejectsAnEntryWithoutResource() throws IOException {
        ObjectNode bundle = syntheaTree();
        ((ObjectNode) bundle.get("entry").get(5)).remove("resource");
        assertThatCodeAndMessage(() -> SPLITTER.split(JSON.writeValueAsBytes(bundle)), "FHIR_ENTRY_WITHOUT_RESOURCE",
                "entry[5]");
    }

    @Test
    void rejectsAnEntryNothingCouldReference() throws IOException {
        ObjectNode bundle = syntheaTree();
        ObjectNode entry = (ObjectNode) bundle.get("entry").get(7);
        entry.remove("fullUrl");
        ((ObjectNode) entry.get("resource")).remove("id");
        assertCode(() -> SPLITTER.split(JSON.writeValueAsBytes(bundle)), "FHIR_ENTRY_UNADDRESSABLE");
    }

    @Test
    void rejectsDuplicateFullUrls() throws IOException {
        ObjectNode bundle = syntheaTree();
        ((ObjectNode) bundle.get("entry").get(9)).put("fullUrl", bundle.get("entry").get(8).get("fullUrl").asText());
        assertCode(() -> SPLITTER.split(JSON.writeValueAsBytes(bundle)), "FHIR_DUPLICATE_FULL_URL");
    }

    private static ObjectNode syntheaTree() throws IOException {
        return (ObjectNode) JSON.readTree(SyntheaBundles.read("synthea-patient-1.json"));
    }

    private static void collectReferences(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("reference") && field.getValue().isTextual()) {
                    out.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, out));
        }
    }

    private static void assertThatCodeAndMessage(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
            String code, String messagePart) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOfSatisfying(CareledgerException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }
}
