package org.careledger.contracts.membership;

/** Arguments of {@code membership.revokeMember}. */
public record RevokeMember(String name, String reason) {}
