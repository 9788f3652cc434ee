package org.careledger.client;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.careledger.api.ConsistencyProofView;
import org.careledger.api.HeaderView;
import org.careledger.api.InclusionProofView;
import org.careledger.api.TxProofView;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.merkle.ConsistencyProof;
import org.careledger.core.merkle.InclusionProof;
import org.careledger.core.merkle.Rfc6962;
import org.careledger.core.proto.BlockHeader;

/**
 * Light-client checks: recomputes everything from the bytes the node sent, trusting nothing it merely claims.
 * A transaction is proven when its id hashes to the proof's leaf, the audit path leads to the header's log root,
 * the header's bytes hash to the header's hash, and a quorum of the genesis nodes signed that hash
 * ({@link HeaderCertificates}): then no single node, not even the one that answered, can have made it up.
 *
 * <p>The methods that take {@link GenesisNodes} are the ones to use. Those named {@code …Uncertified} check the
 * proof against the header bytes only and believe the answering node about the header; they exist for a single
 * node with local ordering, which has no other nodes to certify its blocks.
 */
public final class ProofChecker {
    private static final HexFormat HEX = HexFormat.of();

    private ProofChecker() {}

    /**
     * Verifies a tx proof under a header certified by a quorum of genesis nodes; returns that header. Throws
     * {@code PROOF_INVALID} or one of the codes of {@link HeaderCertificates}.
     */
    public static CheckedHeader verifyTx(TxProofView view, GenesisNodes nodes) {
        CheckedHeader header = HeaderCertificates.certified(view.header(), nodes);
        verifyInclusion(view.tx().txId(), view.proof(), header.header());
        return header;
    }

    /** Checks a header's bytes and its quorum certificate (see {@link HeaderCertificates#certified}). */
    public static CheckedHeader verifyHeader(HeaderView view, GenesisNodes nodes) {
        return HeaderCertificates.certified(view, nodes);
    }

    /**
     * Verifies that the log under the certified header {@code second} extends the log under the certified header
     * {@code first}: both roots come from headers a quorum signed, none from the proof's own claims.
     */
    public static void verifyConsistency(ConsistencyProofView view, HeaderView first, HeaderView second,
                                         GenesisNodes nodes) {
        BlockHeader a = HeaderCertificates.certified(first, nodes).header();
        BlockHeader b = HeaderCertificates.certified(second, nodes).header();
        if (view.firstSize() != a.getLogSize() || view.secondSize() != b.getLogSize()) {
            throw new CareledgerException("PROOF_INVALID", "the proof is between log sizes " + view.firstSize() + " and "
                    + view.secondSize() + ", the headers have " + a.getLogSize() + " and " + b.getLogSize());
        }
        verifyConsistency(view, a.getLogRoot().toByteArray(), b.getLogRoot().toByteArray());
    }

    /**
     * Checks that the audit path of a transaction id leads to the log root of an already checked header (one from
     * {@link #verifyHeader}).
     */
    public static void verifyInclusion(String txIdHex, InclusionProofView p, BlockHeader header) {
        byte[] txId = HEX.parseHex(txIdHex);
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
            throw new CareledgerException("PROOF_INVALID", "inclusion proof of " + txIdHex
                    + " does not lead to the log root of block " + header.getHeight());
        }
    }

    /**
     * Verifies a tx proof against the header bytes only, believing the answering node that the header is part of the
     * chain: for a single local-ordering node, which has no quorum certificate. Anywhere else use
     * {@link #verifyTx(TxProofView, GenesisNodes)}.
     */
    public static BlockHeader verifyTxUncertified(TxProofView view) {
        BlockHeader header = verifyHeaderUncertified(view.header());
        verifyInclusion(view.tx().txId(), view.proof(), header);
        return header;
    }

    /**
     * Parses the header bytes and checks they hash to the claimed hash, ignoring the certificate: the answering node
     * alone vouches for the header. Anywhere but on a single local-ordering node use
     * {@link #verifyHeader(HeaderView, GenesisNodes)}.
     */
    public static BlockHeader verifyHeaderUncertified(HeaderView view) {
        byte[] bytes = Base64.getDecoder().decode(view.headerBytes());
        if (!Hash.sha256(bytes).hex().equals(view.hash())) {
            throw new CareledgerException(HeaderCertificates.HEADER_HASH_MISMATCH, "header bytes do not hash to "
                    + view.hash());
        }
        try {
            return BlockHeader.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new CareledgerException(HeaderCertificates.HEADER_HASH_MISMATCH, "header bytes do not parse");
        }
    }

    /** Pure Merkle check between two roots the caller already trusts (from certified headers). */
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
