package org.careledger.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.core.CareledgerException;

/**
 * A {@code --node} value: one API URL, or several separated by commas (say, every org's node). With several, the
 * command talks to the first that answers its health check, so a script keeps working while a node is down.
 */
final class NodeUrls {
    private NodeUrls() {}

    /** The first node that answers, as an anonymous client pinned to {@code trust} (null: the JDK's CAs). */
    static CareledgerClient reachable(String spec, org.careledger.client.auth.NodeTrust trust) {
        List<String> urls = Arrays.stream(spec.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (urls.isEmpty()) {
            throw new CareledgerException("USAGE", "--node needs an API URL, not '" + spec + "'");
        }
        if (urls.size() == 1) {
            return new CareledgerClient(urls.getFirst(), null, trust, null);
        }
        List<String> failures = new ArrayList<>();
        for (String url : urls) {
            CareledgerClient c = new CareledgerClient(url, null, trust, null);
            try {
                c.health();
                return c;
            } catch (CareledgerException e) {
                failures.add(url + ": " + e.code());
            }
        }
        throw new CareledgerException("NODE_UNREACHABLE", "none of the --node URLs answered: " + String.join("; ", failures));
    }

    /** The API of an org's node at the address genesis lists for it, called as {@code caller}. */
    static CareledgerClient nodeOf(org.careledger.ledger.Genesis genesis, String org,
                                   org.careledger.client.auth.NodeTrust trust, TxSigner caller) {
        org.careledger.ledger.GenesisOrg o = genesis.org(org).orElseThrow(() ->
                new CareledgerException("ORG_UNKNOWN", "org " + org + " is not in genesis " + genesis.chainId()));
        if (o.node() == null || o.node().apiPort() == 0) {
            throw new CareledgerException("NODE_UNKNOWN", "genesis lists no API address for " + org + "'s node");
        }
        return new CareledgerClient(o.node().apiUrl(), null, trust, caller.requestSigner());
    }
}
