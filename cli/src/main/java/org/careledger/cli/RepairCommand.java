package org.careledger.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.careledger.node.ops.NodeRepair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code careledger repair NODE_DIR}: quarantines a damaged store and Raft log so the node re-syncs from its peers. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = "With the node stopped: check its node.json, genesis and key files, then move its store (data/)"
                + " and Raft log (raft/) into NODE_DIR/quarantine-<time>/ (nothing is deleted; reads/ stays). Started"
                + " again, the node re-syncs from its peers.")
public final class RepairCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NODE_DIR", description = "the node directory, e.g. NET/hospital-a")
    Path nodeDir;

    @Override
    public Integer call() {
        NodeRepair.Result r = NodeRepair.repair(nodeDir);
        System.out.println(r.nodeDir() + ": " + String.join(", ", r.files().checked()) + " verified against genesis");
        if (r.quarantine() == null) {
            System.out.println("nothing to move: " + r.nodeDir() + " holds no store and no Raft log");
        } else {
            System.out.println("moved " + String.join(" and ", r.moved()) + " of " + r.org() + " into "
                    + r.quarantine() + " (nothing deleted; reads/ kept)");
        }
        System.out.println("next: start the node (careledger node start " + r.nodeDir() + ", or network up): it"
                + " re-syncs every block from its peers and checks each against its quorum certificate; watch"
                + " /v1/health turn from CATCHING_UP to UP, then delete the quarantine folder");
        return 0;
    }
}
