package org.careledger.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code careledger demo}: creates a network, starts it, runs the scripted scenario (membership, proofs,
 * verification) and keeps serving unless {@code --exit}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Create a local network, run the demo scenario, verify the chain; keep serving unless --exit.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--data", description = "network directory to use (default: a new temporary directory)")
    Path data;

    @Option(names = "--exit", description = "stop the network and exit after the scenario instead of serving")
    boolean exit;

    @Option(names = "--members", defaultValue = "300", description = "membership transactions to submit (default: ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--base-port", defaultValue = "7100", description = "org i gets API port base+i (default: ${DEFAULT-VALUE})")
    int basePort;

    @Override
    public Integer call() throws Exception {
        quietLogs();
        Path dir = data != null ? data : Files.createTempDirectory("careledger-demo-");
        DemoScenario scenario = new DemoScenario(dir, basePort, System.out);
        try {
            scenario.run(members);
            scenario.caseStudies();
        } catch (RuntimeException e) {
            scenario.stop();
            throw e;
        }
        if (exit) {
            scenario.stop();
            return scenario.verifyAll() ? 0 : 1;
        }
        // the nodes keep running: verify reads their stores read-only, as an auditor would
        boolean verified = scenario.verifyAll();
        System.out.println();
        System.out.println((verified ? "" : "VERIFICATION FAILED (see above). ") + "The network keeps running: try  ./careledger head --network " + dir.toAbsolutePath()
                + " --node " + scenario.firstApiUrl()
                + "   or open " + scenario.firstApiUrl() + "/openapi.json. Ctrl-C stops it.");
        // the explorer, pharmacy check and patient portal every node serves (docs/EXPLORER.md)
        System.out.println("Explorer: " + scenario.firstApiUrl() + "/explorer/  (sign in with a key file, e.g. "
                + dir.toAbsolutePath().resolve("hospital-a/admin/admin.key") + ", or a wallet's signing.key under "
                + dir.toAbsolutePath().resolve("patients") + " with its encryption.key to open and grant records; load " + dir.toAbsolutePath().resolve("genesis.json")
                + " to check certificates; trust " + dir.toAbsolutePath().resolve("hospital-a/ca/ca.pem")
                + " or accept the certificate warning once)");
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scenario.stop();
            done.countDown();
        }));
        done.await();
        return 0;
    }

    /** The demo prints its own transcript; node logs would interleave with it (they still report errors). */
    private static void quietLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.getLogger("org.apache.ratis").setLevel(ch.qos.logback.classic.Level.OFF);
            ctx.getLogger("org.careledger").setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        java.util.logging.Logger.getLogger("org.apache.ratis").setLevel(java.util.logging.Level.SEVERE);
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort
        }
    }
}
