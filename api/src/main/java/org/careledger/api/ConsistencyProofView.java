package org.careledger.api;

import java.util.List;

/** RFC 6962 consistency proof that the tree of {@code secondSize} extends the one of {@code firstSize}. */
public record ConsistencyProofView(long firstSize, long secondSize, String firstRoot, String secondRoot, List<String> path) {
    public ConsistencyProofView {
        path = path == null ? List.of() : List.copyOf(path);
    }
}
