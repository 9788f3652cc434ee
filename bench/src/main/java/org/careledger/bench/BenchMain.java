package org.careledger.bench;

import java.util.Arrays;

/**
 * {@code java -jar bench/target/careledger-bench.jar NAME [options]} runs one benchmark ({@code --help} lists them,
 * {@code NAME --help} its options); {@code … jmh [JMH options]} runs the JMH micro-benchmarks.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("usage: careledger-bench NAME [--option value ...]; careledger-bench NAME --help lists"
                    + " NAME's options with their defaults");
            System.out.println("  load      signed transactions/s on 1 and 4 nodes, beside the Ed25519 verification limit");
            System.out.println("  pipeline  CPU per transaction of each write-path stage (one thread, no HTTP)");
            System.out.println("  drugs     EPCIS capture rate, pack verification latency, admission cost");
            System.out.println("  health    public-health case reports/s on one node");
            System.out.println("  verify    careledger verify's tx/s from genesis, beside Ed25519 verifications/s");
            System.out.println("  claims    claims adjudicated/s on 4 Raft nodes, beside Ed25519 verifications/s");
            System.out.println("  import    FHIR resources imported/s into 1 and 4 nodes, beside Ed25519 verifications/s");
            System.out.println("  releases  research records de-identified and released per second");
            System.out.println("  growth    cost per transaction at each decade as one ledger grows (to 10^7)");
            System.out.println("  jmh       the JMH micro-benchmarks [JMH options, e.g. -f 1 -wi 2 -i 3]");
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "load" -> LoadGenerator.main(rest);
                case "pipeline" -> PipelineCost.main(rest);
                case "drugs" -> DrugBench.main(rest);
                case "health" -> HealthBench.main(rest);
                case "verify" -> VerifySpeed.main(rest);
                case "claims" -> ClaimsBench.main(rest);
                case "import" -> ImportBench.main(rest);
                case "releases" -> ReleaseBench.main(rest);
                case "growth" -> GrowthBench.main(rest);
                case "jmh" -> org.openjdk.jmh.Main.main(rest);
                default -> {
                    System.err.println("unknown benchmark '" + args[0] + "'; use load, pipeline, drugs, health, verify,"
                            + " claims, import, releases, growth or jmh (careledger-bench --help)");
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) { // a bad option: say so, no stack trace
            System.err.println("careledger-bench " + args[0] + ": " + e.getMessage());
            System.exit(2);
        }
    }
}
