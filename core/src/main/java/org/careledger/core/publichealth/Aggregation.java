package org.careledger.core.publichealth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts cases per condition, week and area with a person counted once per condition (reports linked by their token:
 * the earliest report gives the week and area), then suppresses small cells.
 */
public final class Aggregation {
    private Aggregation() {}

    /** The published tables, one per condition (sorted), and the number of distinct cases counted. */
    public record Aggregate(int cases, List<PublishedTable> tables) {
        public Aggregate {
            tables = List.copyOf(tables);
        }
    }

    /** One case per (condition, linkage token): the earliest report (then the smallest report id). */
    public static List<CaseEntry> distinct(List<CaseEntry> reports) {
        Map<String, CaseEntry> first = new TreeMap<>();
        Comparator<CaseEntry> order = Comparator.comparingLong(CaseEntry::reportedAtMillis)
                .thenComparing(CaseEntry::reportId);
        for (CaseEntry e : reports) {
            first.merge(e.cell().condition() + "|" + e.linkageToken(), e, (a, b) -> order.compare(a, b) <= 0 ? a : b);
        }
        List<CaseEntry> out = new ArrayList<>(first.values());
        out.sort(order);
        return out;
    }

    /** Raw counts per condition → week → area of the distinct cases (the outbreak view; never published as is). */
    public static TreeMap<String, TreeMap<String, TreeMap<String, Integer>>> counts(List<CaseEntry> reports) {
        TreeMap<String, TreeMap<String, TreeMap<String, Integer>>> out = new TreeMap<>();
        for (CaseEntry e : distinct(reports)) {
            out.computeIfAbsent(e.cell().condition(), k -> new TreeMap<>())
                    .computeIfAbsent(e.cell().week(), k -> new TreeMap<>())
                    .merge(e.cell().area(), 1, Integer::sum);
        }
        return out;
    }

    /** The suppressed tables of the distinct cases: weeks and areas are those with a case of the condition. */
    public static Aggregate aggregate(List<CaseEntry> reports) {
        List<PublishedTable> tables = new ArrayList<>();
        int cases = 0;
        for (Map.Entry<String, TreeMap<String, TreeMap<String, Integer>>> c : counts(reports).entrySet()) {
            List<String> weeks = new ArrayList<>(c.getValue().keySet());
            TreeSet<String> areaSet = new TreeSet<>();
            c.getValue().values().forEach(m -> areaSet.addAll(m.keySet()));
            List<String> areas = new ArrayList<>(areaSet);
            int[][] counts = new int[weeks.size()][areas.size()];
            for (int i = 0; i < weeks.size(); i++) {
                for (int j = 0; j < areas.size(); j++) {
                    counts[i][j] = c.getValue().get(weeks.get(i)).getOrDefault(areas.get(j), 0);
                    cases += counts[i][j];
                }
            }
            tables.add(Suppression.apply(c.getKey(), weeks, areas, counts));
        }
        return new Aggregate(cases, tables);
    }
}
