package org.careledger.core.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The outcome-switching report from versions and reported outcomes alone. */
class OutcomeSwitchingTest {
    private static final Outcome HBA1C = new Outcome("hba1c", OutcomeKind.PRIMARY, "HbA1c change at 24 weeks", "%");
    private static final Outcome WEIGHT = new Outcome("weight", OutcomeKind.SECONDARY, "weight change", "kg");
    private static final Outcome FPG = new Outcome("fpg", OutcomeKind.SECONDARY, "fasting glucose", "mmol/L");

    @Test
    void reportingThePrespecifiedOutcomesIsNoSwitch() {
        var r = OutcomeSwitching.report("t", List.of(new OutcomeSwitching.Version(1, 5, List.of(HBA1C, WEIGHT))),
                Set.of("hba1c", "weight"), 9L, null);
        assertThat(r.prespecifiedReported()).containsExactly("hba1c", "weight");
        assertThat(r.prespecifiedMissing()).isEmpty();
        assertThat(r.switched()).isFalse();
    }

    @Test
    void aMissingPrimaryAndALateOutcomeAreCaught() {
        Outcome fpgPrimary = new Outcome("fpg", OutcomeKind.PRIMARY, "fasting glucose", "mmol/L");
        var r = OutcomeSwitching.report("t", List.of(new OutcomeSwitching.Version(1, 5, List.of(HBA1C, WEIGHT)),
                        new OutcomeSwitching.Version(2, 20, List.of(HBA1C, WEIGHT, fpgPrimary))),
                Set.of("fpg", "weight"), 9L, 30L);
        assertThat(r.prespecifiedMissing()).containsExactly("hba1c");
        assertThat(r.primaryMissing()).containsExactly("hba1c");
        assertThat(r.notPrespecified()).containsExactly(
                new OutcomeSwitching.LateOutcome("fpg", OutcomeKind.PRIMARY, 2, true, false));
        assertThat(r.switched()).isTrue();
    }

    @Test
    void aDemotedPrimaryIsCaughtEvenWhenReported() {
        Outcome demoted = new Outcome("hba1c", OutcomeKind.SECONDARY, HBA1C.text(), HBA1C.measure());
        var r = OutcomeSwitching.report("t", List.of(new OutcomeSwitching.Version(1, 5, List.of(HBA1C, FPG)),
                new OutcomeSwitching.Version(2, 8, List.of(demoted, FPG))), Set.of("hba1c", "fpg"), null, null);
        assertThat(r.kindChanged()).containsExactly(new OutcomeSwitching.KindChange("hba1c", OutcomeKind.PRIMARY,
                OutcomeKind.SECONDARY, 2));
        assertThat(r.notPrespecified()).isEmpty();
        assertThat(r.switched()).isTrue();
    }
}
