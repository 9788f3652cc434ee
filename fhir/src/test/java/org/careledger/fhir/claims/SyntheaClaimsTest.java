package org.careledger.fhir.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.careledger.core.CareledgerException;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimLine;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.SyntheaBundles;
import org.junit.jupiter.api.Test;

/** Every Claim of every Synthea test Bundle through the mapping: the amounts asked add up to the Claims' totals. */
class SyntheaClaimsTest {
    private final SyntheaClaims claims = new SyntheaClaims(FhirR4.shared());

    @Test
    void everyClaimOfEveryBundleIsImportedAndTheSubmittedSumIsTheClaimTotalSum() throws IOException {
        long submitted = 0;
        BigDecimal totals = BigDecimal.ZERO;
        int count = 0;
        int apportioned = 0;
        for (String name : SyntheaBundles.NAMES) {
            byte[] bundle = SyntheaBundles.read(name);
            JsonNode json = new ObjectMapper().readTree(bundle);
            Map<String, String> types = new HashMap<>();
            int claimsInBundle = 0;
            for (JsonNode entry : json.get("entry")) {
                String type = entry.get("resource").get("resourceType").asText();
                types.put(entry.get("fullUrl").asText(), type);
                if (type.equals("Claim")) {
                    totals = totals.add(entry.get("resource").get("total").get("value").decimalValue());
                    claimsInBundle++;
                }
            }
            List<ImportedClaim> imported = claims.read(bundle);
            assertThat(imported).as(name).hasSize(claimsInBundle);
            Map<String, String> recordIds = new HashMap<>();
            Set<String> fingerprints = new HashSet<>();
            for (ImportedClaim c : imported) {
                for (ImportedClaim.Line line : c.lines()) {
                    assertThat(types.get(line.billedFullUrl())).as(c.sourceClaimId())
                            .isIn("Encounter", "MedicationRequest");
                    recordIds.putIfAbsent(line.billedFullUrl(), "rec-" + recordIds.size());
                }
                ClaimContent content = c.toContent("c-" + count, "p-abcdef", "cov-1", "hospital-a", recordIds);
                assertThat(content.totalCents()).isEqualTo(c.totalCents());
                assertThat(content.lines()).allMatch(l -> l.submittedCents() >= 0);
                for (ClaimLine line : content.lines()) {
                    // what the contract's duplicate rule sees: every (service, day) of the patient once
                    assertThat(fingerprints.add(line.service().key() + "\n" + content.serviceDate()))
                            .as(name + " " + c.sourceClaimId() + " " + line.service().key()).isTrue();
                }
                submitted += content.totalCents();
                apportioned += c.apportioned() ? 1 : 0;
                count++;
            }
        }
        assertThat(count).isEqualTo(49);
        assertThat(submitted).isEqualTo(totals.movePointRight(2).longValueExact());
        assertThat(apportioned).as("Synthea's lines exceed the total of some encounters").isPositive();
    }

    @Test
    void repeatedProceduresOfOneEncounterAreOneLineWithAQuantityAndFindingsAreDiagnoses() {
        ImportedClaim claim = claims.read(SyntheaBundles.read("synthea-patient-2.json")).stream()
                .filter(c -> c.sourceClaimId().startsWith("55607cad")).findFirst().orElseThrow();
        ImportedClaim.Line repeated = claim.lines().stream()
                .filter(l -> l.service().code().equals("385763009")).findFirst().orElseThrow();
        assertThat(repeated.quantity()).isEqualTo(22);
        assertThat(claim.lines()).extracting(l -> l.service().key()).doesNotHaveDuplicates();
        ImportedClaim first = claims.read(SyntheaBundles.read("synthea-patient-1.json")).get(0);
        assertThat(first.totalCents()).isEqualTo(70_420);
        assertThat(first.lines()).hasSize(1);
        assertThat(first.lines().get(0).submittedCents()).isEqualTo(70_420);
        assertThat(first.diagnoses()).extracting(d -> d.code()).containsExactly("160968000");
        assertThat(first.payer()).isEqualTo("Humana");
        assertThat(first.serviceDate()).isEqualTo("2020-06-22");
        assertThat(first.eobPaymentCents()).isNotNull();
    }

    @Test
    void aClaimWithoutATotalOrWhoseRecordIsMissingIsRefusedWithACode() {
        String bundle = """
                {"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:c1","resource":{
                "resourceType":"Claim","id":"c1","status":"active","use":"claim","type":{"coding":[{"system":
                "http://terminology.hl7.org/CodeSystem/claim-type","code":"professional"}]},"patient":{"reference":
                "urn:uuid:p"},"created":"2024-01-01","provider":{"display":"x"},"priority":{"coding":[{"code":"normal"}]},
                "insurance":[{"sequence":1,"focal":true,"coverage":{"display":"Humana"}}],
                "billablePeriod":{"start":"2024-01-01T10:00:00+00:00"},
                "item":[{"sequence":1,"productOrService":{"coding":[{"system":"http://snomed.info/sct","code":"1"}]},
                "encounter":[{"reference":"urn:uuid:e1"}]}]}}]}""";
        assertThatThrownBy(() -> claims.read(bundle.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("FHIR_CLAIM_UNMAPPABLE"))
                .hasMessageContaining("total");
        ImportedClaim first = claims.read(SyntheaBundles.read("synthea-patient-1.json")).get(0);
        assertThatThrownBy(() -> first.toContent("c-1", "p-abcdef", "cov-1", "hospital-a", Map.of()))
                .isInstanceOfSatisfying(CareledgerException.class,
                        e -> assertThat(e.code()).isEqualTo("FHIR_CLAIM_UNMAPPABLE"));
    }
}
