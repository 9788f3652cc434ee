package org.careledger.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.careledger.client.claims.AdjudicationAudit;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.LedgerVerifier;
import org.careledger.ledger.VerificationReport;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.NodeFiles;
import org.careledger.node.ops.RaftLogFiles;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.LedgerStore;
import org.careledger.node.reads.ReadLog;
import org.careledger.node.reads.ReadLogReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(names = "--claims-key", paramLabel = "X25519_KEY_FILE",
            description = "also decrypt and re-run every adjudication this key may open (an org's"
                    + " NET/ORG/org/encryption.key with --claims-reader ORG, or a wallet's encryption.key)")
    Path claimsKey;

    @Option(names = "--claims-reader", paramLabel = "ORG|patient/p-…",
            description = "whose key --claims-key is (default: the patient of the wallet the key file is in)")
    String claimsReader;

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
                    failed += claims(store);
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

    /**
     * The claims domain's adjudications in a verified store (docs/CLAIMS.md, "Verifying adjudications"): the chains and
     * commitments on the ledger alone and, with --claims-key, each adjudication the key opens re-run byte for byte.
     * Prints one line, or one line per problem; returns the number of problems.
     */
    int claims(Path store) {
        String reader = claimsReader;
        org.careledger.crypto.envelope.EncryptionKeyPair key = null;
        if (claimsKey != null) {
            key = org.careledger.crypto.x509.KeyFiles.readEncryptionKey(claimsKey);
            if (reader == null) {
                Path wallet = claimsKey.toAbsolutePath().getParent();
                if (wallet == null || !Files.isRegularFile(wallet.resolve("patient.json"))) {
                    throw new CareledgerException("USAGE", "--claims-key " + claimsKey + " is not in a patient wallet:"
                            + " name its holder with --claims-reader ORG");
                }
                reader = org.careledger.client.records.PatientWallet.open(wallet).identityId();
            }
        } else if (reader != null) {
            throw new CareledgerException("USAGE", "--claims-reader goes with --claims-key");
        }
        AdjudicationAudit.Report r;
        try (LedgerStore s = LedgerStore.openReadOnly(store)) {
            r = new AdjudicationAudit(new AdjudicationAudit.LedgerView() {
                @Override
                public java.util.Optional<byte[]> state(String k) {
                    return s.get(Column.STATE, Keys.utf8(k));
                }

                @Override
                public java.util.SortedMap<String, byte[]> scan(String prefix) {
                    java.util.TreeMap<String, byte[]> out = new java.util.TreeMap<>();
                    s.forEach(Column.STATE, Keys.utf8(prefix), Long.MAX_VALUE, (k, v) -> out.put(Keys.utf8(k), v));
                    return out;
                }

                @Override
                public java.util.Optional<byte[]> blob(org.careledger.core.Hash sha256) {
                    return s.get(Column.BLOBS, sha256.bytes());
                }
            }, reader, key).check();
        }
        if (r.adjudications() == 0 && r.ok()) {
            return 0;
        }
        System.out.println(store + ": claims: " + r.adjudications() + " adjudications in " + r.coverages()
                + " coverage chain(s) checked on the ledger" + (reader == null ? ""
                : "; " + r.rerun() + " decrypted and re-run as " + reader + ", " + r.notReadable()
                + " not readable by it") + (r.ok() ? "" : "; " + r.problems().size() + " problem(s)"));
        for (AdjudicationAudit.Problem p : r.problems()) {
            System.out.println(store + ": FAILED " + p.code() + ": " + p.message());
        }
        return r.problems().size();
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
