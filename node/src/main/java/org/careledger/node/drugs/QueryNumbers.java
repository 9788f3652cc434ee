package org.careledger.node.drugs;

import java.util.function.Function;
import org.careledger.core.CareledgerException;

/** Whole-number query parameters of the drug routes (/v1/drugs/suspects, /epcis/events), each answering its own code. */
public final class QueryNumbers {
    private QueryNumbers() {}

    /**
     * {@code s} as a whole number from {@code min} to {@code max}, or {@code otherwise} when absent or blank; anything
     * else is refused with the exception {@code invalid} makes of a message naming the parameter and its range.
     */
    public static long wholeNumber(String s, String name, long min, long max, long otherwise,
                                   Function<String, CareledgerException> invalid) {
        if (s == null || s.isBlank()) {
            return otherwise;
        }
        try {
            long v = Long.parseLong(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below, with the range
        }
        throw invalid.apply(name + " must be a whole number from " + min + " to " + max + ", not '" + s + "'");
    }
}
