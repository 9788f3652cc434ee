package org.careledger.contracts.membership;

/** Kept in state after a revocation so the history of who could sign stays queryable. */
public record MemberRevocation(String id, String reason, long revokedAtMillis, String revokedBy, String certificate) {}
