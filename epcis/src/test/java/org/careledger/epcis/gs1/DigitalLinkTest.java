package org.careledger.epcis.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.epcis.gs1.Gs1Assertions.assertRejected;

import org.junit.jupiter.api.Test;

class DigitalLinkTest {

    @Test
    void findsTheKeyBehindAnyHostAndPathAndIgnoresTheQuery() {
        DigitalLink link = DigitalLink.parse("https://example.com/a/b/01/09506000134352/10/L%2F1/21/S1?17=291231#x");
        assertThat(link.primaryAi()).isEqualTo("01");
        assertThat(link.primaryValue()).isEqualTo("09506000134352");
        assertThat(link.qualifiers()).containsExactly(
                java.util.Map.entry("10", "L/1"), java.util.Map.entry("21", "S1"));
        assertThat(link.qualifier("21")).contains("S1");
    }

    @Test
    void plainWebAddressesAreNotDigitalLinks() {
        assertThat(DigitalLink.find("http://transaction.acme.com/po/12345678")).isEmpty();
        assertThat(DigitalLink.find("urn:epc:id:sgtin:0614141.107346.2017")).isEmpty();
        assertThat(DigitalLink.find("https://example.com/")).isEmpty();
    }

    @Test
    void percentEncodesEverythingOutsideUnreserved() {
        DigitalLink link = DigitalLink.of("01", "09506000134352", "21", "A/B%(C)+");
        assertThat(link.toUri()).isEqualTo("https://id.gs1.org/01/09506000134352/21/A%2FB%25%28C%29%2B");
        assertThat(DigitalLink.parse(link.toUri())).isEqualTo(link);
        // '+' in a path is a plus sign, not a space
        assertThat(DigitalLink.parse("https://id.gs1.org/01/09506000134352/21/A+B").qualifier("21")).contains("A+B");
    }

    @Test
    void saysWhatIsWrong() {
        assertRejected(() -> DigitalLink.parse("https://id.gs1.org/01/09506000134352/21"),
                Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK, "/{AI}/{value} pairs");
        assertRejected(() -> DigitalLink.parse("https://id.gs1.org/01/09506000134352/99/x"),
                Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK, "/99/ is not a key qualifier of /01/");
        assertRejected(() -> DigitalLink.parse("https://id.gs1.org/01/09506000134352/21/a/21/b"),
                Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK, "repeats key qualifier /21/");
        assertRejected(() -> DigitalLink.parse("https://id.gs1.org/01/0950600013435%2"),
                Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK, "is not a valid URI: Malformed escape pair");
        assertRejected(() -> DigitalLink.parse("https://id.gs1.org/01/a b"),
                Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK, "not a valid URI");
        assertRejected(() -> DigitalLink.parse("urn:x"), Gs1ErrorCode.GS1_MALFORMED_DIGITAL_LINK, "http");
    }
}
