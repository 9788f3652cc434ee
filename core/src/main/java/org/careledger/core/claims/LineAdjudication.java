package org.careledger.core.claims;

/**
 * One line's adjudication. Always {@code submitted = benefit + patientShare + adjustment}, every amount &ge; 0.
 *
 * @param sequence     the claim line
 * @param service      its code key ({@code system|code})
 * @param quantity     units
 * @param reason       why the line came out as it did
 * @param submitted    asked
 * @param allowed      what the plan allows
 * @param deductible   part of allowed the patient pays towards the deductible
 * @param copay        fixed co-pay
 * @param coinsurance  the patient's co-insurance
 * @param benefit      what the insurer pays
 * @param patientShare what the patient owes
 * @param adjustment   what the provider writes off
 */
public record LineAdjudication(int sequence, String service, int quantity, Reason reason, long submitted,
                               long allowed, long deductible, long copay, long coinsurance, long benefit,
                               long patientShare, long adjustment) {
    /** A line's result. */
    public enum Reason {
        /** Allowed by the fee schedule; deductible, co-pay and co-insurance applied. */
        APPROVED,
        /** The code is not in the fee schedule: the patient owes the submitted amount. */
        NOT_COVERED,
        /** The code needs prior authorization and the line names no approval in force: the provider writes it off. */
        PREAUTH_REQUIRED,
        /** The code's units per year are used up: the patient owes the submitted amount. */
        LIMIT_REACHED
    }
}
