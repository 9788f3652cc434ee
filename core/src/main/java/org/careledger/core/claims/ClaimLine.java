package org.careledger.core.claims;

/**
 * One billed service of a claim: a code, how many units, the amount asked for all of them and the ledger record
 * (Encounter, medication, …) it bills.
 *
 * @param sequence       1, 2, … in the claim
 * @param service        what was done or given
 * @param quantity       units (&ge; 1); equal items of one encounter are one line with their count
 * @param submittedCents amount asked, in cents (&ge; 0)
 * @param recordId       the ledger record the line bills, written by the claiming org for the same patient
 * @param preauthId      the prior authorization the line relies on, or null
 */
public record ClaimLine(int sequence, ServiceCode service, int quantity, long submittedCents, String recordId,
                        String preauthId) {
    public ClaimLine {
        if (sequence < 1 || service == null || quantity < 1 || submittedCents < 0) {
            throw new IllegalArgumentException("claim line " + sequence + " needs a sequence ≥ 1, a service, a quantity"
                    + " ≥ 1 and a submitted amount ≥ 0");
        }
    }
}
