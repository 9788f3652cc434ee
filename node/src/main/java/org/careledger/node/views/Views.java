package org.careledger.node.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.careledger.api.BlockView;
import org.careledger.api.CertificateView;
import org.careledger.api.EventView;
import org.careledger.api.HeaderView;
import org.careledger.api.InclusionProofView;
import org.careledger.api.TxView;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.merkle.InclusionProof;
import org.careledger.core.merkle.Rfc6962;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.BlockHeader;
import org.careledger.core.proto.TxEnvelope;
import org.careledger.core.proto.TxEvent;
import org.careledger.core.proto.TxPayload;
import org.careledger.core.proto.TxResult;

/** Turns stored protobufs into the JSON views of the API. */
public final class Views {
    private static final HexFormat HEX = HexFormat.of();

    private Views() {}

    public static HeaderView header(Block block, CertificateView certificate) {
        byte[] headerBytes = block.getHeader().toByteArray();
        BlockHeader h;
        try {
            h = BlockHeader.parseFrom(headerBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new CareledgerException("STORE_CORRUPTED", "a stored block header does not parse");
        }
        return new HeaderView(h.getChainId(), h.getHeight(), Hash.sha256(headerBytes).hex(),
                HEX.formatHex(h.getPrevHash().toByteArray()), h.getTimestampMillis(), h.getLogSize(),
                HEX.formatHex(h.getLogRoot().toByteArray()), HEX.formatHex(h.getResultsDigest().toByteArray()),
                HEX.formatHex(h.getStateDigest().toByteArray()), h.getTxCount(), h.getProposer(),
                Base64.getEncoder().encodeToString(headerBytes), certificate);
    }

    public static BlockView block(Block block, CertificateView certificate) {
        HeaderView header = header(block, certificate);
        BlockHeader h = parse(block);
        long firstLogIndex = h.getLogSize() - block.getTxsCount();
        List<TxView> txs = new ArrayList<>(block.getTxsCount());
        for (int i = 0; i < block.getTxsCount(); i++) {
            txs.add(tx(block.getTxs(i), block.getResults(i), h.getHeight(), i, firstLogIndex + i));
        }
        return new BlockView(header, txs);
    }

    public static TxView tx(TxEnvelope env, TxResult result, long height, int index, long logIndex) {
        byte[] payloadBytes = env.getPayload().toByteArray();
        String txId = Hash.sha256(payloadBytes).hex();
        TxPayload p;
        try {
            p = TxPayload.parseFrom(payloadBytes);
        } catch (InvalidProtocolBufferException e) {
            p = TxPayload.getDefaultInstance();
        }
        return new TxView(txId, p.getSignerId(), p.getNonce(), p.getContract(), p.getMethod(), args(p.getArgs().toByteArray()),
                height, index, logIndex, result.getCode().name(), result.getErrorCode(), result.getMessage(),
                events(result.getEventsList()), Base64.getEncoder().encodeToString(env.toByteArray()));
    }

    public static List<EventView> events(List<TxEvent> events) {
        return events.stream().map(e -> new EventView(e.getType(), args(e.getData().toByteArray()))).toList();
    }

    /**
     * Events for an answer that is only serialized, never read: the data is the ledger's canonical JSON embedded
     * as written instead of parsed into a tree and written again (same output, since parsing and re-writing
     * canonical JSON gives it back unchanged). Event data is always what {@code CanonicalJson.encode} produced at
     * execution; anything that does not even start like JSON takes the parsing path.
     */
    public static List<EventView> eventsAsWritten(List<TxEvent> events) {
        List<EventView> out = new ArrayList<>(events.size());
        for (TxEvent e : events) {
            com.google.protobuf.ByteString data = e.getData();
            JsonNode node = data.isEmpty() || !startsLikeJson(data.byteAt(0))
                    ? args(data.toByteArray())
                    : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.rawValueNode(
                            new com.fasterxml.jackson.databind.util.RawValue(data.toStringUtf8()));
            out.add(new EventView(e.getType(), node));
        }
        return out;
    }

    private static boolean startsLikeJson(byte b) {
        return b == '{' || b == '[' || b == '"' || b == 't' || b == 'f' || b == 'n' || b == '-' || (b >= '0' && b <= '9');
    }

    private static JsonNode args(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return CanonicalJson.tree(bytes);
        } catch (CareledgerException e) {
            return TextNode.valueOf(Base64.getEncoder().encodeToString(bytes));
        }
    }

    public static InclusionProofView proof(InclusionProof proof, byte[] txId, byte[] root) {
        return new InclusionProofView(proof.leafIndex(), proof.treeSize(), HEX.formatHex(Rfc6962.leafHash(txId)),
                proof.path().stream().map(HEX::formatHex).toList(), HEX.formatHex(root));
    }

    public static CertificateView certificate(org.careledger.core.proto.QuorumCertificate qc, int quorum) {
        if (qc == null) {
            return null;
        }
        return new CertificateView(qc.getHeight(), HEX.formatHex(qc.getBlockHash().toByteArray()), quorum,
                qc.getSignaturesCount() >= quorum, qc.getSignaturesList().stream()
                .map(s -> new org.careledger.api.SignatureView(s.getNodeId(), HEX.formatHex(s.getSignature().toByteArray())))
                .toList());
    }

    public static BlockHeader parse(Block block) {
        try {
            return BlockHeader.parseFrom(block.getHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new CareledgerException("STORE_CORRUPTED", "a stored block header does not parse");
        }
    }
}
