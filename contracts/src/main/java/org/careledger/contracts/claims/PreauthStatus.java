package org.careledger.contracts.claims;

/** Where a prior authorization stands. */
public enum PreauthStatus { PENDING, APPROVED, PARTIAL, DENIED }
