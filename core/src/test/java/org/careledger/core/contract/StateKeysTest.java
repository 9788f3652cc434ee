package org.careledger.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class StateKeysTest {
    @Property
    void nonceKeysAreTheZeroPaddedFormOfEveryLong(@ForAll long nonce) {
        assertThat(StateKeys.nonce("hospital-a/dr-lee", nonce))
                .isEqualTo("nonce/hospital-a/dr-lee/" + String.format(Locale.ROOT, "%020d", nonce));
    }

    @Test
    void nonceKeysAtTheEdges() {
        for (long n : new long[] {0, 1, 9, 10, 99_999_999_999_999_999L, Long.MAX_VALUE, -1, -10, Long.MIN_VALUE,
                Long.MIN_VALUE + 1, 1_000_000_000_000_000_000L}) {
            assertThat(StateKeys.nonce("o/n", n)).isEqualTo("nonce/o/n/" + String.format(Locale.ROOT, "%020d", n));
        }
        assertThat(StateKeys.nonce("o/n", 42)).isEqualTo("nonce/o/n/00000000000000000042");
        assertThat(StateKeys.nonce("o/n", Long.MIN_VALUE)).isEqualTo("nonce/o/n/-9223372036854775808");
    }
}
