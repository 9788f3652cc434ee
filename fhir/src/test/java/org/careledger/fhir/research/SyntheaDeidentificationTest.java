package org.careledger.fhir.research;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.careledger.core.research.Dataset;
import org.careledger.core.research.Pseudonyms;
import org.careledger.core.research.SafeHarbor;
import org.careledger.fhir.SyntheaBundles;
import org.junit.jupiter.api.Test;

/**
 * Safe Harbor over the real Synthea Bundles: every patient's names, identifiers (MRN, SSN, driver's licence,
 * passport), telecom, address parts, full birth date and resource ids are gone from the released dataset, which
 * re-derives its Merkle root from its file bytes.
 */
class SyntheaDeidentificationTest {
    private static final byte[] STUDY_KEY = new byte[32];

    @Test
    void noIdentifierOfAnySyntheaPatientSurvives() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<byte[]> all = new ArrayList<>();
        List<String> identifiers = new ArrayList<>();
        for (String name : SyntheaBundles.NAMES) {
            JsonNode bundle = json.readTree(SyntheaBundles.read(name));
            List<JsonNode> resources = new ArrayList<>();
            bundle.path("entry").forEach(e -> resources.add(e.path("resource")));
            JsonNode patient = resources.stream().filter(r -> r.path("resourceType").asText().equals("Patient"))
                    .findFirst().orElseThrow();
            patient.path("name").forEach(n -> {
                identifiers.add(n.path("family").asText());
                n.path("given").forEach(g -> identifiers.add(g.asText()));
            });
            patient.path("identifier").forEach(i -> identifiers.add(i.path("value").asText()));
            patient.path("telecom").forEach(t -> identifiers.add(t.path("value").asText()));
            patient.path("address").forEach(a -> {
                a.path("line").forEach(l -> identifiers.add(l.asText()));
                identifiers.add(a.path("city").asText());
                identifiers.add(a.path("postalCode").asText());
            });
            identifiers.add(patient.path("birthDate").asText());
            identifiers.add(patient.path("id").asText());
            resources.forEach(r -> identifiers.add(r.path("id").asText()));
            List<byte[]> out = SafeHarbor.release(resources, new Pseudonyms(STUDY_KEY), 2026);
            assertThat(out.size()).isGreaterThan(10);
            all.addAll(out);
        }
        Dataset dataset = Dataset.of(all);
        String text = new String(dataset.bytes(), StandardCharsets.UTF_8);
        assertThat(identifiers).hasSizeGreaterThan(100);
        for (String identifier : identifiers) {
            if (!identifier.isBlank()) {
                assertThat(text).as("an identifier of a Synthea patient").doesNotContain(identifier);
            }
        }
        assertThat(text).doesNotContainPattern("\"[0-9]{4}-[0-9]{2}-[0-9]{2}");
        assertThat(Dataset.parse(dataset.bytes()).merkleRoot()).isEqualTo(dataset.merkleRoot());
    }
}
