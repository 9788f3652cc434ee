package org.careledger.epcis.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.epcis.gs1.Gs1Assertions.assertRejected;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ElementStringTest {
    private static final char GS = '\u001D';

    @Test
    void parsesTheHumanReadableForm() {
        ElementString es = ElementString.parse("(01)09506000134352(17)291231(10)AB(C)1(21)X(Y)");
        assertThat(es.values()).containsExactly(Map.entry("01", "09506000134352"), Map.entry("17", "291231"),
                Map.entry("10", "AB(C)1"), Map.entry("21", "X(Y)"));
        assertThat(es.render()).isEqualTo("(01)09506000134352(17)291231(10)AB(C)1(21)X(Y)");
    }

    @Test
    void parsesTheScannedFormWithGroupSeparators() {
        ElementString es = ElementString.parse("]d2010950600013435217291231" + "10AB1" + GS + "21XYZ");
        assertThat(es.values()).containsExactly(Map.entry("01", "09506000134352"), Map.entry("17", "291231"),
                Map.entry("10", "AB1"), Map.entry("21", "XYZ"));
    }

    @Test
    void saysWhatIsWrong() {
        assertRejected(() -> ElementString.parse("(01)0950600013435(21)X"),
                Gs1ErrorCode.GS1_MALFORMED_ELEMENT_STRING, "(01) takes exactly 14 digits");
        assertRejected(() -> ElementString.parse("(01)09506000134352(99)X"),
                Gs1ErrorCode.GS1_MALFORMED_ELEMENT_STRING, "AI (99) is not supported");
        assertRejected(() -> ElementString.parse("(21)A(21)B"), Gs1ErrorCode.GS1_MALFORMED_ELEMENT_STRING,
                "(21) appears twice");
        assertRejected(() -> ElementString.parse("(21)"), Gs1ErrorCode.GS1_MALFORMED_ELEMENT_STRING, "no value");
        assertRejected(() -> ElementString.parse("99123"), Gs1ErrorCode.GS1_MALFORMED_ELEMENT_STRING,
                "no supported AI");
        assertRejected(() -> ElementString.parse(""), Gs1ErrorCode.GS1_MALFORMED_ELEMENT_STRING, "empty");
        assertRejected(() -> ElementString.parse("(17)29A231"), Gs1ErrorCode.GS1_MALFORMED_ELEMENT_STRING,
                "(17) must be digits");
    }
}
