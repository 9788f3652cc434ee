package org.careledger.cli;

import org.careledger.client.CareledgerClient;
import picocli.CommandLine.Option;

/** The --node option shared by query commands. */
final class NodeOption {
    @Option(names = "--node", defaultValue = "${CARELEDGER_NODE:-http://127.0.0.1:7101}",
            description = "node API URL, or several separated by commas (the first that answers is used; default:"
                    + " $CARELEDGER_NODE or ${DEFAULT-VALUE})")
    String url;

    CareledgerClient client() {
        return NodeUrls.reachable(url);
    }
}
