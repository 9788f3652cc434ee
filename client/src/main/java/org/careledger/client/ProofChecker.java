package org.careledger.client;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.careledger.client.api.ConsistencyProofView;
import org.careledger.client.api.HeaderView;
import org.careledger.client.api.InclusionProofView;
import org.careledger.client.api.TxProofView;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.merkle.ConsistencyProof;
import org.careledger.core.merkle.InclusionProof;
import org.careledger.core.merkle.Rfc6962;
import org.careledger.core.proto.BlockHeader;

/**
 * Light-client checks: recomputes everything from the bytes the node sent, trusting nothing it merely claims.
 * A transaction is proven when its id hashes to the proof's leaf, the audit path leads to the header's log root,
 * and the header's bytes hash to the header's hash.
 */
public final class ProofChecker {
    private static final HexFormat HEX = HexFormat.of();

    private ProofChecker() {}

    /** Verifies a tx proof; returns the parsed header it is proven under. */
    public static BlockHeader verifyTx(TxProofView view) {
        BlockHeader header = verifyHeader(view.header());
        InclusionProofView p = view.proof();
        byte[] txId = HEX.parseHex(view.tx().txId());
        byte[] leaf = Rfc6962.leafHash(txId);
        if (!Arrays.equals(leaf, HEX.parseHex(p.leafHash()))) {
            throw new CareledgerException("PROOF_INVALID", "leaf hash does not match the transaction id");
        }
        if (p.treeSize() != header.getLogSize()
                || !Arrays.equals(HEX.parseHex(p.root()), header.getLogRoot().toByteArray())) {
            throw new CareledgerException("PROOF_INVALID", "the proof is not against the header's log root");
        }
        InclusionProof proof = new InclusionProof(p.leafIndex(), p.treeSize(), decode(p.path()));
        if (!proof.verify(leaf, header.getLogRoot().toByteArray())) {
            throw new CareledgerException("PROOF_INVALID", "inclusion proof of " + view.tx().txId()
                    + " does not lead to the log root of block " + header.getHeight());
        }
        return header;
    }

    /** Parses the header bytes and checks they hash to the claimed hash; returns the parsed header. */
    public static BlockHeader verifyHeader(HeaderView view) {
        byte[] bytes = Base64.getDecoder().decode(view.headerBytes());
        if (!Hash.sha256(bytes).hex().equals(view.hash())) {
            throw new CareledgerException("PROOF_INVALID", "header bytes do not hash to " + view.hash());
        }
        try {
            return BlockHeader.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new CareledgerException("PROOF_INVALID", "header bytes do not parse");
        }
    }

    public static void verifyConsistency(ConsistencyProofView view, byte[] trustedFirstRoot, byte[] secondRoot) {
        ConsistencyProof proof = new ConsistencyProof(view.firstSize(), view.secondSize(), decode(view.path()));
        if (!proof.verify(trustedFirstRoot, secondRoot)) {
            throw new CareledgerException("PROOF_INVALID", "the log of size " + view.secondSize()
                    + " is not an extension of the log of size " + view.firstSize());
        }
    }

    private static List<byte[]> decode(List<String> hex) {
        return hex.stream().map(HEX::parseHex).toList();
    }
}
