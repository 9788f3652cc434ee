package org.careledger.api.research;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET /v1/research/studies/{studyId}/releases}: every release of a study (root, counts, per-study subject ids,
 * purpose HRESCH, transaction id). Public, so a patient's SDK fetches whole studies and finds its own subject ids
 * locally: the node never learns which subject asks.
 */
public record ReleaseList(String studyId, int count, List<JsonNode> releases, long height) {
    public ReleaseList {
        releases = List.copyOf(releases);
    }
}
