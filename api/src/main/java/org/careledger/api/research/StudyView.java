package org.careledger.api.research;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET /v1/research/studies/{studyId}}: the registry entry (contract states as JSON: the study, every protocol
 * version, the registered results) and how many subjects and releases it has. Public: registries are.
 */
public record StudyView(JsonNode study, List<JsonNode> versions, List<JsonNode> results, int subjectCount,
                        int releaseCount, long height) {
    public StudyView {
        versions = List.copyOf(versions);
        results = List.copyOf(results);
    }
}
