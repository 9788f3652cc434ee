package org.careledger.core.research;

/** Whether an outcome is a study's primary or a secondary end point. */
public enum OutcomeKind {
    PRIMARY,
    SECONDARY
}
