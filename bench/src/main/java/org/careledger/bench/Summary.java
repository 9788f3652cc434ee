package org.careledger.bench;

/**
 * The one line a run ends with: the figure, the limit it is measured against in the same run, the share, and the
 * machine's load average (a busy machine's figures are not a quiet one's). Starts with {@code SUMMARY} so a script can
 * pick it out.
 */
final class Summary {
    private Summary() {}

    static String line(String run, double figure, String unit, double limit, String limitIs) {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format("SUMMARY %s: %,.0f %s; limit %,.0f %s (%s); %.0f %% of the limit; load average %s", run,
                figure, unit, limit, unit, limitIs, limit > 0 ? 100 * figure / limit : 0,
                load < 0 ? "unknown" : String.format("%.1f", load));
    }
}
