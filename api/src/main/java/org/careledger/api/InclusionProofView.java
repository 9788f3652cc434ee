package org.careledger.api;

import java.util.List;

/** RFC 6962 audit path (hex hashes) of a leaf in the tree of {@code treeSize} whose root is {@code root}. */
public record InclusionProofView(long leafIndex, long treeSize, String leafHash, List<String> path, String root) {
    public InclusionProofView {
        path = path == null ? List.of() : List.copyOf(path);
    }
}
