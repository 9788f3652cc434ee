package org.careledger.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.LedgerVerifier;
import org.careledger.ledger.VerificationReport;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.NodeFiles;
import org.careledger.node.ops.RaftLogFiles;
import org.careledger.node.reads.ReadLog;
import org.careledger.node.reads.ReadLogReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code careledger verify DIR}: re-checks a node's data (or every node of a network dir) from genesis, each node's
 * config, genesis and key files against genesis, and each node's read log ({@code <nodeDir>/reads}) when it has one. Exit 0 when everything verifies, 1 naming the first
 * failing block or logged read otherwise.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-verify a node's store from genesis (hash links, signatures, Merkle roots, re-execution), "
                + "its node.json, genesis and key files (parse, match genesis), its Raft log segments (entry checksums) "
                + "and its read log (hash chain, index, head).")
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR",
            description = "a network dir, a node dir, a node's data dir, or a node's read log (<nodeDir>/reads)")
    Path dir;

    @Override
    public Integer call() {
        List<Target> targets = targets(dir);
        if (targets.isEmpty()) {
            throw new CareledgerException("VERIFY_NOTHING", dir + " holds no careledger store");
        }
        int failed = 0;
        String firstHead = null;
        for (Target t : targets) {
            if (t.nodeDir() != null) {
                try {
                    NodeFiles.Report r = NodeFiles.verify(t.nodeDir());
                    System.out.println(t.nodeDir() + ": node files of " + r.org() + " verified ("
                            + String.join(", ", r.checked()) + ")");
                } catch (CareledgerException e) {
                    System.out.println(t.nodeDir() + ": FAILED " + e.code() + ": " + e.getMessage());
                    failed++;
                }
                try {
                    RaftLogFiles.verify(t.nodeDir()).ifPresent(r -> System.out.println(r.raftDir() + ": verified "
                            + r.entries() + " Raft log entries in " + r.segments() + " segments"
                            + (r.entries() > 0 ? " (index " + r.firstIndex() + ".." + r.lastIndex() + ")" : "")));
                } catch (CareledgerException e) {
                    System.out.println(t.nodeDir().resolve(RaftLogFiles.DIR_NAME) + ": FAILED " + e.code() + ": "
                            + e.getMessage());
                    failed++;
                }
            }
            if (t.store() != null) {
                Path store = t.store();
                try {
                    VerifyProgress progress = new VerifyProgress(System.err, "verifying " + store);
                    VerificationReport r = verify(store, progress);
                    String certified = r.certifiedBlocks() > 0 ? ", " + r.certifiedBlocks() + " certified" : "";
                    System.out.println(store + ": verified " + r.blocks() + " blocks, " + r.transactions()
                            + " transactions" + certified + " (head " + r.headHash().hex().substring(0, 16) + "…)");
                    firstHead = firstHead == null ? r.headHash().hex() : firstHead;
                } catch (CareledgerException e) {
                    System.out.println(store + ": FAILED " + e.code() + ": " + e.getMessage());
                    failed++;
                }
            }
            if (t.readLog() != null) {
                try {
                    ReadLogReport r = ReadLog.verify(t.readLog());
                    System.out.println(t.readLog() + ": verified " + r.entries() + " reads (head "
                            + r.headHash().substring(0, 16) + "…)");
                } catch (CareledgerException e) {
                    System.out.println(t.readLog() + ": FAILED " + e.code() + ": " + e.getMessage());
                    failed++;
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }

    static VerificationReport verify(Path store) {
        return verify(store, LedgerVerifier.Progress.NONE);
    }

    static VerificationReport verify(Path store, LedgerVerifier.Progress progress) {
        return new LedgerVerifier(NodeAssembly.contracts(), NodeAssembly.certificateCheck(), progress).verify(store);
    }

    /**
     * A node's directory (for its config, genesis and key files), ledger store and read log; any may be null (a bare
     * store or read log was named, or a read log appears with the node's first read).
     */
    record Target(Path nodeDir, Path store, Path readLog) {}

    /** The stores under a path: itself if it is a RocksDB dir, its data dir if a node dir, each node of a network. */
    static List<Path> stores(Path dir) {
        return targets(dir).stream().map(Target::store).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * What verify checks under a path: a node's read log alone if the path is one ({@code <nodeDir>/reads}), a
     * RocksDB dir as a ledger store, a node dir's store and read log, or that of each node of a network dir.
     */
    static List<Target> targets(Path dir) {
        List<Target> out = new ArrayList<>();
        if (isReadLogOfANode(dir)) {
            out.add(new Target(null, null, dir));
        } else if (Files.isRegularFile(dir.resolve("CURRENT"))) {
            out.add(new Target(null, dir, null));
        } else if (Files.isRegularFile(dir.resolve(NodeConfig.FILE_NAME))) {
            out.add(new Target(dir, dir.resolve(dataDir(dir)), readLogOf(dir)));
        } else if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                for (Path node : children.sorted().filter(p -> Files.isRegularFile(p.resolve(NodeConfig.FILE_NAME)))
                        .toList()) {
                    Path data = node.resolve(dataDir(node));
                    Path store = Files.isRegularFile(data.resolve("CURRENT")) ? data : null;
                    out.add(new Target(node, store, readLogOf(node)));
                }
            } catch (java.io.IOException e) {
                throw new CareledgerException("VERIFY_FAILED", "cannot list " + dir + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** The node's data dir; an unreadable node.json falls back to the default and is reported by its own check. */
    private static String dataDir(Path nodeDir) {
        try {
            return NodeConfig.read(nodeDir).dataDir();
        } catch (CareledgerException | IllegalArgumentException e) {
            return "data";
        }
    }

    /** A node that has never logged a read has no read log; that is not a failure. */
    private static Path readLogOf(Path nodeDir) {
        Path reads = ReadLog.dirOf(nodeDir);
        return Files.isDirectory(reads) ? reads : null;
    }

    private static boolean isReadLogOfANode(Path dir) {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        return parent != null && Files.isRegularFile(parent.resolve(NodeConfig.FILE_NAME))
                && dir.toAbsolutePath().normalize().equals(ReadLog.dirOf(parent))
                && !ReadLog.dirOf(parent).equals(parent.resolve(NodeConfig.read(parent).dataDir()).normalize());
    }
}
