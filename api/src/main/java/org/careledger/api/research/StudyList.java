package org.careledger.api.research;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code GET /v1/research/studies}: the public registry, every study's state in id order. */
public record StudyList(int count, List<JsonNode> studies, long height) {
    public StudyList {
        studies = List.copyOf(studies);
    }
}
