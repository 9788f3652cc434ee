package org.careledger.cli;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
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

        private static CompletableFuture<Void> waitFor(CountDownLatch latch) {
            return CompletableFuture.runAsync(() -> {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, r -> Thread.ofPlatform().daemon(true).name("careledger-stop-wait").start(r));
        }

        @Override
        public void run() {
            // before anything logs: with careledger.log.dir set the log goes to DIR/node.log and rolls over
            org.careledger.node.NodeLogging.rollIfConfigured();
            AtomicReference<NodeAssembly> node = new AtomicReference<>(NodeAssembly.start(nodeDir));
            CountDownLatch stopped = new CountDownLatch(1);
            Object lifecycle = new Object();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                synchronized (lifecycle) {
                    NodeAssembly n = node.getAndSet(null);
                    if (n != null) {
                        n.close();
                    }
                }
                stopped.countDown();
            }, "shutdown"));
            System.out.println("node " + node.get().config().nodeId() + " serving " + node.get().apiUrl()
                    + " (height " + node.get().ledger().head().height() + "); Ctrl-C to stop");
            // a node whose Raft log failed (a full disk) asks to be started again once its disks have room
            while (true) {
                NodeAssembly current = node.get();
                if (current == null) {
                    break;
                }
                try {
                    CompletableFuture.anyOf(current.restartRequested(), waitFor(stopped)).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    return;
                }
                synchronized (lifecycle) {
                    if (node.get() != current || stopped.getCount() == 0) {
                        break; // shutting down
                    }
                    try {
                        current.close();
                    } catch (RuntimeException e) {
                        // RocksDB cannot flush after a failed write; it closes anyway and recovers from its WAL
                        System.err.println("careledger node WARN closing before the restart: " + e.getMessage());
                    }
                    node.set(NodeAssembly.restart(nodeDir));
                    System.out.println("node " + node.get().config().nodeId() + " restarted after a failed write;"
                            + " serving again (height " + node.get().ledger().head().height() + ")");
                }
            }
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
