package org.careledger.client;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.careledger.api.CertificateView;
import org.careledger.api.HeaderView;
import org.careledger.api.SignatureView;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.proto.BlockHeader;

/**
 * Checks a header's quorum certificate against the genesis node keys, so that a client trusts no single node: what
 * one node serves is believed only if a quorum of the consortium's nodes signed it.
 *
 * <p>A block signature is ECDSA P-256 / SHA-256 (DER) over the 32 raw bytes of the block hash, the SHA-256 of the
 * serialized header (as the nodes' {@code BlockSigner} makes it). The check:
 * <ol>
 *   <li>SHA-256 of {@code headerBytes} must equal {@code hash}, and the view's fields must be those of the bytes
 *       ({@value #HEADER_HASH_MISMATCH});</li>
 *   <li>the header must be of the genesis chain ({@value #HEADER_WRONG_CHAIN});</li>
 *   <li>the certificate must be for this height and this recomputed hash, and <em>every</em> signature in it must be
 *       by a genesis node, at most one per node, and verify over the recomputed hash under that node's genesis key
 *       ({@value #CERTIFICATE_INVALID}). A signature by a node not in genesis, a second one by the same node, or one
 *       that does not verify is refused, not skipped: honest nodes store only verified signatures of genesis nodes
 *       (and {@code careledger verify} fails on anything else), so such a certificate was made up by the node that
 *       served it;</li>
 *   <li>{@link #certified} only: at least the genesis quorum of distinct valid signatures
 *       ({@value #HEADER_UNCERTIFIED}, also when there is no certificate at all, as from a local-ordering node).</li>
 * </ol>
 * The quorum and the "final" flag the node puts in the certificate are ignored; only genesis says.
 */
public final class HeaderCertificates {
    /** No certificate, or fewer valid signatures than the genesis quorum. */
    public static final String HEADER_UNCERTIFIED = "HEADER_UNCERTIFIED";
    /** A signature that does not verify, by a node not in genesis, counted twice, or a certificate of another block. */
    public static final String CERTIFICATE_INVALID = "CERTIFICATE_INVALID";
    /** The header bytes do not hash to the claimed hash, do not parse, or say something else than the view. */
    public static final String HEADER_HASH_MISMATCH = "HEADER_HASH_MISMATCH";
    /** A header of another chain than genesis names. */
    public static final String HEADER_WRONG_CHAIN = "HEADER_WRONG_CHAIN";

    private static final HexFormat HEX = HexFormat.of();

    private HeaderCertificates() {}

    /** Checks bytes, chain and certificate and requires a quorum of genesis nodes to have signed the header. */
    public static CheckedHeader certified(HeaderView view, GenesisNodes nodes) {
        CheckedHeader checked = check(view, nodes);
        if (!checked.certified()) {
            throw new CareledgerException(HEADER_UNCERTIFIED, "block " + checked.height() + " (" + checked.hash()
                    + ") is signed by " + checked.signers().size() + " of the " + checked.quorum() + " genesis nodes"
                    + " needed" + (view.certificate() == null ? " (the node sent no quorum certificate)" : "")
                    + "; only the answering node vouches for it");
        }
        return checked;
    }

    /**
     * Checks bytes, chain and every signature of the certificate (none is fine) without requiring a quorum: the
     * answer says how many genesis nodes signed. Anything forged throws.
     */
    public static CheckedHeader check(HeaderView view, GenesisNodes nodes) {
        if (view == null || view.headerBytes() == null || view.hash() == null) {
            throw new CareledgerException(HEADER_HASH_MISMATCH, "the answer holds no header bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(view.headerBytes());
        } catch (IllegalArgumentException e) {
            throw new CareledgerException(HEADER_HASH_MISMATCH, "headerBytes is not base64");
        }
        Hash hash = Hash.sha256(bytes);
        if (!hash.hex().equals(view.hash())) {
            throw new CareledgerException(HEADER_HASH_MISMATCH, "the header bytes hash to " + hash.hex() + ", not to "
                    + view.hash());
        }
        BlockHeader header;
        try {
            header = BlockHeader.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new CareledgerException(HEADER_HASH_MISMATCH, "the header bytes do not parse");
        }
        requireSameFields(view, header);
        if (!header.getChainId().equals(nodes.chainId())) {
            throw new CareledgerException(HEADER_WRONG_CHAIN, "block " + header.getHeight() + " is of chain '"
                    + header.getChainId() + "', not of '" + nodes.chainId() + "'");
        }
        List<String> signers = new ArrayList<>();
        CertificateView c = view.certificate();
        if (c != null) {
            if (c.height() != header.getHeight() || !hash.hex().equals(c.blockHash())) {
                throw invalid(header, "the certificate is for block " + c.height() + " with hash " + c.blockHash());
            }
            Set<String> seen = new HashSet<>();
            for (SignatureView s : c.signatures()) {
                String node = s == null ? null : s.nodeId();
                if (node == null || !nodes.nodeIds().contains(node)) {
                    throw invalid(header, "a signature by " + node + ", which is not a genesis node");
                }
                if (!seen.add(node)) {
                    throw invalid(header, "the certificate counts " + node + " twice");
                }
                if (!nodes.verifies(node, hash.bytes(), parseHex(s.signature()))) {
                    throw invalid(header, "the signature of " + node + " does not verify over " + hash.hex()
                            + " under its genesis key");
                }
                signers.add(node);
            }
        }
        return new CheckedHeader(header, hash.hex(), signers, nodes.quorum());
    }

    private static void requireSameFields(HeaderView v, BlockHeader h) {
        boolean same = v.height() == h.getHeight() && h.getChainId().equals(v.chainId())
                && v.logSize() == h.getLogSize() && v.txCount() == h.getTxCount()
                && v.timestampMillis() == h.getTimestampMillis()
                && HEX.formatHex(h.getLogRoot().toByteArray()).equals(v.logRoot())
                && HEX.formatHex(h.getPrevHash().toByteArray()).equals(v.prevHash());
        if (!same) {
            throw new CareledgerException(HEADER_HASH_MISMATCH, "the header's JSON fields are not those of its bytes"
                    + " (block " + h.getHeight() + ")");
        }
    }

    private static byte[] parseHex(String hex) {
        try {
            return hex == null ? new byte[0] : HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0]; // does not verify
        }
    }

    private static CareledgerException invalid(BlockHeader header, String what) {
        return new CareledgerException(CERTIFICATE_INVALID, "block " + header.getHeight() + ": " + what);
    }
}
