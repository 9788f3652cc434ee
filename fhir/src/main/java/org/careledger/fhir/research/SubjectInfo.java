package org.careledger.fhir.research;

/**
 * A ResearchSubject as the ledger holds it: per-study subject id, state ({@code CANDIDATE}, {@code ON_STUDY},
 * {@code OFF_STUDY}, {@code WITHDRAWN}), site org and the block times it entered and (if it did) left the study.
 */
public record SubjectInfo(String studyId, String subjectId, String status, String siteOrg, long enrolledAtMillis,
                          Long endedAtMillis) {}
