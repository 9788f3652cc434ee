package org.careledger.core.claims;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a coverage has used in one calendar year: the deductible met and the units per code (for limits). Each
 * adjudication starts from the previous one's {@code after}.
 *
 * @param year            the calendar year, or 0 before any adjudication
 * @param deductibleMetCents deductible paid by the patient so far this year
 * @param unitsUsed       approved units per code so far this year
 */
public record Accumulators(int year, long deductibleMetCents, SortedMap<String, Integer> unitsUsed) {
    public static final Accumulators NONE = new Accumulators(0, 0, new TreeMap<>());

    public Accumulators {
        unitsUsed = unitsUsed == null ? new TreeMap<>() : new TreeMap<>(unitsUsed);
        if (deductibleMetCents < 0) {
            throw new IllegalArgumentException("deductible met must be ≥ 0");
        }
    }

    /** These accumulators for a service in {@code serviceYear}: a new year starts from nothing. */
    public Accumulators forYear(int serviceYear) {
        return serviceYear == year ? this : new Accumulators(serviceYear, 0, new TreeMap<>());
    }
}
