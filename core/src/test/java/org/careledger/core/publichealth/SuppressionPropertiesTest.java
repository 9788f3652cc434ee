package org.careledger.core.publichealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The suppression rule over random populations, checked by linear algebra independent of {@link Suppression}'s graph
 * argument: no published count is 1..10, every published count is the true one, and no suppressed entry is
 * determined by the published cells and totals (its column in the zero-sum system is not in the span of the other
 * unknowns' columns; rank over a prime field equals rank over the rationals for this totally unimodular matrix).
 */
class SuppressionPropertiesTest {
    private static final long P = 1_000_000_007L;
    private static final List<String> CONDITIONS = List.of("covid-19", "measles", "pertussis");
    private static final List<String> WEEKS = List.of("2024-W01", "2024-W02", "2024-W03", "2024-W04", "2024-W05");
    private static final List<String> AREAS = List.of("zip3-021", "zip3-022", "zip3-023", "zip3-024", "zip3-025",
            "county-25025");

    @Provide
    Arbitrary<List<CaseEntry>> populations() {
        // a population of people (token), some reported by two providers; counts skewed so both small and large cells occur
        Arbitrary<CaseEntry> entry = Combinators.combine(
                Arbitraries.integers().between(0, 400), Arbitraries.of(CONDITIONS),
                Arbitraries.integers().between(0, WEEKS.size() - 1).edgeCases(e -> e.includeOnly(0)),
                Arbitraries.integers().between(0, AREAS.size() - 1), Arbitraries.longs().between(0, 1_000_000))
                .as((person, condition, week, area, at) -> new CaseEntry("r-" + person + "-" + at,
                        "t" + person, new Cell(condition, WEEKS.get(Math.min(week, person % WEEKS.size() + week)
                                % WEEKS.size()), AREAS.get(area * (person % 3) % AREAS.size())), at));
        return entry.list().ofMinSize(0).ofMaxSize(600);
    }

    @Property(tries = 300)
    void everyPublishedTableKeepsTheRule(@ForAll("populations") List<CaseEntry> population) {
        Aggregation.Aggregate aggregate = Aggregation.aggregate(population);
        var counts = Aggregation.counts(population);
        assertThat(aggregate.tables()).hasSize(counts.size());
        int cases = 0;
        for (PublishedTable t : aggregate.tables()) {
            var truth = counts.get(t.condition());
            long[][] e = extended(t, truth);
            cases += (int) e[t.weeks().size()][t.areas().size()];
            assertRuleHolds(t, e);
            assertThat(Suppression.check(t)).isNull();
        }
        assertThat(aggregate.cases()).isEqualTo(cases);
        assertThat(aggregate.cases()).isEqualTo(Aggregation.distinct(population).size());
    }

    @Provide
    Arbitrary<int[][]> tables() {
        Arbitrary<Integer> count = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0)), net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1, 10)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(11, 60)));
        return Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 6))
                .flatAs((r, c) -> count.array(int[].class).ofSize(c).array(int[][].class).ofSize(r));
    }

    @Property(tries = 500)
    void anyTableKeepsTheRule(@ForAll("tables") int[][] counts) {
        List<String> weeks = WEEKS.subList(0, counts.length);
        List<String> areas = AREAS.subList(0, counts[0].length);
        PublishedTable t = Suppression.apply("x", weeks, areas, counts);
        long[][] e = new long[counts.length + 1][counts[0].length + 1];
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts[0].length; j++) {
                e[i][j] = counts[i][j];
                e[i][counts[0].length] += counts[i][j];
                e[counts.length][j] += counts[i][j];
                e[counts.length][counts[0].length] += counts[i][j];
            }
        }
        assertRuleHolds(t, e);
        assertThat(Suppression.check(t)).isNull();
    }

    @Example
    void theCheckRefusesADerivableCell() {
        // one suppressed cell in a row whose total is published: 20 - 12 = 8
        PublishedTable t = new PublishedTable("x", List.of("2024-W01", "2024-W02"), List.of("a", "b"),
                List.of(List.of(12, 11), List.of(20, 30)), List.of(23, 50), List.of(32, 41), 73);
        assertThat(Suppression.check(t)).isNull();
        PublishedTable leaky = new PublishedTable("x", List.of("2024-W01", "2024-W02"), List.of("a", "b"),
                java.util.Arrays.asList(java.util.Arrays.asList(12, null), List.of(20, 30)), List.of(20, 50),
                List.of(32, 38), 70);
        assertThat(Suppression.check(leaky)).contains("can be derived");
        PublishedTable small = new PublishedTable("x", List.of("2024-W01"), List.of("a"), List.of(List.of(4)),
                List.of(4), List.of(4), 4);
        assertThat(Suppression.check(small)).contains("count of 4");
        PublishedTable wrong = new PublishedTable("x", List.of("2024-W01"), List.of("a", "b"),
                List.of(List.of(12, 20)), List.of(33), List.of(12, 20), 33);
        assertThat(Suppression.check(wrong)).contains("does not add up");
    }

    @Example
    void aSingleSmallCellHidesItsTotalsToo() {
        PublishedTable t = Suppression.apply("x", List.of("2024-W01", "2024-W02"), List.of("a", "b"),
                new int[][] {{3, 40}, {25, 30}});
        // 3 is hidden; 43 and 28 would give it away, so a cycle of non-zero entries closes around it
        assertThat(t.cells().get(0).get(0)).isNull();
        assertThat(t.suppressedCount()).isGreaterThanOrEqualTo(4);
        assertThat(Suppression.check(t)).isNull();
    }

    /** The true extended matrix (cells, week totals, area totals, total) of a published table. */
    private static long[][] extended(PublishedTable t, java.util.Map<String, java.util.TreeMap<String, Integer>> truth) {
        int r = t.weeks().size();
        int c = t.areas().size();
        long[][] e = new long[r + 1][c + 1];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                int x = truth.get(t.weeks().get(i)).getOrDefault(t.areas().get(j), 0);
                e[i][j] = x;
                e[i][c] += x;
                e[r][j] += x;
                e[r][c] += x;
            }
        }
        return e;
    }

    private static void assertRuleHolds(PublishedTable t, long[][] truth) {
        int r = t.weeks().size();
        int c = t.areas().size();
        List<int[]> unknown = new ArrayList<>();
        for (int i = 0; i <= r; i++) {
            for (int j = 0; j <= c; j++) {
                Integer shown = t.entry(i, j);
                if (shown == null) {
                    assertThat(truth[i][j]).as("a suppressed entry is never a zero (it would pin its cycle)")
                            .isNotZero();
                    unknown.add(new int[] {i, j});
                } else {
                    assertThat((long) shown).as("published = true count").isEqualTo(truth[i][j]);
                    assertThat(shown >= 1 && shown <= 10).as("no published count in 1..10, got %s", shown).isFalse();
                }
            }
        }
        for (int k = 0; k < unknown.size(); k++) {
            List<int[]> others = new ArrayList<>(unknown);
            others.remove(k);
            assertThat(rank(matrix(unknown, r, c))).as("suppressed entry %s is derivable",
                            java.util.Arrays.toString(unknown.get(k)))
                    .isEqualTo(rank(matrix(others, r, c)));
        }
    }

    /** The zero-sum system's columns for the unknowns: one equation per row and per column of the extended matrix. */
    private static long[][] matrix(List<int[]> unknowns, int r, int c) {
        long[][] m = new long[(r + 1) + (c + 1)][unknowns.size()];
        for (int k = 0; k < unknowns.size(); k++) {
            int i = unknowns.get(k)[0];
            int j = unknowns.get(k)[1];
            long sign = (i == r) != (j == c) ? P - 1 : 1;
            m[i][k] = sign;
            m[r + 1 + j][k] = sign;
        }
        return m;
    }

    private static int rank(long[][] m) {
        if (m.length == 0 || m[0].length == 0) {
            return 0;
        }
        long[][] a = new long[m.length][];
        for (int i = 0; i < m.length; i++) {
            a[i] = m[i].clone();
        }
        int rank = 0;
        for (int col = 0; col < a[0].length && rank < a.length; col++) {
            int pivot = -1;
            for (int row = rank; row < a.length; row++) {
                if (a[row][col] != 0) {
                    pivot = row;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            long[] tmp = a[pivot];
            a[pivot] = a[rank];
            a[rank] = tmp;
            long inv = java.math.BigInteger.valueOf(a[rank][col]).modInverse(java.math.BigInteger.valueOf(P)).longValue();
            for (int row = 0; row < a.length; row++) {
                if (row != rank && a[row][col] != 0) {
                    long f = a[row][col] * inv % P;
                    for (int k = col; k < a[0].length; k++) {
                        a[row][k] = ((a[row][k] - f * a[rank][k]) % P + P) % P;
                    }
                }
            }
            rank++;
        }
        return rank;
    }
}
