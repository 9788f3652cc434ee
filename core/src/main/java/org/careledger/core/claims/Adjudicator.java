package org.careledger.core.claims;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adjudicates a claim by published rules: pure and deterministic (no clock, no randomness, integer cents, sorted
 * maps), so anyone holding the claim, the rules, the approvals and the accumulators gets the same bytes. The insurer
 * runs it client-side and commits the result; {@link AdjudicationCheck} re-runs it. Rules per line are in
 * docs/CLAIMS.md ("Adjudication").
 */
public final class Adjudicator {
    private Adjudicator() {}

    /**
     * @param claim     the decrypted claim
     * @param rules     the rules version in force at the claim's service date
     * @param before    the coverage's accumulators after its previous adjudication ({@link Accumulators#NONE} first)
     * @param approvals the approved prior authorizations the claim's lines name, by preauth id
     */
    public static Adjudication adjudicate(ClaimContent claim, BenefitRules rules, Accumulators before,
                                          Map<String, PreauthApproval> approvals) {
        if (!claim.currency().equals(rules.currency())) {
            throw new IllegalArgumentException("claim " + claim.claimId() + " is in " + claim.currency()
                    + " but plan " + rules.planId() + " pays in " + rules.currency());
        }
        LocalDate day = LocalDate.parse(claim.serviceDate());
        Accumulators start = before.forYear(day.getYear());
        long deductibleMet = start.deductibleMetCents();
        TreeMap<String, Integer> used = new TreeMap<>(start.unitsUsed());
        List<LineAdjudication> lines = new ArrayList<>();
        long submitted = 0;
        long allowed = 0;
        long benefit = 0;
        long patient = 0;
        long adjustment = 0;
        int approved = 0;
        for (ClaimLine line : claim.lines()) {
            String code = line.service().key();
            long asked = line.submittedCents();
            LineAdjudication result;
            Long fee = rules.feeSchedule().get(code);
            Integer limit = rules.limitsPerYear().get(code);
            int usedUnits = used.getOrDefault(code, 0);
            if (rules.preauthCodes().contains(code) && !approved(line, approvals, claim.serviceDate())) {
                result = denied(line, code, LineAdjudication.Reason.PREAUTH_REQUIRED, 0, asked);
            } else if (fee == null) {
                result = denied(line, code, LineAdjudication.Reason.NOT_COVERED, asked, 0);
            } else if (limit != null && usedUnits + line.quantity() > limit) {
                result = denied(line, code, LineAdjudication.Reason.LIMIT_REACHED, asked, 0);
            } else {
                long lineAllowed = Math.min(asked, Math.multiplyExact(fee, (long) line.quantity()));
                long deductible = Math.min(lineAllowed, Math.max(0, rules.deductibleCents() - deductibleMet));
                long copay = Math.min(lineAllowed - deductible, rules.copayCents());
                long rest = lineAllowed - deductible - copay;
                long coinsurance = (Math.multiplyExact(rest, (long) rules.coinsuranceBps()) + 5_000) / 10_000;
                long lineBenefit = rest - coinsurance;
                deductibleMet += deductible;
                used.put(code, usedUnits + line.quantity());
                approved++;
                result = new LineAdjudication(line.sequence(), code, line.quantity(), LineAdjudication.Reason.APPROVED, asked,
                        lineAllowed, deductible, copay, coinsurance, lineBenefit, deductible + copay + coinsurance,
                        asked - lineAllowed);
            }
            lines.add(result);
            submitted += result.submitted();
            allowed += result.allowed();
            benefit += result.benefit();
            patient += result.patientShare();
            adjustment += result.adjustment();
        }
        Adjudication.Outcome outcome = approved == lines.size() ? Adjudication.Outcome.COMPLETE
                : approved == 0 ? Adjudication.Outcome.DENIED : Adjudication.Outcome.PARTIAL;
        return new Adjudication(claim.claimId(), rules.planId(), rules.version(), outcome, claim.currency(), lines,
                submitted, allowed, benefit, patient, adjustment, before,
                new Accumulators(day.getYear(), deductibleMet, used));
    }

    /** A denied line: nothing allowed; the patient owes {@code patientShare}, the provider writes off the rest. */
    private static LineAdjudication denied(ClaimLine line, String code, LineAdjudication.Reason reason, long patientShare,
                                           long adjustment) {
        return new LineAdjudication(line.sequence(), code, line.quantity(), reason, line.submittedCents(), 0, 0, 0, 0,
                0, patientShare, adjustment);
    }

    private static boolean approved(ClaimLine line, Map<String, PreauthApproval> approvals, String serviceDate) {
        PreauthApproval approval = line.preauthId() == null ? null : approvals.get(line.preauthId());
        return approval != null && approval.service().equals(line.service()) && approval.units() >= line.quantity()
                && serviceDate.compareTo(approval.expiresOn()) <= 0;
    }
}
