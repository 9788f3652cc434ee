package org.careledger.consensus;

import com.google.protobuf.ByteString;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.LongFunction;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.proto.BlockSignature;
import org.careledger.core.proto.QuorumCertificate;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.LedgerVerifier;
import org.careledger.storage.Column;
import org.careledger.storage.Keys;
import org.careledger.storage.LedgerStore;
import org.careledger.storage.StoreCursor;

/**
 * How {@code careledger verify} checks the quorum certificates a network node stored: every certificate must be for
 * a block of the chain, over the hash the verifier recomputed for that block, and every signature in it must be
 * from a distinct node listed in genesis and verify under that node's genesis key. A certificate with fewer than a
 * quorum of signatures is not an error (its block is simply not final yet); it is not counted.
 */
public final class QuorumCertificateCheck implements LedgerVerifier.CertificateCheck {
    private static final HexFormat HEX = HexFormat.of();

    @Override
    public long check(LedgerStore store, Genesis genesis, long headHeight, LongFunction<Hash> blockHash) {
        NodeKeys keys = new NodeKeys(genesis);
        int quorum = genesis.quorum();
        long certified = 0;
        try (StoreCursor cursor = store.cursor(Column.CERTIFICATES)) {
            for (; cursor.valid(); cursor.next()) {
                byte[] key = cursor.key();
                if (key.length != Long.BYTES) {
                    continue; // fork evidence and the final-height marker are not certificates
                }
                long h = Keys.height(key);
                QuorumCertificate qc;
                try {
                    qc = QuorumCertificate.parseFrom(cursor.value());
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw fail(h, "certificate does not parse");
                }
                if (h < 1 || h > headHeight) {
                    throw fail(h, "certificate for a block the chain does not have (head is " + headHeight + ")");
                }
                if (qc.getHeight() != h) {
                    throw fail(h, "certificate says height " + qc.getHeight());
                }
                Hash expected = blockHash.apply(h);
                if (expected == null) {
                    throw fail(h, "the verifier has no hash for this block");
                }
                ByteString expectedBytes = ByteString.copyFrom(expected.bytes());
                if (!qc.getBlockHash().equals(expectedBytes)) {
                    throw fail(h, "certificate is over hash " + HEX.formatHex(qc.getBlockHash().toByteArray())
                            + " but the block hashes to " + expected.hex());
                }
                Set<String> signers = new HashSet<>();
                for (BlockSignature s : qc.getSignaturesList()) {
                    if (!keys.isNode(s.getNodeId())) {
                        throw fail(h, "certificate has a signature of " + s.getNodeId() + ", which is not a genesis node");
                    }
                    if (!signers.add(s.getNodeId())) {
                        throw fail(h, "certificate counts " + s.getNodeId() + " twice");
                    }
                    if (s.getHeight() != h || !s.getBlockHash().equals(expectedBytes)) {
                        throw fail(h, "certificate holds a signature of " + s.getNodeId() + " for another block");
                    }
                    if (!keys.verifies(s)) {
                        throw fail(h, "certificate signature of " + s.getNodeId() + " does not verify");
                    }
                }
                if (signers.size() >= quorum) {
                    certified++;
                }
            }
        }
        return certified;
    }

    private static CareledgerException fail(long height, String what) {
        return new CareledgerException("VERIFY_FAILED", "block " + height + ": " + what);
    }
}
