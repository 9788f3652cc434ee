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
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code careledger verify DIR}: re-checks a node's data (or every node of a network dir) from genesis. Exit 0
 * when everything verifies, 1 naming the first failing block otherwise.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-verify a node's store from genesis: hash links, signatures, Merkle roots, re-execution.")
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "a network dir, a node dir, or a node's data dir")
    Path dir;

    @Override
    public Integer call() {
        List<Path> stores = stores(dir);
        if (stores.isEmpty()) {
            throw new CareledgerException("VERIFY_NOTHING", dir + " holds no careledger store");
        }
        int failed = 0;
        String firstHead = null;
        for (Path store : stores) {
            try {
                VerificationReport r = verify(store);
                String certified = r.certifiedBlocks() > 0 ? ", " + r.certifiedBlocks() + " certified" : "";
                System.out.println(store + ": verified " + r.blocks() + " blocks, " + r.transactions()
                        + " transactions" + certified + " (head " + r.headHash().hex().substring(0, 16) + "…)");
                firstHead = firstHead == null ? r.headHash().hex() : firstHead;
            } catch (CareledgerException e) {
                System.out.println(store + ": FAILED " + e.code() + ": " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    static VerificationReport verify(Path store) {
        return new LedgerVerifier(NodeAssembly.contracts(), NodeAssembly.certificateCheck()).verify(store);
    }

    /** The stores under a path: itself if it is a RocksDB dir, its data dir if a node dir, each node of a network. */
    static List<Path> stores(Path dir) {
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("CURRENT"))) {
            out.add(dir);
        } else if (Files.isRegularFile(dir.resolve(NodeConfig.FILE_NAME))) {
            out.add(dir.resolve(NodeConfig.read(dir).dataDir()));
        } else if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                children.sorted().filter(p -> Files.isRegularFile(p.resolve(NodeConfig.FILE_NAME)))
                        .map(p -> p.resolve(NodeConfig.read(p).dataDir()))
                        .filter(data -> Files.isRegularFile(data.resolve("CURRENT")))
                        .forEach(out::add);
            } catch (java.io.IOException e) {
                throw new CareledgerException("VERIFY_FAILED", "cannot list " + dir + ": " + e.getMessage());
            }
        }
        return out;
    }
}
