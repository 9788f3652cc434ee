package org.careledger.core.publichealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkageAndTriggersTest {
    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        OTHER_KEY[0] = 1;
    }

    @Test
    void twoSpellingsOfOnePersonGiveOneToken() {
        Demographics a = new Demographics("Müller-Smith", "José", "1980-02-03", "male", "02139-4307");
        Demographics b = new Demographics("MULLER SMITH", "jose", "1980-02-03", "M", "02139");
        assertThat(a.normalized()).isEqualTo("MULLERSMITH|JOSE|1980-02-03|M|02139");
        assertThat(LinkageTokens.token(KEY, a)).isEqualTo(LinkageTokens.token(KEY, b)).hasSize(64);
        assertThat(LinkageTokens.token(OTHER_KEY, a)).isNotEqualTo(LinkageTokens.token(KEY, a));
        Demographics other = new Demographics("Muller-Smith", "Jose", "1980-02-04", "male", "02139");
        assertThat(LinkageTokens.token(KEY, other)).isNotEqualTo(LinkageTokens.token(KEY, a));
    }

    @Test
    void theListInForceMatchesCodes() {
        TriggerList v1 = new TriggerList(1, 1000, List.of(new Trigger(TriggerList.SNOMED, "840539006", "covid-19")));
        TriggerList v2 = new TriggerList(2, 2000, List.of(new Trigger(TriggerList.SNOMED, "840539006", "covid-19"),
                new Trigger(TriggerList.LOINC, "94531-1", "covid-19")));
        assertThat(v1.problem()).isNull();
        assertThat(TriggerList.inForce(List.of(v1, v2), 999)).isEmpty();
        assertThat(TriggerList.inForce(List.of(v1, v2), 1500)).contains(v1);
        assertThat(TriggerList.inForce(List.of(v2, v1), 2000)).contains(v2);
        assertThat(v1.matchAny(List.of(new TriggerList.Coding(TriggerList.LOINC, "94531-1")))).isEmpty();
        assertThat(v2.matchAny(List.of(new TriggerList.Coding(TriggerList.LOINC, "94531-1")))).contains("covid-19");
        assertThat(new TriggerList(1, 0, List.of(new Trigger("http://x", "1", "c"))).problem()).contains("system");
        assertThat(new TriggerList(3, 0, List.of(v1.triggers().get(0), v1.triggers().get(0))).problem())
                .contains("twice");
    }

    @Test
    void cellsCommitAndNameWeeksAndAreas() {
        assertThat(Cell.isoWeek(LocalDate.parse("2021-01-03"))).isEqualTo("2020-W53");
        assertThat(Cell.area(null, "02139-1234")).isEqualTo("zip3-021");
        assertThat(Cell.area("25017", "02139")).isEqualTo("county-25017");
        Cell c = new Cell("covid-19", "2024-W05", "zip3-021");
        byte[] nonce = new byte[32];
        assertThat(c.commitment(nonce)).hasSize(64).isNotEqualTo(new Cell("covid-19", "2024-W05", "zip3-022")
                .commitment(nonce));
    }
}
