package org.careledger.epcis.gs1;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.careledger.core.CareledgerException;

/** Asserts that GS1 input is rejected with a given code and a message that says what was wrong. */
final class Gs1Assertions {
    private Gs1Assertions() {}

    static void assertRejected(ThrowingCallable call, Gs1ErrorCode code, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOf(CareledgerException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((CareledgerException) e).code())
                        .isEqualTo(code.name()))
                .hasMessageContaining(messagePart);
    }
}
