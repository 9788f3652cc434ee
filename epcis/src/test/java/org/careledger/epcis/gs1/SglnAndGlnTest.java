package org.careledger.epcis.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.epcis.gs1.Gs1Assertions.assertRejected;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SglnAndGlnTest {

    @Test
    void sglnEpcUriGivesGlnWithComputedCheckDigitAndExtension() {
        Sgln readPoint = Sgln.fromEpcUri("urn:epc:id:sgln:0614141.07346.1234");
        // the same GLN appears spelled out in urn:epcglobal:cbv:bt:0614141073467:1152 of Example 9.6.1
        assertThat(readPoint.gln()).isEqualTo(Gln.of("0614141073467"));
        assertThat(readPoint.extension()).contains("1234");
        assertThat(readPoint.toEpcUri()).isEqualTo("urn:epc:id:sgln:0614141.07346.1234");
        assertThat(readPoint.toDigitalLink()).isEqualTo("https://id.gs1.org/414/0614141073467/254/1234");
        assertThat(readPoint.toElementString()).isEqualTo("(414)0614141073467(254)1234");
    }

    @Test
    void extensionZeroMeansNoExtension() {
        Sgln location = Sgln.fromEpcUri("urn:epc:id:sgln:0012345.11111.0");
        assertThat(location.extension()).isEmpty();
        assertThat(location.gln()).isEqualTo(Gln.of("0012345111112"));
        assertThat(location.toEpcUri()).isEqualTo("urn:epc:id:sgln:0012345.11111.0");
        assertThat(location.toDigitalLink()).isEqualTo("https://id.gs1.org/414/0012345111112");
        assertThat(Sgln.parse("https://id.gs1.org/414/0012345111112")).isEqualTo(location);
        assertThat(Sgln.parse("(414)0012345111112")).isEqualTo(location);
    }

    @Test
    void twelveDigitPrefixLeavesAnEmptyLocationReference() {
        Sgln location = Sgln.fromEpcUri("urn:epc:id:sgln:061414100000..0");
        assertThat(location.gln()).isEqualTo(Gln.of("0614141000005"));
        assertThat(location.toEpcUri()).isEqualTo("urn:epc:id:sgln:061414100000..0");
    }

    @Test
    void partyGlnFromPglnUriDigitalLinkAndElementString() {
        Gln owner = Gln.parse("urn:epc:id:pgln:9520001.11111");
        assertThat(owner).isEqualTo(Gln.of("9520001111112"));
        assertThat(Gln.parse("https://id.gs1.org/417/9520001111112")).isEqualTo(owner);
        assertThat(Gln.parse("(417)9520001111112")).isEqualTo(owner);
        assertThat(Gln.parse("9520001111112")).isEqualTo(owner);
        assertThat(owner.toPglnUri(CompanyPrefix.of("9520001"))).isEqualTo("urn:epc:id:pgln:9520001.11111");
        assertThat(owner.toPartyDigitalLink()).isEqualTo("https://id.gs1.org/417/9520001111112");
    }

    @Test
    void saysWhatIsWrong() {
        assertRejected(() -> Sgln.fromEpcUri("urn:epc:id:sgln:0614141.0734.1234"), Gs1ErrorCode.GS1_MALFORMED_EPC,
                "have 7+4 digits, together they must have 12");
        assertRejected(() -> Gln.of("0614141073468"), Gs1ErrorCode.GS1_BAD_CHECK_DIGIT, "GLN 0614141073468");
        assertRejected(() -> new Sgln(Gln.of("0614141073467"), Optional.of("a b"), Optional.empty()),
                Gs1ErrorCode.GS1_BAD_EXTENSION, "GLN extension (AI 254)");
        assertRejected(() -> Gln.parse("urn:epc:id:sgln:0614141.07346.0"), Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER,
                "expected a urn:epc:id:pgln URI");
        assertRejected(() -> Sgln.parse("https://id.gs1.org/417/9520001111112"),
                Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER, "/414/{gln}");
    }
}
