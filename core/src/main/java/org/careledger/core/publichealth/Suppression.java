package org.careledger.core.publichealth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Small-cell suppression of a week × area count table with its totals.
 *
 * <p>The table and its totals are one (R+1)×(C+1) matrix whose every row and column sums to zero once the totals are
 * negated. A suppressed entry is then determined by the published entries exactly when it is a bridge of the
 * bipartite graph (rows, columns; an edge per suppressed entry): the unknowns' solution space is the graph's cycle
 * space. <b>Primary</b> suppression hides every count 1..{@value #MAX_SMALL}; <b>complementary</b> suppression takes
 * each suppressed entry on no cycle and hides the cheapest path of non-zero published entries that closes one (fewest
 * entries, then smallest counts). Only non-zero entries are hidden, so a hidden count can move by ±1 along its cycle
 * and every entry stays non-negative: it is not recoverable even knowing that counts are non-negative integers.
 *
 * <p>A path always exists: the non-zero entries of a zero-sum matrix carry a circulation, so they form a graph with no
 * bridge. Integer-only and visited in row-major order: the same table gives the same result everywhere.
 */
public final class Suppression {
    /** Counts 1..MAX_SMALL are never published. */
    public static final int MAX_SMALL = 10;
    private static final long NEW_ENTRY = 1L << 40;

    private Suppression() {}

    /** The published table for the counts ({@code counts[week][area]}). */
    public static PublishedTable apply(String condition, List<String> weeks, List<String> areas, int[][] counts) {
        int r = weeks.size();
        int c = areas.size();
        long[][] v = new long[r + 1][c + 1];
        for (int i = 0; i < r; i++) {
            if (counts[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + counts[i].length + " cells, not " + c);
            }
            for (int j = 0; j < c; j++) {
                if (counts[i][j] < 0) {
                    throw new IllegalArgumentException("a count is never negative");
                }
                v[i][j] = counts[i][j];
                v[i][c] += counts[i][j];
                v[r][j] += counts[i][j];
                v[r][c] += counts[i][j];
            }
        }
        boolean[][] hidden = new boolean[r + 1][c + 1];
        for (int i = 0; i <= r; i++) {
            for (int j = 0; j <= c; j++) {
                hidden[i][j] = v[i][j] >= 1 && v[i][j] <= MAX_SMALL;
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i <= r; i++) {
                for (int j = 0; j <= c; j++) {
                    if (hidden[i][j] && !onCycle(hidden, i, j)) {
                        closeCycle(v, hidden, i, j);
                        changed = true;
                    }
                }
            }
        }
        List<List<Integer>> cells = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            List<Integer> row = new ArrayList<>();
            for (int j = 0; j < c; j++) {
                row.add(shown(v, hidden, i, j));
            }
            cells.add(row);
        }
        List<Integer> weekTotals = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            weekTotals.add(shown(v, hidden, i, c));
        }
        List<Integer> areaTotals = new ArrayList<>();
        for (int j = 0; j < c; j++) {
            areaTotals.add(shown(v, hidden, r, j));
        }
        return new PublishedTable(condition, weeks, areas, cells, weekTotals, areaTotals, shown(v, hidden, r, c));
    }

    /**
     * What is wrong with a published table (a sentence), or null: shape, a negative or small (1..MAX_SMALL) published
     * count, a fully published row or column that does not add up, or a suppressed entry the published ones determine.
     */
    public static String check(PublishedTable t) {
        int r = t.weeks().size();
        int c = t.areas().size();
        if (r == 0 || c == 0) {
            return "table of " + t.condition() + " has no week or no area";
        }
        if (new HashSet<>(t.weeks()).size() != r || new HashSet<>(t.areas()).size() != c) {
            return "table of " + t.condition() + " lists a week or an area twice";
        }
        if (t.cells().size() != r || t.weekTotals().size() != r || t.areaTotals().size() != c
                || t.cells().stream().anyMatch(row -> row == null || row.size() != c)) {
            return "table of " + t.condition() + " is not " + r + " weeks × " + c + " areas with their totals";
        }
        boolean[][] hidden = new boolean[r + 1][c + 1];
        for (int i = 0; i <= r; i++) {
            for (int j = 0; j <= c; j++) {
                Integer x = t.entry(i, j);
                hidden[i][j] = x == null;
                if (x != null && x < 0) {
                    return "table of " + t.condition() + " publishes a negative count at " + where(t, i, j);
                }
                if (x != null && x >= 1 && x <= MAX_SMALL) {
                    return "table of " + t.condition() + " publishes a count of " + x + " at " + where(t, i, j)
                            + "; counts 1.." + MAX_SMALL + " are suppressed";
                }
            }
        }
        for (int i = 0; i <= r; i++) {
            if (!sumsUp(t, hidden, i, -1)) {
                return "table of " + t.condition() + ": " + (i < r ? "week " + t.weeks().get(i) : "the area totals")
                        + " does not add up to its total";
            }
        }
        for (int j = 0; j <= c; j++) {
            if (!sumsUp(t, hidden, -1, j)) {
                return "table of " + t.condition() + ": " + (j < c ? "area " + t.areas().get(j) : "the week totals")
                        + " does not add up to its total";
            }
        }
        for (int i = 0; i <= r; i++) {
            for (int j = 0; j <= c; j++) {
                if (hidden[i][j] && !onCycle(hidden, i, j)) {
                    return "table of " + t.condition() + ": the suppressed count at " + where(t, i, j)
                            + " can be derived from the published counts and totals";
                }
            }
        }
        return null;
    }

    private static boolean sumsUp(PublishedTable t, boolean[][] hidden, int row, int col) {
        int r = t.weeks().size();
        int c = t.areas().size();
        int n = row >= 0 ? c : r;
        long sum = 0;
        for (int k = 0; k <= n; k++) {
            int i = row >= 0 ? row : k;
            int j = row >= 0 ? k : col;
            if (hidden[i][j]) {
                return true; // a line with a hidden entry is not checked: its sum has an unknown
            }
            boolean negated = (i == r) != (j == c); // a week or area total in the zero-sum form
            sum += negated ? -t.entry(i, j) : t.entry(i, j);
        }
        return sum == 0;
    }

    private static String where(PublishedTable t, int i, int j) {
        String week = i < t.weeks().size() ? t.weeks().get(i) : "all weeks";
        String area = j < t.areas().size() ? t.areas().get(j) : "all areas";
        return week + " × " + area;
    }

    private static Integer shown(long[][] v, boolean[][] hidden, int i, int j) {
        return hidden[i][j] ? null : Math.toIntExact(v[i][j]);
    }

    /** Vertices: row i is i, column j is rows + j. Whether entry (i, j) lies on a cycle of the other hidden entries. */
    static boolean onCycle(boolean[][] hidden, int i, int j) {
        int rows = hidden.length;
        int cols = hidden[0].length;
        boolean[] seen = new boolean[rows + cols];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(i);
        seen[i] = true;
        while (!queue.isEmpty()) {
            int u = queue.poll();
            if (u == rows + j) {
                return true;
            }
            for (int w : neighbours(u, rows, cols)) {
                int a = u < rows ? u : w;
                int b = (u < rows ? w : u) - rows;
                if (hidden[a][b] && !(a == i && b == j) && !seen[w]) {
                    seen[w] = true;
                    queue.add(w);
                }
            }
        }
        return false;
    }

    private static int[] neighbours(int u, int rows, int cols) {
        int[] out;
        if (u < rows) {
            out = new int[cols];
            for (int j = 0; j < cols; j++) {
                out[j] = rows + j;
            }
        } else {
            out = new int[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = i;
            }
        }
        return out;
    }

    /** Hides the cheapest path of non-zero entries from row i to column j (not using (i, j)): one more cycle. */
    private static void closeCycle(long[][] v, boolean[][] hidden, int i, int j) {
        int rows = v.length;
        int cols = v[0].length;
        long[] dist = new long[rows + cols];
        int[] prev = new int[rows + cols];
        Arrays.fill(dist, Long.MAX_VALUE);
        Arrays.fill(prev, -1);
        dist[i] = 0;
        PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0])
                : Long.compare(x[1], y[1]));
        queue.add(new long[] {0, i});
        Set<Integer> done = new HashSet<>();
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            int u = (int) top[1];
            if (!done.add(u)) {
                continue;
            }
            for (int w : neighbours(u, rows, cols)) {
                int a = u < rows ? u : w;
                int b = (u < rows ? w : u) - rows;
                if (v[a][b] == 0 || (a == i && b == j)) {
                    continue;
                }
                long cost = hidden[a][b] ? 0 : NEW_ENTRY + v[a][b];
                if (dist[u] + cost < dist[w]) {
                    dist[w] = dist[u] + cost;
                    prev[w] = u;
                    queue.add(new long[] {dist[w], w});
                }
            }
        }
        int target = rows + j;
        if (dist[target] == Long.MAX_VALUE) {
            throw new IllegalStateException("no path closes a cycle through a non-zero entry of a zero-sum table");
        }
        for (int w = target; w != i; w = prev[w]) {
            int u = prev[w];
            int a = u < rows ? u : w;
            int b = (u < rows ? w : u) - rows;
            hidden[a][b] = true;
        }
    }
}
