package org.careledger.node.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.LedgerVerifier;
import org.careledger.node.FourOrgNetwork;
import org.careledger.node.NodeAssembly;
import org.careledger.node.TestNetwork;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup of a node taken while the network writes through it shares no file with the live node (no hard links, as
 * the Raft checkpoints are), so a byte flipped in the live store later leaves it intact; it verifies, and a restore
 * of it into the damaged node directory verifies and gives a node that rejoins and reaches the network's head.
 */
class BackupRestoreIT {
    private static final String ORG = "hospital-b";

    @TempDir
    Path dir;
    @AutoClose // after the test, which starts it
    private FourOrgNetwork four;

    @Test
    void anOnlineBackupSharesNoFileWithTheStoreVerifiesAndRestoresToANodeThatRejoins() throws Exception {
        four = FourOrgNetwork.start(dir);
        TestNetwork net = four.net;
        Path nodeDir = net.layout.org(ORG);
        List<String> writers = TestNetwork.ORGS;
        // some blocks, then a restart of the node so its store has table files for the backup to copy
        four.load(writers, four.node(ORG).ledger().head().height() + 40, null);
        four.stop(ORG);
        four.start(ORG);

        // the backup runs while every node, the backed-up one included, takes writes
        AtomicBoolean stopLoad = new AtomicBoolean();
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<?> loading = background.submit(() -> {
            four.load(writers, Long.MAX_VALUE, stopLoad);
            return null;
        });
        four.awaitHeight(ORG, four.node(ORG).ledger().head().height() + 20);
        Path backup = dir.resolve("backups/b1");
        NodeBackup.Result result = NodeBackup.backup(nodeDir, backup);
        long heightAtBackup = result.manifest().height();
        assertThat(heightAtBackup).isPositive();
        assertThat(result.copied()).contains("node.json", "genesis.json", "node", "org", "data", "reads")
                .doesNotContain("raft");
        assertThat(backup.resolve(BackupManifest.FILE_NAME)).isRegularFile();
        assertThat(BackupManifest.read(backup).org()).isEqualTo(ORG);
        assertNoSharedFile(backup, nodeDir);
        assertThatThrownBy(() -> NodeRestore.restore(backup, nodeDir)).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo("NODE_RUNNING"));
        assertThatThrownBy(() -> NodeBackup.backup(nodeDir, backup)).isInstanceOfSatisfying(CareledgerException.class,
                e -> assertThat(e.code()).isEqualTo("BACKUP_TARGET_INVALID"));
        four.awaitHeight(ORG, heightAtBackup + 20);
        stopLoad.set(true);
        loading.get(2, java.util.concurrent.TimeUnit.MINUTES);
        background.shutdown();

        // the node stops; a byte of a table file the backup also holds (same name, same bytes then) is flipped
        four.stop(ORG);
        Path store = net.dataDir(ORG);
        Path backupStore = backup.resolve("data");
        Path shared = sharedTableFile(store, backupStore);
        byte[] backupBytes = Files.readAllBytes(backupStore.resolve(shared.getFileName().toString()));
        byte[] live = Files.readAllBytes(shared);
        live[live.length / 3] ^= 0x01;
        Files.write(shared, live);
        assertThatThrownBy(() -> new LedgerVerifier(NodeAssembly.contracts(), NodeAssembly.certificateCheck())
                .verify(store)).isInstanceOf(CareledgerException.class);
        assertThat(Files.readAllBytes(backupStore.resolve(shared.getFileName().toString()))).isEqualTo(backupBytes);
        assertThat(NodeDirCheck.run(backup).store().blocks()).isEqualTo(heightAtBackup);

        // restore: verify accepts the node dir, the damaged files are kept aside, the node rejoins and catches up
        NodeRestore.Result restored = NodeRestore.restore(backup, nodeDir);
        assertThat(restored.movedAside()).isNotNull();
        assertThat(restored.movedAside().resolve("data")).isDirectory();
        assertThat(restored.movedAside().resolve("raft")).isDirectory();
        assertThat(nodeDir.resolve("raft")).doesNotExist();
        NodeDirCheck check = NodeDirCheck.run(nodeDir);
        assertThat(check.store().blocks()).isEqualTo(heightAtBackup);
        assertThat(check.files().org()).isEqualTo(ORG);

        String other = writers.stream().filter(o -> !o.equals(ORG)).findFirst().orElseThrow();
        long networkHead = four.node(other).ledger().head().height();
        assertThat(networkHead).isGreaterThan(heightAtBackup);
        NodeAssembly back = four.start(ORG);
        four.awaitHeight(ORG, networkHead);
        assertThat(back.ledger().block(networkHead).orElseThrow())
                .isEqualTo(four.node(other).ledger().block(networkHead).orElseThrow());
        // and it takes writes again once it says it is ready (it may still be applying the log entries after the
        // last block, and refuses writes with NODE_CATCHING_UP until then): acknowledged, and applied by itself
        TxSigner admin = net.admin(ORG);
        CareledgerClient restoredApi = four.client(ORG, admin);
        four.awaitHealth(ORG, h -> h.ready(), Duration.ofSeconds(120));
        var ack = restoredApi.submit(net.register(admin, net.member(ORG, "after-restore", "nurse")), Wait.COMMIT);
        assertThat(ack.valid()).isTrue();
        assertThat(back.ledger().head().height()).isGreaterThanOrEqualTo(ack.height());
    }

    /** No file of the backup is a file (inode) of the node directory. */
    private static void assertNoSharedFile(Path backup, Path nodeDir) throws Exception {
        Set<Object> live = new HashSet<>();
        try (Stream<Path> files = Files.walk(nodeDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                try {
                    live.add(Files.getAttribute(p, "unix:ino"));
                } catch (java.nio.file.NoSuchFileException gone) {
                    // a WAL or table file the running node deleted meanwhile
                }
            }
        }
        try (Stream<Path> files = Files.walk(backup)) {
            List<Path> copied = files.filter(Files::isRegularFile).toList();
            assertThat(copied).isNotEmpty();
            for (Path p : copied) {
                assertThat((Integer) Files.getAttribute(p, "unix:nlink")).as("links of %s", p).isEqualTo(1);
                assertThat(live).as("%s is a file of the node directory", p).doesNotContain(Files.getAttribute(p, "unix:ino"));
            }
        }
    }

    /** A table file of the live store that the backup holds under the same name. */
    private static Path sharedTableFile(Path store, Path backupStore) throws Exception {
        try (Stream<Path> files = Files.list(store)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sst"))
                    .filter(p -> Files.exists(backupStore.resolve(p.getFileName().toString())))
                    .max(java.util.Comparator.comparingLong(p -> p.toFile().length()))
                    .orElseThrow(() -> new AssertionError("no table file of " + store + " is also in the backup"));
        }
    }
}
