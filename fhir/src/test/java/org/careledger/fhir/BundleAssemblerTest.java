package org.careledger.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.fhir.FhirR4Test.assertCode;
import static org.careledger.fhir.FhirR4Test.bytes;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BundleAssemblerTest {

    private static final FhirR4 FHIR = FhirR4.shared();
    private static final BundleSplitter SPLITTER = new BundleSplitter(FHIR);
    private static final BundleAssembler ASSEMBLER = new BundleAssembler(FHIR);

    @ParameterizedTest
    @MethodSource("org.careledger.fhir.SyntheaBundles#names")
    void splitThenAssembleGivesTheSameRecords(String name) {
        SplitBundle split = SyntheaBundles.split(name);
        for (BundleType type : List.of(BundleType.COLLECTION, BundleType.TRANSACTION)) {
            byte[] assembled = ASSEMBLER.assemble(type, split.entries());

            Bundle parsed = FHIR.parseResource(Bundle.class, assembled);
            assertThat(parsed.getType()).isEqualTo(type);
            assertThat(parsed.getEntry()).hasSize(split.entries().size());
            assertThat(RequiredElements.missing(FHIR.context(), parsed)).isEmpty();
            if (type == BundleType.TRANSACTION) {
                // references are kept as written, and Synthea writes conditional ones (Practitioner?identifier=…),
                // which R4 allows in transactions only: as a collection the same entries are not valid R4
                assertThat(R4ProfileValidation.errors(parsed)).as(parsed.fhirType()).isEmpty();
            }

            SplitBundle again = SPLITTER.split(assembled);
            assertThat(again).isEqualTo(split); // same fullUrls, bytes and references, in the same order
            assertThat(again.danglingReferences()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("org.careledger.fhir.SyntheaBundles#names")
    void bareRecordsGetUrnUuidFullUrlsSoSyntheaReferencesResolve(String name) {
        SplitBundle split = SyntheaBundles.split(name);
        List<byte[]> records = new ArrayList<>();
        split.entries().forEach(e -> records.add(e.resourceJson()));

        SplitBundle again = SPLITTER.split(ASSEMBLER.assembleResources(BundleType.COLLECTION, records));

        assertThat(again).isEqualTo(split);
        assertThat(again.danglingReferences()).isEmpty();
    }

    @Test
    void transactionEntriesPostEachResourceType() {
        byte[] assembled = ASSEMBLER.assembleResources(BundleType.TRANSACTION, List.of(
                bytes("{\"resourceType\":\"Patient\",\"id\":\"0b6e1fd2-6f7c-4f0e-9c3f-1d2a3b4c5d6e\"}"),
                bytes("{\"resourceType\":\"Condition\",\"id\":\"local-1\","
                        + "\"subject\":{\"reference\":\"urn:uuid:0b6e1fd2-6f7c-4f0e-9c3f-1d2a3b4c5d6e\"}}")));
        Bundle bundle = FHIR.parseResource(Bundle.class, assembled);
        assertThat(bundle.getEntry().get(0).getFullUrl()).isEqualTo("urn:uuid:0b6e1fd2-6f7c-4f0e-9c3f-1d2a3b4c5d6e");
        assertThat(bundle.getEntry().get(1).hasFullUrl()).as("a non-UUID id has no urn:uuid form").isFalse();
        assertThat(bundle.getEntry()).allSatisfy(e -> {
            assertThat(e.getRequest().getMethod()).isEqualTo(HTTPVerb.POST);
            assertThat(e.getRequest().getUrl()).isEqualTo(e.getResource().fhirType());
        });
        assertThat(SPLITTER.split(assembled).danglingReferences()).isEmpty();
    }

    @Test
    void isDeterministic() {
        SplitBundle split = SyntheaBundles.split("synthea-patient-3.json");
        assertThat(ASSEMBLER.assemble(BundleType.COLLECTION, split.entries()))
                .isEqualTo(ASSEMBLER.assemble(BundleType.COLLECTION, split.entries()));
    }

    @Test
    void rejectsBundleTypesThatDoNotCarryRecords() {
        assertCode(() -> ASSEMBLER.assembleResources(BundleType.SEARCHSET, List.of()), "FHIR_BUNDLE_TYPE_UNSUPPORTED");
        assertCode(() -> ASSEMBLER.assembleResources(null, List.of()), "FHIR_BUNDLE_TYPE_UNSUPPORTED");
    }

    @Test
    void rejectsAMalformedRecord() {
        assertCode(() -> ASSEMBLER.assembleResources(BundleType.COLLECTION,
                List.of(bytes("{\"resourceType\":\"Patient\"}"), bytes("{oops"))), "FHIR_MALFORMED");
    }

    @Test
    void rejectsTheSameRecordTwice() {
        byte[] patient = bytes("{\"resourceType\":\"Patient\",\"id\":\"0b6e1fd2-6f7c-4f0e-9c3f-1d2a3b4c5d6e\"}");
        assertCode(() -> ASSEMBLER.assembleResources(BundleType.COLLECTION, List.of(patient, patient)),
                "FHIR_DUPLICATE_FULL_URL");
    }
}
