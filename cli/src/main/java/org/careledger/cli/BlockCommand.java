package org.careledger.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code careledger block HEIGHT}: one block with its transactions. */
@Command(name = "block", mixinStandardHelpOptions = true, description = "Show a block by height (or 'latest').")
public final class BlockCommand implements Runnable {
    @Mixin
    NodeOption node;

    @Parameters(paramLabel = "HEIGHT")
    String height;

    @Override
    public void run() {
        System.out.println(Json.pretty(node.client().getJson("v1/blocks/" + height)));
    }
}
