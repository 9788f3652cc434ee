package org.careledger.client.drugs;

import java.util.ArrayList;
import java.util.List;
import org.careledger.api.InclusionProofView;
import org.careledger.api.drugs.DrugVerification;
import org.careledger.client.CheckedHeader;
import org.careledger.client.GenesisNodes;
import org.careledger.client.HeaderCertificates;
import org.careledger.client.ProofChecker;
import org.careledger.core.CareledgerException;

/**
 * Checks a verify answer's proofs locally, trusting nothing the node merely states: the header bytes must hash to
 * the header's hash, every signature of its certificate must be a genesis node's over that hash, and each
 * transaction id's leaf must fold along its path to that header's log root. The answer is built on the node's newest
 * header, which may still be collecting signatures: whether a quorum of genesis nodes certified it is reported, not
 * assumed; anything forged throws.
 */
public final class DrugProofCheck {
    /**
     * How many transactions were proven, and under which block; {@code signers} of the {@code quorum} genesis node
     * signatures needed for the header to be certified.
     */
    public record Checked(int proven, int total, long height, String headerHash, int signers, int quorum) {
        public boolean certified() {
            return headerHash != null && signers >= quorum;
        }
    }

    private DrugProofCheck() {}

    public static Checked check(DrugVerification v, GenesisNodes nodes) {
        List<String> txIds = new ArrayList<>();
        List<InclusionProofView> proofs = new ArrayList<>();
        v.history().forEach(s -> {
            txIds.add(s.txId());
            proofs.add(s.proof() == null ? null : s.proof().inclusion());
        });
        if (v.lot() != null && v.lot().recallProof() != null) {
            txIds.add(v.lot().recallTxId());
            proofs.add(v.lot().recallProof().inclusion());
        }
        if (v.header() == null) {
            return new Checked(0, txIds.size(), 0, null, 0, nodes.quorum());
        }
        CheckedHeader header = HeaderCertificates.check(v.header(), nodes);
        int proven = 0;
        for (int i = 0; i < txIds.size(); i++) {
            InclusionProofView p = proofs.get(i);
            if (p == null) {
                continue; // committed after the header the answer was built on
            }
            try {
                ProofChecker.verifyInclusion(txIds.get(i), p, header.header());
            } catch (CareledgerException e) {
                throw new CareledgerException("PROOF_INVALID", "the inclusion proof of transaction " + txIds.get(i)
                        + " does not lead to the log root of block " + header.height() + ": " + e.getMessage());
            }
            proven++;
        }
        return new Checked(proven, txIds.size(), header.height(), header.hash(), header.signers().size(),
                header.quorum());
    }
}
