package org.careledger.contracts.research;

/** FHIR ResearchSubject states the ledger tracks: candidate → on-study → off-study, or withdrawn. */
public enum SubjectStatus {
    CANDIDATE,
    ON_STUDY,
    OFF_STUDY,
    WITHDRAWN
}
