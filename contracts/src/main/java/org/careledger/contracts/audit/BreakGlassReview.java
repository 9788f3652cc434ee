package org.careledger.contracts.audit;

/** An auditor's review of a break-glass access, under {@code break-glass-review/<accessId>}. */
public record BreakGlassReview(String accessId, String reviewer, String reviewerOrg, String outcome, String note,
                               long reviewedAtMillis, long blockHeight) {}
