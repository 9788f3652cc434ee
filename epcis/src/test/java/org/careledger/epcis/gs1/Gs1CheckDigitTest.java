package org.careledger.epcis.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Gs1CheckDigitTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // GS1's own example GTIN, and keys that the GS1 EPCIS examples spell out in Digital Link form
            "0950600013435, 2",
            "7061414112345, 1",
            "0401234598765, 2",
            "0401234512345, 6",
            // the GLN inside urn:epcglobal:cbv:bt:0614141073467:1152 of Example 9.6.1
            "061414107346, 7",
            "10614141234567890, 8",
            "0000000000000, 0"
    })
    void computesTheGs1Mod10CheckDigit(String data, char expected) {
        assertThat(Gs1CheckDigit.compute(data)).isEqualTo(expected);
        assertThat(Gs1CheckDigit.isValid(data + expected)).isTrue();
    }

    @Test
    void rejectsKeysWithAnotherLastDigitOrNonDigits() {
        assertThat(Gs1CheckDigit.isValid("09506000134353")).isFalse();
        assertThat(Gs1CheckDigit.isValid("0950600013435X")).isFalse();
        assertThat(Gs1CheckDigit.isValid("5")).isFalse();
        assertThatThrownBy(() -> Gs1CheckDigit.compute("12a4")).isInstanceOf(IllegalArgumentException.class);
    }
}
