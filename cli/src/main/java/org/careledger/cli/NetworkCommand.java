package org.careledger.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.OrgSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code careledger network init|up|down DIR}. */
@Command(name = "network", mixinStandardHelpOptions = true, description = "Create, start and stop a local network.",
        subcommands = {NetworkCommand.Init.class, NetworkUp.class, NetworkDown.class})
public final class NetworkCommand {
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Write genesis, each org's CA, admin and node keys (0600) and node directories into DIR.")
    static final class Init implements Runnable {
        @Parameters(paramLabel = "DIR")
        Path dir;

        @Option(names = "--orgs", required = true, split = ",",
                description = "orgs, e.g. hospital-a,hospital-b,pharmacy-c,insurer-d (role from the name) or acme=manufacturer")
        List<String> orgs;

        @Option(names = "--chain-id", defaultValue = "careledger-local", description = "default: ${DEFAULT-VALUE}")
        String chainId;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "host the nodes listen on (default: ${DEFAULT-VALUE})")
        String host;

        @Option(names = "--base-port", defaultValue = "7100",
                description = "org i gets API port base+i and Raft port base+100+i (default: ${DEFAULT-VALUE})")
        int basePort;

        @Option(names = "--force", description = "replace an existing network in DIR (deletes its data)")
        boolean force;

        @Option(names = "--ordering", defaultValue = "raft",
                description = "raft (every org node orders through Apache Ratis; default) or local (each node alone, development only)")
        String ordering;

        @Override
        public void run() {
            List<OrgSpec> specs = orgs.stream().map(OrgSpec::parse).toList();
            Genesis g = new NetworkInitializer().init(dir, new NetworkInitializer.Options(chainId, specs, host, basePort, force, ordering));
            System.out.println("network '" + g.chainId() + "' initialized in " + dir.toAbsolutePath());
            System.out.printf("%-16s %-24s %-28s %s%n", "ORG", "ROLES", "API", "NODE DIR");
            for (GenesisOrg o : g.orgs()) {
                System.out.printf("%-16s %-24s %-28s %s%n", o.id(), String.join("+", o.roles()), o.node().apiUrl(),
                        dir.resolve(o.id()));
            }
            System.out.println("genesis " + g.hash().hex() + "; quorum " + g.quorum() + " of " + g.orgs().size());
            System.out.println("start one node: careledger node start " + dir.resolve(g.orgs().get(0).id())
                    + "   all of them: careledger network up " + dir);
        }
    }

    static List<String> split(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
