package org.careledger.contracts.membership;

/** Arguments of {@code membership.registerMember}: the member's short name and its certificate (PEM). */
public record RegisterMember(String name, String certificate) {}
