package org.careledger.api.research;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET /v1/research/studies/{studyId}/subjects}: the study's ResearchSubjects, each with its consent state
 * (hash, version, withdrawn), for the study's sponsor and sites only.
 */
public record SubjectList(String studyId, int count, List<SubjectView> subjects, long height) {
    public SubjectList {
        subjects = List.copyOf(subjects);
    }

    /** One subject and its consent (null if none was given). */
    public record SubjectView(JsonNode subject, JsonNode consent) {}
}
