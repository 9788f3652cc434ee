package org.careledger.epcis.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.epcis.gs1.Gs1Assertions.assertRejected;

import org.junit.jupiter.api.Test;

class GtinTest {
    private static final CompanyPrefix PREFIX_4012345 = CompanyPrefix.of("4012345");

    @Test
    void acceptsFourteenDigitsWithTheRightCheckDigit() {
        Gtin gtin = new Gtin("09506000134352");
        assertThat(gtin.indicator()).isEqualTo('0');
        assertThat(gtin.checkDigit()).isEqualTo('2');
        assertThat(gtin).hasToString("09506000134352");
    }

    @Test
    void padsGtin8To13ToFourteenDigits() {
        assertThat(Gtin.of("9506000134352")).isEqualTo(new Gtin("09506000134352"));
        assertThat(Gtin.of("96385074")).isEqualTo(new Gtin("00000096385074"));
        assertThat(Gtin.of("614141000036")).isEqualTo(new Gtin("00614141000036"));
    }

    @Test
    void saysWhatIsWrongWithABadGtin() {
        assertRejected(() -> new Gtin("09506000134353"), Gs1ErrorCode.GS1_BAD_CHECK_DIGIT,
                "GTIN 09506000134353 ends in check digit 3, but its digits give 2");
        assertRejected(() -> new Gtin("0950600013435"), Gs1ErrorCode.GS1_MALFORMED_KEY, "must be 14 digits");
        assertRejected(() -> new Gtin("0950600013435A"), Gs1ErrorCode.GS1_MALFORMED_KEY, "0950600013435A");
        assertRejected(() -> new Gtin(null), Gs1ErrorCode.GS1_MALFORMED_KEY, "missing");
    }

    @Test
    void parsesEveryClassLevelForm() {
        Gtin expected = new Gtin("04012345987652");
        // the quantity entries of Example 9.6.3 and of its Digital Link variant name this GTIN
        assertThat(Gtin.parse("urn:epc:idpat:sgtin:4012345.098765.*")).isEqualTo(expected);
        assertThat(Gtin.parse("https://id.gs1.org/01/04012345987652")).isEqualTo(expected);
        assertThat(Gtin.parse("https://resolver.example.com/01/04012345987652")).isEqualTo(expected);
        assertThat(Gtin.parse("(01)04012345987652")).isEqualTo(expected);
        assertThat(Gtin.parse("0104012345987652")).isEqualTo(expected);
        assertThat(Gtin.parse("04012345987652")).isEqualTo(expected);
    }

    @Test
    void rendersEpcPatternDigitalLinkAndElementString() {
        Gtin gtin = new Gtin("04012345987652");
        assertThat(gtin.toEpcPattern(PREFIX_4012345)).isEqualTo("urn:epc:idpat:sgtin:4012345.098765.*");
        assertThat(gtin.toDigitalLink()).isEqualTo("https://id.gs1.org/01/04012345987652");
        assertThat(gtin.toElementString()).isEqualTo("(01)04012345987652");
    }

    @Test
    void knowsWhichCompanyPrefixItWasAllocatedUnder() {
        Gtin gtin = new Gtin("04012345987652");
        assertThat(gtin.startsWith(PREFIX_4012345)).isTrue();
        assertThat(gtin.startsWith(CompanyPrefix.of("401234"))).isTrue();
        assertThat(gtin.startsWith(CompanyPrefix.of("0614141"))).isFalse();
        assertThat(gtin.indicatorItemReference(PREFIX_4012345)).isEqualTo("098765");
        assertRejected(() -> gtin.toEpcPattern(CompanyPrefix.of("0614141")), Gs1ErrorCode.GS1_BAD_COMPANY_PREFIX,
                "not allocated under company prefix 0614141");
    }

    @Test
    void rejectsPatternsAndLinksThatAreNotOneGtin() {
        assertRejected(() -> Gtin.parse("urn:epc:idpat:sgtin:4012345.098765.12"), Gs1ErrorCode.GS1_MALFORMED_EPC,
                "only the '*' serial pattern");
        assertRejected(() -> Gtin.parse("https://id.gs1.org/01/04012345987652/21/7"),
                Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER, "without qualifiers");
        assertRejected(() -> Gtin.parse("urn:epc:id:sscc:0614141.1234567890"), Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER,
                "expected a urn:epc:idpat:sgtin URI");
        assertRejected(() -> Gtin.parse("ABC"), Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER, "neither an EPC URI");
    }

    @Test
    void companyPrefixIsSixToTwelveDigits() {
        assertThat(CompanyPrefix.of("123456").length()).isEqualTo(6);
        assertRejected(() -> CompanyPrefix.of("12345"), Gs1ErrorCode.GS1_BAD_COMPANY_PREFIX, "6 to 12 digits");
        assertRejected(() -> CompanyPrefix.of("1234567890123"), Gs1ErrorCode.GS1_BAD_COMPANY_PREFIX, "6 to 12");
        assertRejected(() -> CompanyPrefix.of("12345a"), Gs1ErrorCode.GS1_BAD_COMPANY_PREFIX, "12345a");
    }
}
