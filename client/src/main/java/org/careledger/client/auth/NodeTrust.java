package org.careledger.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.tls.NodeKeyMaterial;
import org.careledger.crypto.tls.PinnedNode;
import org.careledger.crypto.x509.Pem;

/**
 * Which servers a client believes are the consortium's nodes: exactly the node keys genesis lists, each under its org
 * CA. A client reads them from the network's {@code genesis.json}, which it needs anyway to know the chain.
 */
public final class NodeTrust {
    private final List<PinnedNode> nodes;
    private final SSLContext context;

    public NodeTrust(List<PinnedNode> nodes) {
        this.nodes = List.copyOf(nodes);
        this.context = NodeKeyMaterial.clientContext(this.nodes);
    }

    public SSLContext sslContext() {
        return context;
    }

    public List<PinnedNode> nodes() {
        return nodes;
    }

    /** The node keys of a genesis file ({@code orgs[].caCertificate} and {@code orgs[].nodeCertificate}). */
    public static NodeTrust fromGenesis(Path genesisFile) {
        try {
            return fromGenesisJson(Files.readAllBytes(genesisFile));
        } catch (IOException e) {
            throw new CareledgerException("GENESIS_UNREADABLE", "cannot read " + genesisFile + ": " + e.getMessage());
        }
    }

    public static NodeTrust fromGenesisJson(byte[] genesisJson) {
        JsonNode orgs = CanonicalJson.tree(genesisJson).path("orgs");
        List<PinnedNode> nodes = new ArrayList<>();
        for (JsonNode org : orgs) {
            if (org.hasNonNull("nodeCertificate") && org.hasNonNull("caCertificate")) {
                nodes.add(new PinnedNode(org.path("id").asText(), Pem.decodeCertificate(org.get("caCertificate").asText()),
                        Pem.decodeCertificate(org.get("nodeCertificate").asText())));
            }
        }
        if (nodes.isEmpty()) {
            throw new CareledgerException("GENESIS_INVALID", "genesis lists no node certificate to trust");
        }
        return new NodeTrust(nodes);
    }
}
