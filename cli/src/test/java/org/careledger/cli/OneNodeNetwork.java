package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
    private final StringBuilder transcript = new StringBuilder();

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

    /** Runs a command, prints its output to the test log and keeps it in the {@link #transcript()}. */
    CliRunner.Result command(Object... args) {
        CliRunner.Result r = run(args);
        System.out.print(r.all());
        synchronized (transcript) {
            transcript.append(r.all());
        }
        return r;
    }

    /** A command that must succeed (exit 0). */
    CliRunner.Result ok(Object... args) {
        CliRunner.Result r = command(args);
        assertThat(r.exitCode()).as(r.all()).isZero();
        return r;
    }

    /** A command that must fail with {@code code} on stderr, as {@code CODE: sentence}, exit 1. */
    void refused(String code, Object... args) {
        CliRunner.Result r = command(args);
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).as(r.all()).startsWith(code + ": ");
        assertThat(r.err().substring(code.length() + 2).strip()).as(r.all()).isNotEmpty();
    }

    /** Everything the commands run through {@link #command} printed, in order. */
    String transcript() {
        synchronized (transcript) {
            return transcript.toString();
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
