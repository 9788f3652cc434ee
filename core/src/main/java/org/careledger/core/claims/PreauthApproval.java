package org.careledger.core.claims;

/**
 * What a prior authorization approved, as its parties read it.
 *
 * @param preauthId the ledger preauth id
 * @param service   the approved service
 * @param units     approved units
 * @param expiresOn last day (ISO) it may be used
 */
public record PreauthApproval(String preauthId, ServiceCode service, int units, String expiresOn) {}
