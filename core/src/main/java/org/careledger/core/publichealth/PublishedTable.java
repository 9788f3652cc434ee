package org.careledger.core.publichealth;

import java.util.ArrayList;
import java.util.List;

/**
 * One condition's week × area table as published: counts per cell, per week (row totals), per area (column totals)
 * and in all; {@code null} where suppressed.
 */
public record PublishedTable(String condition, List<String> weeks, List<String> areas, List<List<Integer>> cells,
                             List<Integer> weekTotals, List<Integer> areaTotals, Integer total) {
    public PublishedTable {
        weeks = weeks == null ? List.of() : List.copyOf(weeks);
        areas = areas == null ? List.of() : List.copyOf(areas);
        List<List<Integer>> rows = new ArrayList<>();
        if (cells != null) {
            for (List<Integer> row : cells) {
                rows.add(row == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(row)));
            }
        }
        cells = java.util.Collections.unmodifiableList(rows);
        weekTotals = weekTotals == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(weekTotals));
        areaTotals = areaTotals == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(areaTotals));
    }

    /** The entries of the extended table (cells, totals in the last column and row, the total in the corner). */
    Integer entry(int i, int j) {
        int r = weeks.size();
        int c = areas.size();
        if (i < r && j < c) {
            return cells.get(i).get(j);
        }
        if (i < r) {
            return weekTotals.get(i);
        }
        if (j < c) {
            return areaTotals.get(j);
        }
        return total;
    }

    /** The number of suppressed entries (cells and totals). */
    public int suppressedCount() {
        int n = 0;
        for (int i = 0; i <= weeks.size(); i++) {
            for (int j = 0; j <= areas.size(); j++) {
                if (entry(i, j) == null) {
                    n++;
                }
            }
        }
        return n;
    }
}
