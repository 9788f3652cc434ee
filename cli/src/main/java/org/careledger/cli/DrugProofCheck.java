package org.careledger.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.careledger.client.ProofChecker;
import org.careledger.client.api.InclusionProofView;
import org.careledger.core.CareledgerException;
import org.careledger.core.merkle.InclusionProof;
import org.careledger.core.merkle.Rfc6962;
import org.careledger.core.proto.BlockHeader;
import org.careledger.node.drugs.DrugVerification;

/**
 * Checks a verify answer's proofs locally, trusting nothing the node merely states: the header bytes must hash to
 * the header's hash, and each transaction id's leaf must fold along its path to that header's log root.
 */
final class DrugProofCheck {
    /** How many transactions were proven, and under which block. */
    record Checked(int proven, int total, long height, String headerHash) {}

    private DrugProofCheck() {}

    static Checked check(DrugVerification v) {
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
            return new Checked(0, txIds.size(), 0, null);
        }
        BlockHeader header = ProofChecker.verifyHeader(v.header());
        byte[] root = header.getLogRoot().toByteArray();
        HexFormat hex = HexFormat.of();
        int proven = 0;
        for (int i = 0; i < txIds.size(); i++) {
            InclusionProofView p = proofs.get(i);
            if (p == null) {
                continue; // committed after the header the answer was built on
            }
            byte[] leaf = Rfc6962.leafHash(hex.parseHex(txIds.get(i)));
            InclusionProof proof = new InclusionProof(p.leafIndex(), p.treeSize(), p.path().stream().map(hex::parseHex).toList());
            if (p.treeSize() != header.getLogSize() || !Arrays.equals(hex.parseHex(p.root()), root)
                    || !proof.verify(leaf, root)) {
                throw new CareledgerException("PROOF_INVALID", "the inclusion proof of transaction " + txIds.get(i)
                        + " does not lead to the log root of block " + header.getHeight());
            }
            proven++;
        }
        return new Checked(proven, txIds.size(), header.getHeight(), v.header().hash());
    }
}
