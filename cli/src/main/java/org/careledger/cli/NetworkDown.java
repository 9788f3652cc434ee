package org.careledger.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code careledger network down DIR}: stops the nodes that {@code network up} started. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop every node of DIR started by 'network up'.")
public final class NetworkDown implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() {
        int stopped = LocalNetwork.open(dir).down();
        System.out.println("stopped " + stopped + " node(s)");
        return 0;
    }
}
