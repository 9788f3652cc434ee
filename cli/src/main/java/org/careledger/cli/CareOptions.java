package org.careledger.cli;

import java.nio.file.Path;
import org.careledger.client.CareledgerClient;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.Genesis;
import org.careledger.node.network.NetworkLayout;
import picocli.CommandLine.Option;

/** Options shared by the patient-record commands: the node, and the network directory identities come from. */
final class CareOptions {
    @Option(names = "--node", defaultValue = "${CARELEDGER_NODE:-http://127.0.0.1:7101}",
            description = "node API URL, or several separated by commas (the first that answers is used; default:"
                    + " $CARELEDGER_NODE or ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--network", paramLabel = "NET", description = "network directory (careledger network init)")
    Path network;

    CareClient care() {
        return new CareClient(NodeUrls.reachable(url));
    }

    CliIdentity as(String as) {
        return CliIdentity.load(network, as);
    }

    /** The API of an org's node as genesis lists it (the custodian a break-glass reader turns to). */
    CareledgerClient nodeOf(String org) {
        if (network == null) {
            throw new CareledgerException("USAGE", "--network DIR is required to find " + org + "'s node");
        }
        return CareClient.nodeOf(Genesis.read(new NetworkLayout(network).genesis()), org);
    }
}
