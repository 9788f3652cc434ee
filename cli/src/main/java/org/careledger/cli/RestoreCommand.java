package org.careledger.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.careledger.node.ops.NodeRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code careledger restore BACKUP --to NODE_DIR}: puts a backup back; the node then catches up from its peers. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Put a backup made by 'careledger backup' back into a (stopped) node's directory. What it "
                + "replaces and the Raft log move to NODE_DIR/before-restore-<time>/; the restored node catches up "
                + "from its peers when started.")
public final class RestoreCommand implements Callable<Integer> {
    @Parameters(paramLabel = "BACKUP", description = "a backup directory (holds BACKUP.json)")
    Path backup;

    @Option(names = "--to", required = true, paramLabel = "NODE_DIR", description = "the node directory to restore")
    Path nodeDir;

    @Override
    public Integer call() {
        NodeRestore.Result r = NodeRestore.restore(backup, nodeDir);
        var m = r.manifest();
        System.out.println("restored " + m.org() + " from " + backup + " (taken " + m.createdAt() + ", " + m.height()
                + " blocks, " + m.reads() + " logged reads) into " + r.nodeDir() + "; verified"
                + (r.movedAside() == null ? "" : "; its previous files are in " + r.movedAside())
                + ". Start the node: it catches up from its peers.");
        return 0;
    }
}
