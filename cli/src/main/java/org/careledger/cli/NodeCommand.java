package org.careledger.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.careledger.node.NodeAssembly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code careledger node start NODE_DIR}: runs one org's node until interrupted. */
@Command(name = "node", description = "Run a node.", subcommands = NodeCommand.Start.class, mixinStandardHelpOptions = true)
public final class NodeCommand {
    @Command(name = "start", description = "Start the node in NODE_DIR (made by 'network init') and serve until stopped.",
            mixinStandardHelpOptions = true)
    static final class Start implements Runnable {
        @Parameters(paramLabel = "NODE_DIR", description = "a node directory, e.g. NET/hospital-a")
        Path nodeDir;

        @Override
        public void run() {
            // before anything logs: with careledger.log.dir set the log goes to DIR/node.log and rolls over
            org.careledger.node.NodeLogging.rollIfConfigured();
            NodeAssembly node = NodeAssembly.start(nodeDir);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                node.close();
                stopped.countDown();
            }, "shutdown"));
            System.out.println("node " + node.config().nodeId() + " serving " + node.apiUrl()
                    + " (height " + node.ledger().head().height() + "); Ctrl-C to stop");
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
