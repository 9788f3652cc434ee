package org.careledger.cli;

import java.util.concurrent.Callable;
import org.careledger.api.TxProofView;
import org.careledger.client.CareledgerClient;
import org.careledger.client.CheckedHeader;
import org.careledger.client.GenesisNodes;
import org.careledger.client.HeaderCertificates;
import org.careledger.client.ProofChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code careledger tx ID}: a transaction with its inclusion proof, checked locally under a header that a quorum of
 * the genesis nodes signed, so that the answering node alone cannot have made it up.
 */
@Command(name = "tx", mixinStandardHelpOptions = true,
        description = {"Show a transaction and check locally its Merkle inclusion proof under a header certified by a"
                + " quorum of the genesis nodes (the newest final block).",
                "Exit code 0 when certified; " + TxCommand.UNCERTIFIED + " when the proof holds but no quorum"
                        + " certified the header (a local-ordering node, or not final within "
                        + TxCommand.FINALITY_WAIT_MILLIS / 1000 + " s); 1 when anything is forged."})
public final class TxCommand implements Callable<Integer> {
    /** Exit code when the proof holds against the header bytes but the header carries no quorum certificate. */
    static final int UNCERTIFIED = 2;
    static final long FINALITY_WAIT_MILLIS = 10_000;

    @Mixin
    NodeOption node;

    @Parameters(paramLabel = "TX_ID", description = "64 hex characters")
    String txId;

    @Override
    public Integer call() throws InterruptedException {
        CareledgerClient client = node.client();
        GenesisNodes nodes = node.genesisNodes();
        TxProofView view = client.tx(txId);
        CheckedHeader header = HeaderCertificates.check(view.header(), nodes);
        // the newest header may still be collecting signatures: ask for the proof under the newest final one
        long deadline = System.currentTimeMillis() + FINALITY_WAIT_MILLIS;
        while (!header.certified() && view.header().certificate() != null && System.currentTimeMillis() < deadline) {
            long finalHeight = client.health().finalHeight();
            if (finalHeight >= view.tx().height()) {
                view = client.tx(txId, finalHeight);
                header = HeaderCertificates.check(view.header(), nodes);
            } else {
                Thread.sleep(200);
            }
        }
        System.out.println(Json.pretty(view));
        if (!header.certified()) {
            ProofChecker.verifyTxUncertified(view);
            System.out.println("inclusion proof verified against the bytes of block " + header.height() + ", but that"
                    + " header is NOT certified: " + header.signers().size() + " of the " + header.quorum()
                    + " genesis node signatures needed" + (view.header().certificate() == null
                    ? " (the node sent no quorum certificate, as a local-ordering node does)" : "")
                    + "; only the answering node vouches for it");
            return UNCERTIFIED;
        }
        header = ProofChecker.verifyTx(view, nodes);
        System.out.println("inclusion proof verified against block " + header.height() + " (log size "
                + header.header().getLogSize() + "), certified by " + header.signers().size() + " of "
                + nodes.orgCount() + " genesis nodes (quorum " + header.quorum() + "): " + String.join(", ",
                header.signers()));
        return 0;
    }
}
