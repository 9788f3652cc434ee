package org.careledger.contracts.research;

import java.util.ArrayList;
import java.util.List;
import org.careledger.core.research.Outcome;

/** Values contract {@code research} stores (canonical JSON). */
public final class ResearchStates {
    private ResearchStates() {}

    /** {@code research/study/<studyId>}: the registry entry and what the ledger tracks of it. */
    public record Study(String studyId, String title, String sponsorOrg, List<String> sites, int currentVersion,
                        int reconsentFrom, long startsAtMillis, String registeredBy, long registeredAtMillis,
                        long registeredHeight, String registrationTxId, List<String> declaredOutcomes,
                        Long firstEnrolledHeight, Long firstEnrolledAtMillis, Long firstReleaseHeight) {

        Study amended(int version, boolean reconsent, List<String> declared) {
            return new Study(studyId, title, sponsorOrg, sites, version, reconsent ? version : reconsentFrom,
                    startsAtMillis, registeredBy, registeredAtMillis, registeredHeight, registrationTxId, declared,
                    firstEnrolledHeight, firstEnrolledAtMillis, firstReleaseHeight);
        }

        Study enrolled(long height, long atMillis) {
            return firstEnrolledHeight != null ? this : new Study(studyId, title, sponsorOrg, sites, currentVersion,
                    reconsentFrom, startsAtMillis, registeredBy, registeredAtMillis, registeredHeight,
                    registrationTxId, declaredOutcomes, height, atMillis, firstReleaseHeight);
        }

        Study released(long height) {
            return firstReleaseHeight != null ? this : new Study(studyId, title, sponsorOrg, sites, currentVersion,
                    reconsentFrom, startsAtMillis, registeredBy, registeredAtMillis, registeredHeight,
                    registrationTxId, declaredOutcomes, firstEnrolledHeight, firstEnrolledAtMillis, height);
        }
    }

    /**
     * {@code research/version/<studyId>/<version>}: one protocol version. {@code outcomesChanged} and
     * {@code changedOutcomes} are computed by the contract from the previous version.
     */
    public record ProtocolVersion(String studyId, int version, String protocolSha256, String protocolMediaType,
                                  String sapSha256, List<Outcome> outcomes, String reason, boolean outcomesChanged,
                                  List<String> changedOutcomes, boolean reconsent, String by, long atMillis,
                                  long height, String txId) {}

    /** {@code research/consent/<studyId>/<subjectId>}: the hash of the signed Consent; its content stays off ledger. */
    public record ResearchConsent(String studyId, String subjectId, int protocolVersion, String consentSha256,
                                  String siteOrg, String by, long atMillis, long height, boolean withdrawn,
                                  Long withdrawnAtMillis, String withdrawReason) {

        ResearchConsent withdrawn(long atMillis, String reason) {
            return new ResearchConsent(studyId, subjectId, protocolVersion, consentSha256, siteOrg, by, this.atMillis,
                    height, true, atMillis, reason);
        }
    }

    /** One transition of a subject. */
    public record Step(SubjectStatus status, String by, long atMillis, long height) {}

    /** {@code research/subject/<studyId>/<subjectId>}: a ResearchSubject; its subject id is per study. */
    public record Subject(String studyId, String subjectId, String siteOrg, SubjectStatus status, List<Step> history) {

        Subject moved(Step step) {
            List<Step> h = new ArrayList<>(history);
            h.add(step);
            return new Subject(studyId, subjectId, siteOrg, step.status(), List.copyOf(h));
        }
    }

    /** {@code research/release/<studyId>/<releaseId>}: a disclosure of the subjects' data to the sponsor, purpose HRESCH. */
    public record Release(String studyId, String releaseId, int protocolVersion, List<String> subjects,
                          int subjectCount, int recordCount, String merkleRoot, String siteOrg, String sponsorOrg,
                          String purpose, String by, long atMillis, long height, String txId) {}

    /** {@code research/result/<studyId>/<outcomeId>}. */
    public record Result(String studyId, String outcomeId, String summary, String dataSha256, String by,
                         long atMillis, long height) {}
}
