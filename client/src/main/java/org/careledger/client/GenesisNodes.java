package org.careledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.SignatureAlgorithm;
import org.careledger.crypto.SignatureVerifier;
import org.careledger.crypto.x509.CertificateInfo;
import org.careledger.crypto.x509.Pem;

/**
 * The block signers a light client trusts: for each org of genesis, the ECDSA P-256 public key of its node
 * certificate ({@code orgs[].nodeCertificate}), under the node id {@code <org>/node} that block signatures name, and
 * the quorum ⌊2n/3⌋+1 of the n genesis orgs. Genesis never changes, so these are the keys every certificate of the
 * chain is checked against. Read from {@code genesis.json}, which a client has anyway to pin the nodes' TLS keys
 * ({@link org.careledger.client.auth.NodeTrust}); only the fields needed are parsed, so the client does not depend on
 * the ledger module.
 *
 * <p>An org whose node certificate is not ECDSA P-256 counts towards n but can sign no block, exactly as on the nodes
 * (consensus {@code NodeKeys}).
 */
public final class GenesisNodes {
    private final String chainId;
    private final Map<String, byte[]> keys;
    private final int orgCount;

    /**
     * @param chainId  the chain every certified header must name
     * @param nodeKeys node id ({@code <org>/node}) to the SubjectPublicKeyInfo of its ECDSA P-256 key
     * @param orgCount n, the number of genesis orgs (the quorum is ⌊2n/3⌋+1)
     */
    public GenesisNodes(String chainId, Map<String, byte[]> nodeKeys, int orgCount) {
        if (chainId == null || chainId.isEmpty()) {
            throw new IllegalArgumentException("chainId is required");
        }
        if (orgCount < 1 || nodeKeys.size() > orgCount) {
            throw new IllegalArgumentException("orgCount " + orgCount + " must be at least 1 and at least the "
                    + nodeKeys.size() + " node keys");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        nodeKeys.forEach((id, key) -> {
            if (!SignatureVerifier.isValidPublicKey(SignatureAlgorithm.ECDSA_P256, key)) {
                throw new IllegalArgumentException("the key of " + id + " is not an ECDSA P-256 public key");
            }
            copy.put(id, key.clone());
        });
        this.chainId = chainId;
        this.keys = Collections.unmodifiableMap(copy);
        this.orgCount = orgCount;
    }

    public static GenesisNodes fromGenesis(Path genesisFile) {
        try {
            return fromGenesisJson(Files.readAllBytes(genesisFile));
        } catch (IOException e) {
            throw new CareledgerException("GENESIS_UNREADABLE", "cannot read " + genesisFile + ": " + e.getMessage());
        }
    }

    /** Parses {@code chainId}, {@code orgs[].id} and {@code orgs[].nodeCertificate} (PEM) of a genesis document. */
    public static GenesisNodes fromGenesisJson(byte[] genesisJson) {
        JsonNode root = CanonicalJson.tree(genesisJson);
        String chainId = root.path("chainId").asText("");
        JsonNode orgs = root.path("orgs");
        if (chainId.isEmpty() || !orgs.isArray() || orgs.isEmpty()) {
            throw new CareledgerException("GENESIS_INVALID", "genesis needs a chainId and at least one org");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode org : orgs) {
            String id = org.path("id").asText("");
            if (id.isEmpty() || !ids.add(id)) {
                throw new CareledgerException("GENESIS_INVALID", "genesis lists an org without an id, or org '" + id
                        + "' twice");
            }
            if (!org.hasNonNull("nodeCertificate")) {
                throw new CareledgerException("GENESIS_INVALID", "org " + id + " has no nodeCertificate");
            }
            CertificateInfo info = CertificateInfo.of(Pem.decodeCertificate(org.get("nodeCertificate").asText()));
            if (info.algorithm() == SignatureAlgorithm.ECDSA_P256) {
                keys.put(nodeId(id), info.publicKey());
            }
        }
        return new GenesisNodes(chainId, keys, orgs.size());
    }

    /** The id block signatures give the node of an org. */
    public static String nodeId(String orgId) {
        return orgId + "/node";
    }

    public String chainId() {
        return chainId;
    }

    /** The node ids that may sign blocks. */
    public Set<String> nodeIds() {
        return keys.keySet();
    }

    public Optional<byte[]> key(String nodeId) {
        return Optional.ofNullable(keys.get(nodeId)).map(byte[]::clone);
    }

    /** n, the number of genesis orgs. */
    public int orgCount() {
        return orgCount;
    }

    /** Signatures that make a block final: ⌊2n/3⌋+1 of the n genesis orgs (as {@code Genesis.quorum()}). */
    public int quorum() {
        return (2 * orgCount) / 3 + 1;
    }

    /** Whether {@code signature} (DER) is the named node's ECDSA P-256 signature over these 32 bytes. */
    boolean verifies(String nodeId, byte[] blockHash, byte[] signature) {
        byte[] key = keys.get(nodeId);
        return key != null && SignatureVerifier.verify(SignatureAlgorithm.ECDSA_P256, key, blockHash, signature);
    }

    @Override
    public String toString() {
        return "GenesisNodes[chain " + chainId + ", " + keys.size() + " node keys of " + orgCount + " orgs, quorum "
                + quorum() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenesisNodes g && g.chainId.equals(chainId) && g.orgCount == orgCount
                && g.keys.size() == keys.size()
                && keys.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), g.keys.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return chainId.hashCode() * 31 + keys.keySet().hashCode() * 17 + orgCount;
    }
}
