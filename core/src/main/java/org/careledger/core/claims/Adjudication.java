package org.careledger.core.claims;

import java.util.List;

/**
 * A claim's adjudication under one rules version: its lines and their sums. Encrypted for the provider, the insurer
 * and the patient; the ledger keeps a commitment to its canonical JSON.
 *
 * @param claimId           the claim
 * @param planId            the plan
 * @param rulesVersion      the rules version in force at the service date
 * @param outcome           COMPLETE (every line approved), PARTIAL or DENIED (none)
 * @param currency          ISO 4217
 * @param lines             per line, in sequence order
 * @param submitted         sum of the lines' submitted
 * @param allowed           sum of allowed
 * @param benefit           sum of benefit: what the insurer pays
 * @param patientShare      sum of patientShare
 * @param adjustment        sum of adjustment
 * @param accumulatorsBefore the coverage's accumulators before this claim (the previous adjudication's after)
 * @param accumulatorsAfter  after it
 */
public record Adjudication(String claimId, String planId, int rulesVersion, Outcome outcome, String currency,
                           List<LineAdjudication> lines, long submitted, long allowed, long benefit,
                           long patientShare, long adjustment, Accumulators accumulatorsBefore,
                           Accumulators accumulatorsAfter) {
    /** The claim's result as a whole. */
    public enum Outcome { COMPLETE, PARTIAL, DENIED }

    public Adjudication {
        lines = List.copyOf(lines);
    }
}
