package org.careledger.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code careledger head}: the latest block header of a node. */
@Command(name = "head", mixinStandardHelpOptions = true, description = "Show the latest block header of a node.")
public final class HeadCommand implements Runnable {
    @Mixin
    NodeOption node;

    @Override
    public void run() {
        System.out.println(Json.pretty(node.client().head()));
    }
}
