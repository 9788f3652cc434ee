package org.careledger.bench;

import java.util.Arrays;

/**
 * {@code java -jar bench/target/careledger-bench.jar load [options]} runs the end-to-end load generator;
 * {@code … jmh [JMH options]} runs the JMH micro-benchmarks.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println("usage: careledger-bench load [--nodes 1|4] [--txs N] [--batch B] [--clients C] [--warmup N] [--linger MS]");
            System.out.println("       careledger-bench pipeline [--txs N] [--block B] [--rounds R]   (CPU per tx, one thread, no HTTP)");
            System.out.println("       careledger-bench drugs [--documents D] [--events E] [--packs P] [--clients C] [--verifies V]"
                    + "   (EPCIS capture rate, drug verify latency)");
            System.out.println("       careledger-bench health [--patients P] [--clients C]   (case reports/s, one node)");
            System.out.println("       careledger-bench verify [--txs N] [--block B] [--rounds R]   (careledger verify tx/s beside Ed25519 verif/s)");
            System.out.println("       careledger-bench claims [--patients P] [--claims C]   (claims adjudicated/s on 4 Raft nodes"
                    + " beside Ed25519 verif/s)");
            System.out.println("       careledger-bench releases [--subjects S] [--releases R] [--rounds N]"
                    + "   (research: records de-identified and released per second)");
            System.out.println("       careledger-bench jmh [JMH options, e.g. -f 1 -wi 2 -i 3]");
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "load" -> LoadGenerator.main(rest);
            case "pipeline" -> PipelineCost.main(rest);
            case "drugs" -> DrugBench.main(rest);
            case "health" -> HealthBench.main(rest);
            case "verify" -> VerifySpeed.main(rest);
            case "claims" -> ClaimsBench.main(rest);
            case "releases" -> ReleaseBench.main(rest);
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                System.err.println("unknown benchmark '" + args[0] + "'; use load, pipeline, drugs, health, verify, claims, releases or jmh");
                System.exit(2);
            }
        }
    }
}
