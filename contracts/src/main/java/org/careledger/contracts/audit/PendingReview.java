package org.careledger.contracts.audit;

/** A break-glass access waiting for an auditor, under {@code review/<reviewOrg>/<accessId>}. */
public record PendingReview(String accessId, String recordId, String patientId, String accessor, String accessorOrg,
                            long atMillis) {}
