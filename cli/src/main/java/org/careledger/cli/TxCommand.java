package org.careledger.cli;

import org.careledger.client.ProofChecker;
import org.careledger.client.api.TxProofView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code careledger tx ID}: a transaction with its inclusion proof, checked locally. */
@Command(name = "tx", mixinStandardHelpOptions = true,
        description = "Show a transaction and check its Merkle inclusion proof against the node's latest header.")
public final class TxCommand implements Runnable {
    @Mixin
    NodeOption node;

    @Parameters(paramLabel = "TX_ID", description = "64 hex characters")
    String txId;

    @Override
    public void run() {
        TxProofView view = node.client().tx(txId);
        System.out.println(Json.pretty(view));
        var header = ProofChecker.verifyTx(view);
        System.out.println("inclusion proof verified against block " + header.getHeight() + " (log size "
                + header.getLogSize() + ")");
    }
}
