package org.careledger.core.research;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome-switching report of a study, computed from ledger state alone (COMPare's check): the pre-specified
 * outcomes (version 1's) reported and missing, reported outcomes never pre-specified with the version that declared
 * them and whether that was after data could be seen, and pre-specified outcomes whose kind changed.
 */
public final class OutcomeSwitching {

    /** The outcomes a protocol version declared, and the height of the block that registered it. */
    public record Version(int version, long height, List<Outcome> outcomes) {}

    /** A reported outcome that version 1 did not declare. */
    public record LateOutcome(String outcomeId, OutcomeKind kind, int declaredInVersion, boolean afterFirstEnrolment,
                              boolean afterFirstRelease) {}

    /** A pre-specified outcome whose kind a later version changed (a primary demoted, a secondary promoted). */
    public record KindChange(String outcomeId, OutcomeKind prespecified, OutcomeKind current, int changedInVersion) {}

    public record Report(String studyId, List<String> prespecifiedReported, List<String> prespecifiedMissing,
                         List<String> primaryMissing, List<LateOutcome> notPrespecified, List<KindChange> kindChanged,
                         boolean switched) {}

    private OutcomeSwitching() {}

    /**
     * @param versions every protocol version in order, version 1 first
     * @param reported the outcome ids that have registered results
     * @param firstEnrolledHeight the height of the first ON_STUDY transition, or null
     * @param firstReleaseHeight the height of the first release, or null
     */
    public static Report report(String studyId, List<Version> versions, Set<String> reported, Long firstEnrolledHeight,
                                Long firstReleaseHeight) {
        if (versions.isEmpty() || versions.get(0).version() != 1) {
            throw new IllegalArgumentException("a study's versions start with version 1");
        }
        Map<String, Outcome> prespecified = new LinkedHashMap<>();
        versions.get(0).outcomes().forEach(o -> prespecified.put(o.outcomeId(), o));
        List<String> reportedPre = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> primaryMissing = new ArrayList<>();
        for (Outcome o : prespecified.values()) {
            if (reported.contains(o.outcomeId())) {
                reportedPre.add(o.outcomeId());
            } else {
                missing.add(o.outcomeId());
                if (o.kind() == OutcomeKind.PRIMARY) {
                    primaryMissing.add(o.outcomeId());
                }
            }
        }
        // the first version that declared each later outcome, and each pre-specified outcome's kind changes
        Map<String, LateOutcome> late = new LinkedHashMap<>();
        List<KindChange> kindChanged = new ArrayList<>();
        Map<String, OutcomeKind> kinds = new LinkedHashMap<>();
        prespecified.values().forEach(o -> kinds.put(o.outcomeId(), o.kind()));
        for (Version v : versions.subList(1, versions.size())) {
            for (Outcome o : v.outcomes()) {
                if (prespecified.containsKey(o.outcomeId())) {
                    OutcomeKind before = kinds.put(o.outcomeId(), o.kind());
                    if (before != null && before != o.kind()) {
                        kindChanged.add(new KindChange(o.outcomeId(), prespecified.get(o.outcomeId()).kind(), o.kind(),
                                v.version()));
                    }
                } else if (!late.containsKey(o.outcomeId()) && reported.contains(o.outcomeId())) {
                    late.put(o.outcomeId(), new LateOutcome(o.outcomeId(), o.kind(), v.version(),
                            firstEnrolledHeight != null && v.height() > firstEnrolledHeight,
                            firstReleaseHeight != null && v.height() > firstReleaseHeight));
                }
            }
        }
        boolean switched = !primaryMissing.isEmpty() || !late.isEmpty() || !kindChanged.isEmpty();
        return new Report(studyId, List.copyOf(reportedPre), List.copyOf(missing), List.copyOf(primaryMissing),
                List.copyOf(late.values()), List.copyOf(kindChanged), switched);
    }
}
