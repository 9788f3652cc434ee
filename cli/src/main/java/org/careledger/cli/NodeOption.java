package org.careledger.cli;

import java.nio.file.Path;
import org.careledger.client.CareledgerClient;
import org.careledger.client.auth.NodeTrust;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.network.NetworkLayout;
import picocli.CommandLine.Option;

/**
 * The options of query commands: which node, and who asks. Nodes answer signed requests only, so a query acts as a
 * ledger identity from the network directory: {@code --as ORG/NAME}, or by default the admin of the org whose node is
 * asked (an operator querying its own node).
 */
final class NodeOption {
    @Option(names = "--node", defaultValue = "${CARELEDGER_NODE:-https://127.0.0.1:7101}",
            description = "node API URL, or several separated by commas (the first that answers is used; default:"
                    + " $CARELEDGER_NODE or ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--network", paramLabel = "NET", defaultValue = "${CARELEDGER_NETWORK}",
            description = "network directory: the node keys to trust and the caller's key (default: $CARELEDGER_NETWORK)")
    Path network;

    @Option(names = "--as", paramLabel = "ORG/NAME",
            description = "who asks (default: the admin of the org whose node answers)")
    String as;

    CareledgerClient client() {
        if (network == null) {
            throw new CareledgerException("USAGE", "--network NET is required: nodes answer only signed requests, and the"
                    + " caller's key and the node keys to trust come from the network directory");
        }
        Genesis genesis = Genesis.read(new NetworkLayout(network).genesis());
        CareledgerClient node = NodeUrls.reachable(url, NodeTrust.fromGenesis(new NetworkLayout(network).genesis()));
        String caller = as != null ? as : defaultCaller(genesis, node.baseUrl());
        return node.as(CliIdentity.load(network, caller).signer().requestSigner());
    }

    /** The genesis node keys and quorum that headers' certificates are checked against. */
    org.careledger.client.GenesisNodes genesisNodes() {
        if (network == null) {
            throw new CareledgerException("USAGE", "--network NET is required: the node keys come from its genesis");
        }
        return org.careledger.client.GenesisNodes.fromGenesis(new NetworkLayout(network).genesis());
    }

    /** The admin of the org whose node listens at the URL (by port), else the first org's admin. */
    private static String defaultCaller(Genesis genesis, String baseUrl) {
        int port = java.net.URI.create(baseUrl).getPort();
        return genesis.orgs().stream().filter(o -> o.node() != null && o.node().apiPort() == port).findFirst()
                .or(() -> genesis.orgs().stream().findFirst()).map(GenesisOrg::adminId)
                .orElseThrow(() -> new CareledgerException("GENESIS_INVALID", "genesis lists no org"));
    }
}
