package org.careledger.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.careledger.ledger.Genesis;
import org.careledger.node.NodeAssembly;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;

/**
 * The set-up of the CLI command tests: a network directory of several orgs (under {@code dir}/net) with the first
 * org's node running in this JVM with local ordering, and commands run against it with {@code --network NET --node
 * URL} appended, as a user of that network would type them.
 */
final class OneNodeNetwork implements AutoCloseable {
    final NetworkLayout layout;
    final Genesis genesis;
    final NodeAssembly node;

    private OneNodeNetwork(NetworkLayout layout, Genesis genesis, NodeAssembly node) {
        this.layout = layout;
        this.genesis = genesis;
        this.node = node;
    }

    /** @param orgSpecs as {@code network init} reads them ({@code hospital-a}, {@code health-dept=authority}) */
    static OneNodeNetwork start(Path dir, String chainId, List<String> orgSpecs) {
        NetworkLayout layout = new NetworkLayout(dir.resolve("net"));
        List<OrgSpec> orgs = orgSpecs.stream().map(OrgSpec::parse).toList();
        Genesis genesis = new NetworkInitializer().init(layout.root(), new NetworkInitializer.Options(chainId, orgs,
                "127.0.0.1", CliRunner.freeBasePort(orgs.size()), false));
        return new OneNodeNetwork(layout, genesis, NodeAssembly.start(layout.org(orgs.getFirst().id())));
    }

    /** Runs {@code careledger ARGS --network NET --node URL}. */
    CliRunner.Result run(Object... args) {
        return CliRunner.run(Stream.concat(Stream.of(args), Stream.of("--network", layout.root(), "--node",
                node.apiUrl())).toArray());
    }

    @Override
    public void close() {
        node.close();
    }
}
