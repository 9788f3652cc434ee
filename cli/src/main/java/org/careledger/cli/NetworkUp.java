package org.careledger.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.careledger.core.CareledgerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code careledger network up DIR}: starts every node of a network dir as a child process. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start every node of DIR on loopback and wait for a leader.")
public final class NetworkUp implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() {
        LocalNetwork net = LocalNetwork.open(dir);
        net.up();
        net.printTable(System.out);
        return 0;
    }
}
