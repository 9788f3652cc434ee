package org.careledger.contracts.consent;

/** Arguments of {@code consent.revoke}. */
public record RevokeConsent(String grantId) {}
