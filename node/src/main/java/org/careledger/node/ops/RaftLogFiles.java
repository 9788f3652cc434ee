package org.careledger.node.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.careledger.consensus.RaftLogCheck;

/** The Raft log of a node directory ({@code <nodeDir>/raft}), checked segment by segment for {@code verify}. */
public final class RaftLogFiles {
    /** Segments and entries read, and the log index range they cover (-1, -1 when empty). */
    public record Report(Path raftDir, int segments, long entries, long firstIndex, long lastIndex) {}

    public static final String DIR_NAME = "raft";

    private RaftLogFiles() {}

    /** Empty when the node has no Raft directory (local ordering, or never started); throws RAFT_LOG_CORRUPTED. */
    public static Optional<Report> verify(Path nodeDir) {
        Path raft = nodeDir.resolve(DIR_NAME);
        if (!Files.isDirectory(raft)) {
            return Optional.empty();
        }
        RaftLogCheck.Report r = RaftLogCheck.verify(raft);
        return Optional.of(new Report(r.raftDir(), r.segments(), r.entries(), r.firstIndex(), r.lastIndex()));
    }
}
