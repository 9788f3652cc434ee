package org.careledger.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.careledger.client.CareledgerClient;
import org.careledger.client.ReadSession;
import org.careledger.client.auth.NodeTrust;
import org.careledger.fhir.FhirR4;
import org.careledger.gateway.FhirGateway;
import org.careledger.gateway.GatewayToken;
import org.careledger.gateway.RecordGateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code careledger fhir-gateway --network NET --org ORG --member NAME --port P --token-file F}: serves the FHIR R4
 * gateway (docs/FHIR.md) as that member of the org, with the org's key, in front of the org's own node, until stopped.
 */
@Command(name = "fhir-gateway", mixinStandardHelpOptions = true,
        description = "Serve a FHIR R4 REST gateway (import, read, search, Patient/$everything) acting as one member"
                + " of an org through the org's node.")
public final class FhirGatewayCommand implements Runnable {
    @Option(names = "--network", required = true, paramLabel = "DIR", description = "the network directory")
    Path network;

    @Option(names = "--org", required = true, paramLabel = "ORG", description = "the org the gateway serves")
    String org;

    @Option(names = "--member", required = true, paramLabel = "NAME",
            description = "the member it acts as (NET/ORG/members/NAME.key); imports need a writer role")
    String member;

    @Option(names = "--port", defaultValue = "8090", paramLabel = "P", description = "port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "address to bind (default ${DEFAULT-VALUE}); plain HTTP, so loopback unless"
                    + " --allow-non-loopback (then put TLS in front)")
    String host;

    @Option(names = "--allow-non-loopback", description = "bind to a non-loopback address (behind a TLS terminator)")
    boolean allowNonLoopback;

    @Option(names = "--token-file", required = true, paramLabel = "F",
            description = "the bearer token callers present (first line; file mode 0600, at least 32 characters)")
    Path tokenFile;

    @Option(names = "--node", paramLabel = "URL", description = "the node's API (default: the org's node in genesis)")
    String node;

    @Override
    public void run() {
        FhirGateway gateway = start(network, org, member, host, port, allowNonLoopback, GatewayToken.read(tokenFile),
                node);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("FHIR gateway of " + org + " (as " + org + "/" + member + ") serving " + gateway.baseUrl()
                + "; Ctrl-C to stop");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a gateway as {@code ORG/MEMBER} of the network directory: the member's signing key and the org's
     * encryption key as {@code --as} loads them, the org's node from genesis unless {@code nodeUrl} names one.
     */
    static FhirGateway start(Path network, String org, String member, String host, int port, boolean allowNonLoopback,
                             GatewayToken token, String nodeUrl) {
        CliIdentity id = CliIdentity.load(network, org + "/" + member);
        NodeTrust trust = NodeTrust.fromGenesis(id.layout().genesis());
        CareledgerClient client = nodeUrl == null
                ? NodeUrls.nodeOf(id.genesis(), org, trust, id.signer()).withSession(new ReadSession())
                : new CareledgerClient(nodeUrl, new ReadSession(), trust, id.signer().requestSigner());
        RecordGateway gateway = new RecordGateway(client, id.author(), FhirR4.shared());
        return FhirGateway.start(gateway, token, host, port, allowNonLoopback);
    }
}
