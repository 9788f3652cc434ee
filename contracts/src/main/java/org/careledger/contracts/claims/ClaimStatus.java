package org.careledger.contracts.claims;

/** Where a claim stands: SUBMITTED → ADJUDICATED → PAID; APPEALED goes back to adjudication; CORRECTED is final. */
public enum ClaimStatus { SUBMITTED, ADJUDICATED, PAID, APPEALED, CORRECTED }
