package org.careledger.node.research;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.careledger.api.research.ReleaseList;
import org.careledger.api.research.ReportView;
import org.careledger.api.research.StudyList;
import org.careledger.api.research.StudyView;
import org.careledger.api.research.SubjectList;
import org.careledger.contracts.records.Identifiers;
import org.careledger.contracts.research.ResearchKeys;
import org.careledger.contracts.research.ResearchStates;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.research.OutcomeSwitching;
import org.careledger.ledger.Ledger;
import org.careledger.node.auth.Caller;

/**
 * What the research domain shows, transport-free. The registry — studies, versions, results, releases, the
 * outcome-switching report — is public to every authenticated caller, as trial registries are. The subject list with
 * consents is for the study's sponsor and sites only. Nothing here names a patient: subjects are per-study ids, and the
 * node logs no patient-scoped read because it cannot tell (and must not learn) whose subject id is asked about.
 */
public final class ResearchService {
    /** Most entries one listing returns. */
    public static final int MAX_LIST = 10_000;

    private final Ledger ledger;

    public ResearchService(Ledger ledger) {
        this.ledger = ledger;
    }

    public StudyList studies() {
        long height = ledger.head().height();
        List<JsonNode> out = new ArrayList<>();
        ledger.scanState(ResearchKeys.studies(), MAX_LIST).values().forEach(v -> out.add(CanonicalJson.tree(v)));
        return new StudyList(out.size(), out, height);
    }

    public StudyView study(String studyId) {
        long height = ledger.head().height();
        ResearchStates.Study study = require(studyId);
        List<JsonNode> versions = trees(ResearchKeys.versionsOf(study.studyId()));
        List<JsonNode> results = trees(ResearchKeys.resultsOf(study.studyId()));
        int subjects = ledger.scanState(ResearchKeys.subjectsOf(study.studyId()), MAX_LIST).size();
        int releases = ledger.scanState(ResearchKeys.releasesOf(study.studyId()), MAX_LIST).size();
        return new StudyView(tree(study), versions, results, subjects, releases, height);
    }

    /** The outcome-switching report from ledger state alone (docs/RESEARCH.md, flow 7). */
    public ReportView report(String studyId) {
        long height = ledger.head().height();
        ResearchStates.Study study = require(studyId);
        List<OutcomeSwitching.Version> versions = new ArrayList<>();
        for (byte[] v : ledger.scanState(ResearchKeys.versionsOf(study.studyId()), MAX_LIST).values()) {
            ResearchStates.ProtocolVersion pv = CanonicalJson.decode(v, ResearchStates.ProtocolVersion.class);
            versions.add(new OutcomeSwitching.Version(pv.version(), pv.height(), pv.outcomes()));
        }
        Set<String> reported = new HashSet<>();
        for (byte[] v : ledger.scanState(ResearchKeys.resultsOf(study.studyId()), MAX_LIST).values()) {
            reported.add(CanonicalJson.decode(v, ResearchStates.Result.class).outcomeId());
        }
        return new ReportView(OutcomeSwitching.report(study.studyId(), versions, reported, study.firstEnrolledHeight(),
                study.firstReleaseHeight()), height);
    }

    public ReleaseList releases(String studyId) {
        long height = ledger.head().height();
        ResearchStates.Study study = require(studyId);
        List<JsonNode> releases = trees(ResearchKeys.releasesOf(study.studyId()));
        return new ReleaseList(study.studyId(), releases.size(), releases, height);
    }

    /** The subjects and their consents, for the study's sponsor and sites; FORBIDDEN for anyone else. */
    public SubjectList subjects(Caller caller, String studyId) {
        long height = ledger.head().height();
        ResearchStates.Study study = require(studyId);
        if (!caller.isConsortiumMember() || !(study.sponsorOrg().equals(caller.org())
                || study.sites().contains(caller.org()))) {
            throw new CareledgerException("FORBIDDEN", caller.id() + " is neither the sponsor nor a site of study "
                    + study.studyId());
        }
        List<SubjectList.SubjectView> out = new ArrayList<>();
        for (byte[] v : ledger.scanState(ResearchKeys.subjectsOf(study.studyId()), MAX_LIST).values()) {
            ResearchStates.Subject s = CanonicalJson.decode(v, ResearchStates.Subject.class);
            JsonNode consent = ledger.state(ResearchKeys.consent(study.studyId(), s.subjectId()))
                    .map(CanonicalJson::tree).orElse(null);
            out.add(new SubjectList.SubjectView(CanonicalJson.tree(v), consent));
        }
        return new SubjectList(study.studyId(), out.size(), out, height);
    }

    private ResearchStates.Study require(String studyId) {
        if (!Identifiers.isId(studyId)) {
            throw new CareledgerException("BAD_REQUEST", "'" + studyId + "' is not a study id");
        }
        return state(ResearchKeys.study(studyId), ResearchStates.Study.class).orElseThrow(() ->
                new CareledgerException("RESEARCH_STUDY_UNKNOWN", "no study '" + studyId + "' is registered"));
    }

    private <T> Optional<T> state(String key, Class<T> type) {
        return ledger.state(key).map(b -> CanonicalJson.decode(b, type));
    }

    private List<JsonNode> trees(String prefix) {
        List<JsonNode> out = new ArrayList<>();
        ledger.scanState(prefix, MAX_LIST).values().forEach(v -> out.add(CanonicalJson.tree(v)));
        return out;
    }

    private static JsonNode tree(Object value) {
        return CanonicalJson.tree(CanonicalJson.encode(value));
    }
}
