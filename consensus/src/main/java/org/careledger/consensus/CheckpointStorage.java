package org.careledger.consensus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.careledger.ledger.ChainHead;
import org.careledger.storage.LedgerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots as RocksDB checkpoints in the Raft group's state machine directory: {@code checkpoint-<term>-<index>/}
 * holds {@code db/} (the checkpoint, hard links where the file system allows) and a {@code SNAPSHOT} marker
 * written last, so a directory without the marker is an interrupted checkpoint and is removed at start.
 *
 * <p>The live store is always at least as new as the latest checkpoint (every block is a synced atomic write), so
 * a restart resumes from the store, not from here; the checkpoint is what lets Ratis purge the log, and a
 * consistent copy an operator can back up or seed a replacement node with.
 */
final class CheckpointStorage implements StateMachineStorage {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStorage.class);
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)-(\\d+)");
    static final String MARKER = "SNAPSHOT";
    private static final int DEFAULT_RETAINED = 2;

    private volatile Path dir;
    private volatile Checkpoint latest;

    /** One complete checkpoint and the Raft position its store reflects. */
    record Checkpoint(TermIndex termIndex, Path dir) implements SnapshotInfo {
        @Override
        public TermIndex getTermIndex() {
            return termIndex;
        }

        @Override
        public List<FileInfo> getFiles() {
            return List.of(new FileInfo(dir.resolve(MARKER), null));
        }

        /** The ledger height the checkpointed store had (from the marker; -1 if unreadable). */
        long height() {
            try {
                for (String line : Files.readAllLines(dir.resolve(MARKER), StandardCharsets.UTF_8)) {
                    if (line.startsWith("height=")) {
                        return Long.parseLong(line.substring("height=".length()).trim());
                    }
                }
            } catch (IOException | NumberFormatException e) {
                LOG.warn("cannot read the marker of {}: {}", dir, e.toString());
            }
            return -1;
        }
    }

    @Override
    public void init(RaftStorage raftStorage) throws IOException {
        this.dir = raftStorage.getStorageDir().getStateMachineDir().toPath();
        Files.createDirectories(dir);
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".checkpoint-") || (NAME.matcher(name).matches() && !Files.exists(p.resolve(MARKER)))) {
                    LOG.info("removing the unfinished checkpoint {}", p);
                    deleteRecursively(p);
                }
            }
        }
        this.latest = scan().orElse(null);
    }

    @Override
    public Checkpoint getLatestSnapshot() {
        return latest;
    }

    @Override
    public void format() throws IOException {
        // a fresh group directory: nothing to clear
    }

    /** Checkpoints the store as the state at {@code termIndex}; the caller guarantees nothing is applied meanwhile. */
    Checkpoint take(LedgerStore store, TermIndex termIndex, ChainHead head) throws IOException {
        Path target = dir.resolve("checkpoint-" + termIndex.getTerm() + "-" + termIndex.getIndex());
        Checkpoint current = latest;
        if (Files.exists(target.resolve(MARKER))) {
            return current != null && current.termIndex().equals(termIndex) ? current : new Checkpoint(termIndex, target);
        }
        Path partial = dir.resolve("." + target.getFileName());
        deleteRecursively(partial);
        Files.createDirectories(partial);
        store.checkpoint(partial.resolve("db"));
        String marker = "term=" + termIndex.getTerm() + "\nindex=" + termIndex.getIndex() + "\nheight=" + head.height()
                + "\nhead=" + head.hash().hex() + "\n";
        Files.writeString(partial.resolve(MARKER), marker, StandardCharsets.UTF_8);
        deleteRecursively(target);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        Checkpoint taken = new Checkpoint(termIndex, target);
        if (current == null || termIndex.compareTo(current.termIndex()) > 0) {
            latest = taken;
        }
        return taken;
    }

    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
        int keep = policy == null || policy.getNumSnapshotsRetained() <= 0 ? DEFAULT_RETAINED : policy.getNumSnapshotsRetained();
        List<Checkpoint> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            deleteRecursively(all.get(i).dir());
        }
    }

    /**
     * Deletes every checkpoint but the newest. After an erasure the older ones still hard-link SST files that hold
     * the destroyed ciphertext; the newest was taken after the erasure compacted it away.
     */
    void retainOnlyLatest() throws IOException {
        List<Checkpoint> all = list();
        for (int i = 0; i < all.size() - 1; i++) {
            deleteRecursively(all.get(i).dir());
        }
    }

    private Optional<Checkpoint> scan() throws IOException {
        List<Checkpoint> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Complete checkpoints, oldest first. */
    private List<Checkpoint> list() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> {
                        Matcher m = NAME.matcher(p.getFileName().toString());
                        if (!m.matches() || !Files.exists(p.resolve(MARKER))) {
                            return null;
                        }
                        return new Checkpoint(TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))), p);
                    })
                    .filter(c -> c != null)
                    .sorted(Comparator.comparing(Checkpoint::termIndex))
                    .toList();
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
