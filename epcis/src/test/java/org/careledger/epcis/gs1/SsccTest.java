package org.careledger.epcis.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.epcis.gs1.Gs1Assertions.assertRejected;

import org.junit.jupiter.api.Test;

class SsccTest {
    /** The pallet of Example 9.6.3; the extension digit 1 moves to the front, the check digit is computed. */
    private static final String EXAMPLE_URI = "urn:epc:id:sscc:0614141.1234567890";
    private static final String EXAMPLE_DIGITS = "106141412345678908";

    @Test
    void epcUriGivesEighteenDigitsWithComputedCheckDigit() {
        Sscc sscc = Sscc.fromEpcUri(EXAMPLE_URI);
        assertThat(sscc.digits()).isEqualTo(EXAMPLE_DIGITS);
        assertThat(sscc.extensionDigit()).isEqualTo('1');
        assertThat(sscc.companyPrefix()).contains(CompanyPrefix.of("0614141"));
        assertThat(sscc.toEpcUri()).isEqualTo(EXAMPLE_URI);
    }

    @Test
    void allFormsParseToTheSameUnit() {
        Sscc expected = Sscc.of(EXAMPLE_DIGITS);
        assertThat(Sscc.parse(EXAMPLE_URI)).isEqualTo(expected);
        assertThat(Sscc.parse("https://id.gs1.org/00/" + EXAMPLE_DIGITS)).isEqualTo(expected);
        assertThat(Sscc.parse("https://logistics.example.net/sscc/00/" + EXAMPLE_DIGITS)).isEqualTo(expected);
        assertThat(Sscc.parse("(00)" + EXAMPLE_DIGITS)).isEqualTo(expected);
        assertThat(Sscc.parse("]C100" + EXAMPLE_DIGITS)).isEqualTo(expected);
        assertThat(Sscc.parse(EXAMPLE_DIGITS)).isEqualTo(expected);
    }

    @Test
    void rendersAllForms() {
        Sscc sscc = Sscc.of(EXAMPLE_DIGITS);
        assertThat(sscc.toDigitalLink()).isEqualTo("https://id.gs1.org/00/" + EXAMPLE_DIGITS);
        assertThat(sscc.toElementString()).isEqualTo("(00)" + EXAMPLE_DIGITS);
        assertThat(sscc.toUri()).isEqualTo("https://id.gs1.org/00/" + EXAMPLE_DIGITS);
        assertThat(sscc.withCompanyPrefix(CompanyPrefix.of("0614141")).toUri()).isEqualTo(EXAMPLE_URI);
        assertRejected(sscc::toEpcUri, Gs1ErrorCode.GS1_COMPANY_PREFIX_UNKNOWN, "SSCC " + EXAMPLE_DIGITS);
    }

    @Test
    void saysWhatIsWrong() {
        assertRejected(() -> Sscc.of("106141412345678907"), Gs1ErrorCode.GS1_BAD_CHECK_DIGIT,
                "ends in check digit 7, but its digits give 8");
        assertRejected(() -> Sscc.of("10614141234567890"), Gs1ErrorCode.GS1_MALFORMED_KEY, "18 digits");
        assertRejected(() -> Sscc.fromEpcUri("urn:epc:id:sscc:0614141.123456789"), Gs1ErrorCode.GS1_MALFORMED_EPC,
                "have 7+9 digits, together they must have 17");
        assertRejected(() -> Sscc.parse("https://id.gs1.org/00/106141412345678907"),
                Gs1ErrorCode.GS1_BAD_CHECK_DIGIT, "106141412345678907");
        assertRejected(() -> Sscc.of(EXAMPLE_DIGITS).withCompanyPrefix(CompanyPrefix.of("4012345")),
                Gs1ErrorCode.GS1_BAD_COMPANY_PREFIX, "not allocated under company prefix 4012345");
    }
}
