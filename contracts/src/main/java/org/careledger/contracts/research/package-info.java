/**
 * Contract {@code research} (domain {@code research}, namespace {@code research/}): clinical studies and trials.
 *
 * <p>Methods, signers and refusals (besides {@code RESEARCH_ID_INVALID}, {@code RESEARCH_HASH_INVALID},
 * {@code RESEARCH_STUDY_UNKNOWN}):
 * <ul>
 *   <li>{@code register} — a member of an org with role {@code sponsor} ({@code RESEARCH_NOT_SPONSOR});
 *       {@code RESEARCH_STUDY_EXISTS}, {@code RESEARCH_STUDY_INVALID}.</li>
 *   <li>{@code amend} — the study's sponsor org; {@code RESEARCH_VERSION_INVALID}; the contract computes
 *       {@code outcomesChanged}.</li>
 *   <li>{@code consent}, {@code withdraw} — a member of a site org ({@code RESEARCH_NOT_SITE});
 *       {@code RESEARCH_CONSENT_VERSION_STALE}, {@code RESEARCH_CONSENT_WITHDRAWN}, {@code RESEARCH_CONSENT_REQUIRED}
 *       (nothing to withdraw).</li>
 *   <li>{@code enrol} — a site; {@code RESEARCH_STUDY_NOT_STARTED}, {@code RESEARCH_SUBJECT_EXISTS}.</li>
 *   <li>{@code transition} — a site; {@code RESEARCH_SUBJECT_UNKNOWN}, {@code RESEARCH_TRANSITION_INVALID},
 *       {@code RESEARCH_CONSENT_REQUIRED} (on-study without a consent in force for the current version).</li>
 *   <li>{@code release} — a site; {@code RESEARCH_RELEASE_EXISTS}, {@code RESEARCH_RELEASE_INVALID},
 *       {@code RESEARCH_SUBJECT_WITHDRAWN}, {@code RESEARCH_CONSENT_REQUIRED}.</li>
 *   <li>{@code results} — the sponsor; {@code RESEARCH_OUTCOME_UNKNOWN}, {@code RESEARCH_RESULT_EXISTS}.</li>
 * </ul>
 *
 * <p>Keys ({@link org.careledger.contracts.research.ResearchKeys}): {@code research/study/<studyId>},
 * {@code research/version/<studyId>/<version 10 digits>}, {@code research/consent/<studyId>/<subjectId>},
 * {@code research/subject/<studyId>/<subjectId>}, {@code research/release/<studyId>/<releaseId>},
 * {@code research/subject-release/<studyId>/<subjectId>/<releaseId>}, {@code research/result/<studyId>/<outcomeId>}.
 * No key or value holds a patient id: subjects are per-study ids (docs/RESEARCH.md, "Privacy and threat model").
 */
package org.careledger.contracts.research;
