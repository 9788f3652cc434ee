package org.careledger.core.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EligibilityTest {
    private static final ServiceCode VISIT = new ServiceCode("http://snomed.info/sct", "185349003");
    private static final ServiceCode MRI = new ServiceCode("http://snomed.info/sct", "241615005");
    private static final ServiceCode OTHER = new ServiceCode("http://snomed.info/sct", "1");
    private static final BenefitRules RULES = new BenefitRules("plan", 2, "2025-01-01", "USD",
            new TreeMap<>(java.util.Map.of(VISIT.key(), 15_000L, MRI.key(), 90_000L)), 50_000, 1_000, 2_000,
            List.of(MRI.key()), new TreeMap<>(java.util.Map.of(VISIT.key(), 10)));

    private static Eligibility check(String day, String endedOn, BenefitRules rules, Accumulators acc) {
        return Eligibility.check("cov", "plan", "2025-01-01", "2025-12-31", endedOn, rules, acc, day,
                List.of(VISIT, MRI, OTHER));
    }

    @Test
    void inForceAnswersEachServiceByTheRules() {
        Eligibility e = check("2025-06-01", null, RULES, null);
        assertThat(e.inForce()).isTrue();
        assertThat(e.reason()).isNull();
        assertThat(e.rulesVersion()).isEqualTo(2);
        assertThat(e.deductibleCents()).isEqualTo(50_000);
        assertThat(e.deductibleLeftCents()).as("accumulators unknown").isNull();
        assertThat(e.items()).containsExactly(
                new Eligibility.Item(VISIT, true, 15_000L, false, 10, null),
                new Eligibility.Item(MRI, true, 90_000L, true, null, null),
                new Eligibility.Item(OTHER, false, null, false, null, null));
    }

    @Test
    void whatIsUsedThisYearComesFromTheAccumulators() {
        Accumulators used = new Accumulators(2025, 20_000, new TreeMap<>(java.util.Map.of(VISIT.key(), 7)));
        Eligibility e = check("2025-06-01", null, RULES, used);
        assertThat(e.deductibleLeftCents()).isEqualTo(30_000);
        assertThat(e.items().getFirst().unitsLeft()).isEqualTo(3);
        // a limit used beyond its count leaves nothing, never a negative count
        Accumulators over = new Accumulators(2025, 90_000, new TreeMap<>(java.util.Map.of(VISIT.key(), 12)));
        Eligibility full = check("2025-06-01", null, RULES, over);
        assertThat(full.deductibleLeftCents()).isZero();
        assertThat(full.items().getFirst().unitsLeft()).isZero();
        // last year's accumulators do not count in a new year
        Eligibility fresh = check("2025-06-01", null, RULES, new Accumulators(2024, 50_000, new TreeMap<>()));
        assertThat(fresh.deductibleLeftCents()).isEqualTo(50_000);
        assertThat(fresh.items().getFirst().unitsLeft()).isEqualTo(10);
    }

    @Test
    void outsideThePeriodOrAfterTheEndNothingIsCovered() {
        assertThat(check("2024-12-31", null, RULES, null).reason()).isEqualTo(Eligibility.Reason.BEFORE_PERIOD);
        assertThat(check("2026-01-01", null, RULES, null).reason()).isEqualTo(Eligibility.Reason.AFTER_PERIOD);
        Eligibility ended = check("2025-07-02", "2025-07-01", RULES, null);
        assertThat(ended.inForce()).isFalse();
        assertThat(ended.reason()).isEqualTo(Eligibility.Reason.ENDED);
        assertThat(ended.items()).noneMatch(Eligibility.Item::covered);
        assertThat(check("2025-07-01", "2025-07-01", RULES, null).inForce()).as("the end day is covered").isTrue();
        Eligibility noRules = check("2025-06-01", null, null, Accumulators.NONE);
        assertThat(noRules.reason()).isEqualTo(Eligibility.Reason.NO_RULES_IN_FORCE);
        assertThat(noRules.currency()).isNull();
        assertThat(noRules.items()).noneMatch(Eligibility.Item::covered);
    }

    @Test
    void aMalformedDayIsRefused() {
        assertThatThrownBy(() -> check("June", null, RULES, null))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
    }
}
