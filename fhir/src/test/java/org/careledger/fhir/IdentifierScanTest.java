package org.careledger.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifierScanTest {
    @Test
    void aPostalCodeIsFoundAsANumberOfItsOwnNotInsideHashesOrTimestamps() {
        List<String> zip = List.of("01420");
        assertThat(IdentifierScan.inText("{\"postalCode\":\"01420\"}", "json", zip)).containsExactly("01420 in json");
        assertThat(IdentifierScan.inText("lives at 01420, Fitchburg", "text", zip)).hasSize(1);
        assertThat(IdentifierScan.inText("01420", "alone", zip)).hasSize(1);
        assertThat(IdentifierScan.inText("hash 9f3a01420bc7 and 1765101420123 ms", "noise", zip)).isEmpty();
    }

    @Test
    void namesAndLongIdentifiersAreFoundAnywhere() {
        assertThat(IdentifierScan.inText("xxMarquardtxx", "blob", List.of("Marquardt"))).hasSize(1);
        assertThat(IdentifierScan.inText("a999123456789b", "blob", List.of("999123456789"))).hasSize(1);
    }
}
