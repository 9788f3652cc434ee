package org.careledger.node.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.Genesis;
import org.careledger.node.NodeConfig;
import org.careledger.node.reads.ReadLog;
import org.careledger.storage.LedgerStore;

/**
 * {@code careledger backup NODE_DIR --to DIR}: a copy of a node directory, taken while the node runs or not, that
 * shares no file with it (every file is written anew, so a damaged byte in the live store cannot reach the backup),
 * then verified like {@code careledger verify} before {@code BACKUP.json} marks it finished.
 *
 * <p>It holds what a restore needs: node.json, the genesis file, the node and org keys (and whatever else the org
 * keeps in the node directory), the ledger store and the read log — the one part no peer can give back. It leaves
 * out the Raft directory (log and checkpoints; a restored node gets the entries after its store's head from its
 * peers) and the node's logs. The stores are copied file by file ({@link LiveCopy}) and recovered to the last whole
 * block / read the copy holds, so a backup is the node as of a moment during the copy.
 */
public final class NodeBackup {
    /** Top-level names of a node directory that are not backed up. */
    static final Set<String> NOT_BACKED_UP = Set.of("raft", "node.pid", "node.out", BackupManifest.FILE_NAME);

    public record Result(Path target, BackupManifest manifest, List<String> copied) {}

    private NodeBackup() {}

    public static Result backup(Path nodeDir, Path target) {
        nodeDir = nodeDir.toAbsolutePath().normalize();
        target = target.toAbsolutePath().normalize();
        NodeConfig config = NodeConfig.read(nodeDir);
        if (target.startsWith(nodeDir) || nodeDir.startsWith(target)) {
            throw new CareledgerException("BACKUP_TARGET_INVALID", "back up to a directory outside the node directory "
                    + nodeDir + " (ideally on another disk), not " + target);
        }
        requireEmpty(target);
        Path store = nodeDir.resolve(config.dataDir()).normalize();
        Path reads = ReadLog.dirOf(nodeDir).normalize();
        if (!Files.isRegularFile(store.resolve("CURRENT"))) {
            throw new CareledgerException("STORE_NOT_FOUND", "no ledger store at " + store + " to back up");
        }
        List<String> copied = new ArrayList<>();
        try {
            Files.createDirectories(target);
            try (Stream<Path> entries = Files.list(nodeDir)) {
                for (Path p : entries.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (p.equals(store) || p.equals(reads) || skipped(name)) {
                        continue;
                    }
                    OpsFiles.copyTree(p, target.resolve(name));
                    copied.add(name);
                }
            }
            Path storeCopy = target.resolve(nodeDir.relativize(store).toString());
            Files.createDirectories(storeCopy.getParent());
            LiveCopy.copy(store, storeCopy);
            LedgerStore.recoverCopy(storeCopy);
            copied.add(config.dataDir());
            if (Files.isRegularFile(reads.resolve("CURRENT"))) {
                Path readsCopy = target.resolve(nodeDir.relativize(reads).toString());
                LiveCopy.copy(reads, readsCopy);
                ReadLog.open(readsCopy).close(); // point-in-time recovery of a torn last WAL record
                copied.add(nodeDir.relativize(reads).toString());
            }
            OpsFiles.sync(target);
        } catch (IOException e) {
            throw new CareledgerException("BACKUP_FAILED", "cannot write the backup to " + target + ": " + e);
        }
        NodeDirCheck check;
        try {
            check = NodeDirCheck.run(target);
        } catch (CareledgerException e) {
            throw new CareledgerException("BACKUP_UNVERIFIED", "the copy in " + target + " does not verify ("
                    + e.code() + ": " + e.getMessage() + "); it is not marked finished. If the node's own 'careledger"
                    + " verify' fails the same way, its files are damaged: restore an older backup instead");
        }
        Genesis genesis = Genesis.read(nodeDir.resolve(config.genesisFile()));
        BackupManifest manifest = new BackupManifest(config.orgId(), genesis.chainId(), config.dataDir(),
                check.store().blocks(), check.store().headHash().hex(),
                check.reads() == null ? 0 : check.reads().entries(),
                check.reads() == null ? null : check.reads().headHash(), Instant.now().toString());
        try {
            manifest.write(target);
            OpsFiles.sync(target);
        } catch (IOException e) {
            throw new CareledgerException("BACKUP_FAILED", "cannot write " + BackupManifest.FILE_NAME + " in " + target
                    + ": " + e);
        }
        return new Result(target, manifest, List.copyOf(copied));
    }

    /** The node's own logs, its pid file, the Raft directory, what an earlier restore moved aside. */
    static boolean skipped(String name) {
        return NOT_BACKED_UP.contains(name) || name.startsWith(NodeRestore.ASIDE_PREFIX)
                || name.endsWith(".log") || name.endsWith(".log.gz");
    }

    private static void requireEmpty(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new CareledgerException("BACKUP_TARGET_INVALID", target + " is not empty; back up into a new"
                        + " directory (one per backup)");
            }
        } catch (IOException e) {
            throw new CareledgerException("BACKUP_TARGET_INVALID", target + ": " + e.getMessage());
        }
    }
}
