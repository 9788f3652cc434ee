package org.careledger.core.claims;

import java.util.Arrays;
import java.util.Map;
import org.careledger.core.json.CanonicalJson;

/**
 * Re-runs an adjudication, as {@code careledger verify} or any party holding the claim does: the committed result
 * must be exactly what {@link Adjudicator} computes, and its commitment must open to it.
 */
public final class AdjudicationCheck {
    private AdjudicationCheck() {}

    /** Null when the committed adjudication checks out, else why not (one sentence). */
    public static String problem(ClaimContent claim, BenefitRules rules, Map<String, PreauthApproval> approvals,
                                 Adjudication committed, byte[] nonce, String resultCommitment) {
        if (!Commitments.commit(nonce, committed).equals(resultCommitment)) {
            return "the adjudication of claim " + claim.claimId() + " does not open its commitment";
        }
        Adjudication rerun = Adjudicator.adjudicate(claim, rules, committed.accumulatorsBefore(), approvals);
        if (!Arrays.equals(CanonicalJson.encode(rerun), CanonicalJson.encode(committed))) {
            return "claim " + claim.claimId() + " adjudicates differently under rules " + rules.planId() + " v"
                    + rules.version() + " than committed";
        }
        return null;
    }

    /** Null when the chain holds: an adjudication starts from its predecessor's accumulators after. */
    public static String chainProblem(Adjudication previous, Adjudication next) {
        Accumulators expected = previous == null ? Accumulators.NONE : previous.accumulatorsAfter();
        if (!Arrays.equals(CanonicalJson.encode(expected), CanonicalJson.encode(next.accumulatorsBefore()))) {
            return "claim " + next.claimId() + " starts from accumulators other than its predecessor's";
        }
        return null;
    }
}
