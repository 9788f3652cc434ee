package org.careledger.cli;

import java.nio.file.Path;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.client.auth.NodeTrust;
import org.careledger.client.consent.ConsentClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.core.CareledgerException;
import org.careledger.ledger.Genesis;
import org.careledger.node.network.NetworkLayout;
import picocli.CommandLine.Option;

/**
 * Options shared by the patient-record commands: the node, and the network directory identities come from. The node
 * keys the client trusts come from the network's genesis ({@code --network}) or, for a patient, the copy in the wallet.
 */
final class CareOptions {
    static final String DEFAULT_URL = "https://127.0.0.1:7101";

    @Option(names = "--node", description = "node API URL, or several separated by commas (the first that answers is"
            + " used; default: $CARELEDGER_NODE, else the acting org's own node as genesis lists it, else "
            + DEFAULT_URL + ")")
    String url;

    @Option(names = "--network", paramLabel = "NET", description = "network directory (careledger network init)")
    Path network;

    /** A client trusting the network's nodes (from --network). */
    RecordsClient care() {
        return care(null);
    }

    /** A client trusting the network's nodes: from --network, else from the patient wallet's copy of genesis. */
    RecordsClient care(Path wallet) {
        return careFor(null, wallet);
    }

    /** Consent as the patient (or a guardian) gives it, trusting the network's nodes as {@link #care(Path)} does. */
    ConsentClient consent(Path wallet) {
        return new ConsentClient(care(wallet).http());
    }

    /**
     * A client of the node an org's member talks to: --node or $CARELEDGER_NODE when given, else that org's own node
     * as genesis lists it (a member acts through its own org's node), else the default URL.
     */
    RecordsClient careFor(String org, Path wallet) {
        return new RecordsClient(NodeUrls.reachable(urlFor(org), trust(wallet)));
    }

    String urlFor(String org) {
        if (url != null && !url.isBlank()) {
            return url;
        }
        String env = System.getenv("CARELEDGER_NODE");
        if (env != null && !env.isBlank()) {
            return env;
        }
        if (network != null && org != null) {
            var node = Genesis.read(new NetworkLayout(network).genesis()).org(org).map(o -> o.node()).orElse(null);
            if (node != null && node.apiPort() > 0) {
                return node.apiUrl();
            }
        }
        return DEFAULT_URL;
    }

    NodeTrust trust(Path wallet) {
        if (network != null) {
            return NodeTrust.fromGenesis(new NetworkLayout(network).genesis());
        }
        if (wallet != null) {
            NodeTrust t = PatientWallet.open(wallet).trust();
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    CliIdentity as(String as) {
        return CliIdentity.load(network, as);
    }

    /** The API of an org's node as genesis lists it (the custodian a break-glass reader turns to), called as {@code caller}. */
    CareledgerClient nodeOf(String org, TxSigner caller) {
        if (network == null) {
            throw new CareledgerException("USAGE", "--network DIR is required to find " + org + "'s node");
        }
        return NodeUrls.nodeOf(Genesis.read(new NetworkLayout(network).genesis()), org, trust(null), caller);
    }
}
