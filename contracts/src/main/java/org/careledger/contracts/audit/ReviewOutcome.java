package org.careledger.contracts.audit;

/** An auditor's verdict on a break-glass access. */
public enum ReviewOutcome {
    JUSTIFIED,
    UNJUSTIFIED
}
