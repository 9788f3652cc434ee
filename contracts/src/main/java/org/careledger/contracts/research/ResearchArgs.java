package org.careledger.contracts.research;

import java.util.List;
import org.careledger.core.research.Outcome;

/** Arguments of the {@code research} methods (canonical JSON); see {@code package-info.java} for who signs what. */
public final class ResearchArgs {
    private ResearchArgs() {}

    /**
     * {@code register}: hashes are SHA-256 over the files' exact bytes, 64 lowercase hex; version 1's outcomes are the
     * pre-specified ones; enrolment opens at {@code startsAtMillis} (block time).
     */
    public record Register(String studyId, String title, String protocolSha256, String protocolMediaType,
                           String sapSha256, List<String> sites, List<Outcome> outcomes, long startsAtMillis) {}

    /** {@code amend}: the next version; null outcomes or sapSha256 keep the current ones. */
    public record Amend(String studyId, int version, String reason, String protocolSha256, String protocolMediaType,
                        String sapSha256, List<Outcome> outcomes, boolean reconsent) {}

    /** {@code consent}: a signed research Consent (kept by the site and the patient) to this protocol version. */
    public record Consent(String studyId, String subjectId, int protocolVersion, String consentSha256) {}

    /** {@code withdraw}: the subject withdraws its consent. */
    public record Withdraw(String studyId, String subjectId, String reason) {}

    /** {@code enrol}: a new ResearchSubject, CANDIDATE. */
    public record Enrol(String studyId, String subjectId) {}

    /** {@code transition}: ON_STUDY, OFF_STUDY or WITHDRAWN. */
    public record Transition(String studyId, String subjectId, SubjectStatus to) {}

    /** {@code release}: a de-identified dataset's RFC 6962 root, its resource count and the subjects it covers. */
    public record Release(String studyId, String releaseId, int protocolVersion, List<String> subjects,
                          int recordCount, String merkleRoot) {}

    /** One outcome's result: a summary in words and, optionally, the SHA-256 of the full result data. */
    public record OutcomeResult(String outcomeId, String summary, String dataSha256) {}

    /** {@code results}. */
    public record Results(String studyId, List<OutcomeResult> results) {}
}
