package org.careledger.node.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.careledger.core.CareledgerException;
import org.careledger.node.NodeConfig;
import org.careledger.node.reads.ReadLog;
import org.careledger.storage.LedgerStore;

/**
 * {@code careledger restore BACKUP --to NODE_DIR}: puts a verified backup back into a node directory whose node is
 * stopped. Nothing is deleted: whatever the backup replaces, and the Raft directory, move into
 * {@code NODE_DIR/before-restore-<time>/}. Without its Raft directory the node starts as a fresh Raft member with
 * the restored store and takes the entries after the store's head from its peers (or, when they purged them, the
 * blocks themselves), like a node that was down that long.
 */
public final class NodeRestore {
    static final String ASIDE_PREFIX = "before-restore-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    public record Result(Path nodeDir, BackupManifest manifest, Path movedAside, List<String> restored) {}

    private NodeRestore() {}

    public static Result restore(Path backup, Path nodeDir) {
        backup = backup.toAbsolutePath().normalize();
        nodeDir = nodeDir.toAbsolutePath().normalize();
        BackupManifest manifest = BackupManifest.read(backup);
        try {
            NodeDirCheck.run(backup);
        } catch (CareledgerException e) {
            throw new CareledgerException("BACKUP_INVALID", "the backup " + backup + " does not verify (" + e.code()
                    + ": " + e.getMessage() + "); restore another backup, or let the node re-sync from its peers");
        }
        if (Files.isRegularFile(nodeDir.resolve(NodeConfig.FILE_NAME))) {
            NodeConfig current = NodeConfig.read(nodeDir);
            if (!current.orgId().equals(manifest.org())) {
                throw new CareledgerException("RESTORE_WRONG_ORG", backup + " is a backup of " + manifest.org()
                        + ", but " + nodeDir + " is the node directory of " + current.orgId());
            }
            requireStopped(nodeDir.resolve(current.dataDir()));
        }
        requireStopped(nodeDir.resolve(manifest.dataDir()));
        Path aside = nodeDir.resolve(ASIDE_PREFIX + STAMP.format(Instant.now()));
        List<String> restored = new ArrayList<>();
        boolean movedAny = false;
        try {
            Files.createDirectories(nodeDir);
            List<String> names = new ArrayList<>();
            try (Stream<Path> entries = Files.list(backup)) {
                entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(BackupManifest.FILE_NAME))
                        .sorted().forEach(names::add);
            }
            List<String> replaced = new ArrayList<>(names);
            replaced.add("raft");
            if (!names.contains(ReadLog.DIR_NAME)) {
                replaced.add(ReadLog.DIR_NAME); // a read log newer than the backup's absence of one stays aside too
            }
            for (String name : replaced) {
                Path p = nodeDir.resolve(name);
                if (Files.exists(p)) {
                    Files.createDirectories(aside);
                    Files.move(p, aside.resolve(name));
                    movedAny = true;
                }
            }
            for (String name : names) {
                OpsFiles.copyTree(backup.resolve(name), nodeDir.resolve(name));
                restored.add(name);
            }
            OpsFiles.sync(nodeDir);
        } catch (IOException e) {
            throw new CareledgerException("RESTORE_FAILED", "cannot restore " + backup + " into " + nodeDir + ": " + e
                    + (movedAny ? "; the node's previous files are in " + aside : ""));
        }
        try {
            NodeDirCheck.run(nodeDir);
        } catch (CareledgerException e) {
            throw new CareledgerException("RESTORE_FAILED", "the restored " + nodeDir + " does not verify (" + e.code()
                    + ": " + e.getMessage() + ")" + (movedAny ? "; the node's previous files are in " + aside : ""));
        }
        return new Result(nodeDir, manifest, movedAny ? aside : null, List.copyOf(restored));
    }

    /** A store another process (or this one) has open belongs to a running node: never restore under it. */
    private static void requireStopped(Path store) {
        if (!Files.isRegularFile(store.resolve("CURRENT"))) {
            return;
        }
        try {
            // RocksDB locks the store of a running node, against other processes and this one alike
            LedgerStore.open(store).close();
        } catch (CareledgerException e) {
            if (e.code().equals("STORE_LOCKED")) {
                throw new CareledgerException("NODE_RUNNING", "the node using " + store
                        + " is running; stop it before restoring");
            }
            // a store too damaged to open is what restores are for
        }
    }
}
