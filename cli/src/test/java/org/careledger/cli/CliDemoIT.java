package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripted demo end to end: a real node on loopback, 40 signed registrations, proofs, verify. */
class CliDemoIT {
    @TempDir
    Path tmp;

    @Test
    void theDemoRunsToTheEndAndItsStoreVerifies() {
        Path data = tmp.resolve("demo");
        int base = CliRunner.freeBasePort(DemoScenario.ORGS.size());
        CliRunner.Result r = CliRunner.run("demo", "--exit", "--members", "40", "--data", data, "--base-port", base);
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("40 of 40 committed as VALID")
                .contains("https://127.0.0.1:" + (base + 1))
                .contains("hashes lead to the log root of block")
                .contains("genesis node keys (quorum 6), so no single node can have made it up")
                .contains("extends the one of size")
                .contains("both headers certified")
                .contains("FINAL")
                .contains("Care demo done")
                .contains("drug demo done")
                .contains("Claims demo done")
                .contains("research demo done")
                .contains("Health demo done")
                .contains("verified");
        assertThat(r.all()).doesNotContain("FAILED").doesNotContain("\tat ");

        CliRunner.Result verify = CliRunner.run("verify", data);
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        // every node of the 8-org network verifies from genesis, all blocks certified, all at the same head
        var lines = verify.out().lines().filter(l -> l.contains(": verified ") && l.contains(" blocks")).toList();
        assertThat(lines).hasSize(DemoScenario.ORGS.size());
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("certified"));
        assertThat(lines.stream().map(l -> l.substring(l.indexOf("(head"))).distinct()).hasSize(1);
        // the demo's reads of patient data were logged by the node that served them, and every read log verifies
        assertThat(verify.out().lines().filter(l -> l.contains("/reads: verified "))).isNotEmpty();
    }
}
