package org.careledger.contracts.audit;

/**
 * Arguments of {@code access.reviewBreakGlass}.
 *
 * @param accessId the break-glass access under review
 * @param outcome  JUSTIFIED or UNJUSTIFIED
 * @param note     optional short note (at most 512 chars, no clinical detail)
 */
public record ReviewBreakGlass(String accessId, String outcome, String note) {}
