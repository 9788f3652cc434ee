package org.careledger.consensus;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.careledger.core.Hash;
import org.careledger.core.proto.BlockSignature;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.SignatureVerifier;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateInfo;
import org.careledger.crypto.x509.Pem;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;

/**
 * The keys that may sign blocks: one per org node, taken from the node certificates in genesis. Genesis never
 * changes, so a certificate checked today is checked against the same keys as on the day it was made.
 *
 * <p>A block signature is ECDSA P-256 / SHA-256 (DER) over the 32 raw bytes of the block hash, which is SHA-256 of
 * the serialized header; the header binds chain id and height, so the hash alone needs no further context.
 */
final class NodeKeys {
    private final Map<String, byte[]> keys = new TreeMap<>();

    NodeKeys(Genesis genesis) {
        for (GenesisOrg org : genesis.orgs()) {
            CertificateInfo info = CertificateInfo.of(Pem.decodeCertificate(org.nodeCertificate()));
            if (info.algorithm() == SignatureAlgorithm.ECDSA_P256) {
                keys.put(org.nodeId(), info.publicKey());
            }
        }
    }

    boolean isNode(String nodeId) {
        return keys.containsKey(nodeId);
    }

    Optional<byte[]> key(String nodeId) {
        return Optional.ofNullable(keys.get(nodeId)).map(byte[]::clone);
    }

    /** True when the signature is from a genesis node and verifies over its own block hash. */
    boolean verifies(BlockSignature s) {
        byte[] key = keys.get(s.getNodeId());
        byte[] hash = s.getBlockHash().toByteArray();
        return key != null && hash.length == Hash.LENGTH
                && SignatureVerifier.verify(SignatureAlgorithm.ECDSA_P256, key, hash, s.getSignature().toByteArray());
    }

    static BlockSignature sign(Signer signer, String nodeId, long height, Hash blockHash) {
        byte[] hash = blockHash.bytes();
        return BlockSignature.newBuilder()
                .setHeight(height)
                .setBlockHash(ByteString.copyFrom(hash))
                .setNodeId(nodeId)
                .setSignature(ByteString.copyFrom(signer.sign(hash)))
                .build();
    }
}
