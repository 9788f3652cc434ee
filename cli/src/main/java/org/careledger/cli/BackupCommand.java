package org.careledger.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.careledger.node.ops.NodeBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code careledger backup NODE_DIR --to DIR}: a verified copy of a node directory, online or not. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy a node directory (store, read log, node.json, genesis, keys; not the Raft log) into a new "
                + "directory, byte by byte (no hard links), while the node runs or not, and verify the copy.")
public final class BackupCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NODE_DIR", description = "the node directory, e.g. NET/hospital-a")
    Path nodeDir;

    @Option(names = "--to", required = true, paramLabel = "DIR",
            description = "a new or empty directory outside the node directory, ideally on another disk")
    Path target;

    @Override
    public Integer call() {
        NodeBackup.Result r = NodeBackup.backup(nodeDir, target);
        var m = r.manifest();
        System.out.println("backed up " + m.org() + " to " + r.target() + ": " + m.height() + " blocks (head "
                + m.headHash().substring(0, 16) + "…), " + m.reads() + " logged reads"
                + (m.readsHead() == null ? "" : " (head " + m.readsHead().substring(0, 16) + "…)")
                + "; verified; files: " + String.join(", ", r.copied()));
        return 0;
    }
}
