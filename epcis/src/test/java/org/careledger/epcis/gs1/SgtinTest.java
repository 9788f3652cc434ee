package org.careledger.epcis.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.epcis.gs1.Gs1Assertions.assertRejected;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SgtinTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // EPC URIs from the GS1 EPCIS examples; the GTIN check digits were computed independently
            "urn:epc:id:sgtin:0614141.107346.2017, 10614141073464, 2017, 0614141",
            "urn:epc:id:sgtin:9520001.012346.10000001001, 09520001123467, 10000001001, 9520001",
            "urn:epc:id:sgtin:4000001.065432.99886655, 04000001654321, 99886655, 4000001",
            "urn:epc:id:sgtin:4012345.033333.AGHFG, 04012345333336, AGHFG, 4012345",
            "urn:epc:id:sgtin:012345678901.1.X, 10123456789019, X, 012345678901",
            "urn:epc:id:sgtin:123456.1234567.A.B, 11234562345675, A.B, 123456"
    })
    void epcUriGivesGtinWithComputedCheckDigit(String uri, String gtin, String serial, String prefix) {
        Sgtin sgtin = Sgtin.fromEpcUri(uri);
        assertThat(sgtin.gtin().digits()).isEqualTo(gtin);
        assertThat(sgtin.serial()).isEqualTo(serial);
        assertThat(sgtin.companyPrefix()).contains(CompanyPrefix.of(prefix));
        assertThat(sgtin.toEpcUri()).isEqualTo(uri);
        assertThat(Sgtin.parse(uri)).isEqualTo(sgtin);
    }

    @Test
    void digitalLinkFromAnyHostAndPathParsesToTheSamePack() {
        Sgtin expected = Sgtin.fromEpcUri("urn:epc:id:sgtin:0614141.712345.2017");
        assertThat(Sgtin.parse("https://id.gs1.org/01/70614141123451/21/2017")).isEqualTo(expected);
        assertThat(Sgtin.parse("https://brand.example.com/products/01/70614141123451/21/2017?linkType=all"))
                .isEqualTo(expected);
        assertThat(Sgtin.parse("http://example.org/01/70614141123451/10/LOT7/21/2017/")).isEqualTo(expected);
        Sgtin fromLink = Sgtin.parse("https://id.gs1.org/01/70614141123451/21/2017");
        assertThat(fromLink.companyPrefix()).isEmpty();
        assertThat(fromLink.gtin().startsWith(CompanyPrefix.of("0614141"))).isTrue();
    }

    @Test
    void elementStringParsesInBothForms() {
        Sgtin expected = new Sgtin(new Gtin("09506000134352"), "ABC");
        assertThat(Sgtin.parse("(01)09506000134352(21)ABC")).isEqualTo(expected);
        assertThat(Sgtin.parse("]d20109506000134352" + "21ABC")).isEqualTo(expected);
        assertThat(Sgtin.parse("(01)09506000134352(17)291231(10)L1(21)ABC")).isEqualTo(expected);
        assertThat(Sgtin.parse("0109506000134352" + "21ABC\u001D10L1")).isEqualTo(expected);
    }

    @Test
    void rendersAllThreeForms() {
        Sgtin sgtin = Sgtin.fromEpcUri("urn:epc:id:sgtin:0614141.107346.2017");
        assertThat(sgtin.toDigitalLink()).isEqualTo("https://id.gs1.org/01/10614141073464/21/2017");
        assertThat(sgtin.toDigitalLink("https://dl.example.com/")).isEqualTo(
                "https://dl.example.com/01/10614141073464/21/2017");
        assertThat(sgtin.toElementString()).isEqualTo("(01)10614141073464(21)2017");
        assertThat(sgtin.toUri()).isEqualTo("urn:epc:id:sgtin:0614141.107346.2017");
        assertThat(sgtin.withCompanyPrefix(CompanyPrefix.of("061414")).toEpcUri())
                .isEqualTo("urn:epc:id:sgtin:061414.1107346.2017");
    }

    @Test
    void equalityIgnoresTheCompanyPrefixButTheEpcUriNeedsIt() {
        Sgtin withPrefix = Sgtin.fromEpcUri("urn:epc:id:sgtin:0614141.107346.2017");
        Sgtin withoutPrefix = new Sgtin(new Gtin("10614141073464"), "2017");
        assertThat(withoutPrefix).isEqualTo(withPrefix).hasSameHashCodeAs(withPrefix);
        assertThat(withoutPrefix.toUri()).isEqualTo("https://id.gs1.org/01/10614141073464/21/2017");
        assertRejected(withoutPrefix::toEpcUri, Gs1ErrorCode.GS1_COMPANY_PREFIX_UNKNOWN,
                "company-prefix length is unknown");
        assertRejected(() -> withoutPrefix.withCompanyPrefix(CompanyPrefix.of("4012345")),
                Gs1ErrorCode.GS1_BAD_COMPANY_PREFIX, "not allocated under company prefix 4012345");
    }

    @Test
    void serialsUseTheEpcUriEscapes() {
        Sgtin sgtin = new Sgtin(new Gtin("10614141073464"), "a/b%c?\"&<>", Optional.of(CompanyPrefix.of("0614141")));
        String uri = sgtin.toEpcUri();
        assertThat(uri).isEqualTo("urn:epc:id:sgtin:0614141.107346.a%2Fb%25c%3F%22%26%3C%3E");
        assertThat(Sgtin.fromEpcUri(uri).serial()).isEqualTo("a/b%c?\"&<>");
        assertThat(Sgtin.fromDigitalLink(sgtin.toDigitalLink()).serial()).isEqualTo("a/b%c?\"&<>");
    }

    @Test
    void saysWhatIsWrongWithAMalformedEpcUri() {
        assertRejected(() -> Sgtin.fromEpcUri("urn:epc:id:sgtin:0614141.10734.2017"), Gs1ErrorCode.GS1_MALFORMED_EPC,
                "have 7+5 digits, together they must have 13");
        assertRejected(() -> Sgtin.fromEpcUri("urn:epc:id:sgtin:0614141107346.2017"),
                Gs1ErrorCode.GS1_MALFORMED_EPC, "CompanyPrefix.IndicatorItemRef.Serial");
        assertRejected(() -> Sgtin.fromEpcUri("urn:epc:id:sgtin:06141.4107346X.1"), Gs1ErrorCode.GS1_MALFORMED_EPC,
                "company prefix '06141' has 5 digits");
        assertRejected(() -> Sgtin.fromEpcUri("urn:epc:id:sgtin:0614141.1073A6.1"), Gs1ErrorCode.GS1_MALFORMED_EPC,
                "indicator/item reference must be digits");
        assertRejected(() -> Sgtin.fromEpcUri("urn:epc:id:sgtin:0614141.107346.a/b"), Gs1ErrorCode.GS1_MALFORMED_EPC,
                "must be written as %2F");
        assertRejected(() -> Sgtin.fromEpcUri("urn:epc:id:sgtin:0614141.107346.a%zz"),
                Gs1ErrorCode.GS1_MALFORMED_EPC, "%XX escape");
        assertRejected(() -> Sgtin.fromEpcUri("urn:epc:id:sscc:0614141.1234567890"),
                Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER, "expected a urn:epc:id:sgtin URI");
    }

    @Test
    void saysWhatIsWrongWithASerial() {
        Gtin gtin = new Gtin("10614141073464");
        assertRejected(() -> new Sgtin(gtin, ""), Gs1ErrorCode.GS1_BAD_SERIAL, "serial (AI 21) is empty");
        assertRejected(() -> new Sgtin(gtin, "123456789012345678901"), Gs1ErrorCode.GS1_BAD_SERIAL,
                "has 21 characters, at most 20");
        assertRejected(() -> new Sgtin(gtin, "AB C"), Gs1ErrorCode.GS1_BAD_SERIAL,
                "contains U+0020, which is not in the GS1 AI encodable character set 82");
        assertRejected(() -> new Sgtin(gtin, "AB#"), Gs1ErrorCode.GS1_BAD_SERIAL, "contains '#'");
        assertRejected(() -> new Sgtin(gtin, "ÄB"), Gs1ErrorCode.GS1_BAD_SERIAL, "U+00C4");
    }

    @Test
    void rejectsABadCheckDigitInDigitalLinkAndElementString() {
        assertRejected(() -> Sgtin.parse("https://id.gs1.org/01/70614141123452/21/2017"),
                Gs1ErrorCode.GS1_BAD_CHECK_DIGIT, "GTIN 70614141123452 ends in check digit 2, but its digits give 1");
        assertRejected(() -> Sgtin.parse("(01)09506000134353(21)ABC"), Gs1ErrorCode.GS1_BAD_CHECK_DIGIT,
                "09506000134353");
    }

    @Test
    void rejectsLinksAndStringsThatAreNotOnePack() {
        assertRejected(() -> Sgtin.parse("https://id.gs1.org/01/70614141123451"),
                Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER, "/01/{gtin}/21/{serial}");
        assertRejected(() -> Sgtin.parse("https://id.gs1.org/01/70614141123451/22/V1/21/7"),
                Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER, "qualifier /22/ is not part of an SGTIN");
        assertRejected(() -> Sgtin.parse("https://id.gs1.org/00/106141412345678908"),
                Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER, "serialized item");
        assertRejected(() -> Sgtin.parse("(01)09506000134352"), Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER,
                "has no (21) serial");
        assertRejected(() -> Sgtin.parse("https://example.com/po/12345"), Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK,
                "has no GS1 primary key");
    }
}
