package org.careledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.careledger.client.HeaderCertificates;
import org.careledger.core.research.SubjectIds;
import org.careledger.fhir.SyntheaBundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code careledger study …} against a real node (one, in this JVM), as a user runs it: register, consent, enrol, a
 * release of two Synthea patients written to a dataset file and re-derived by {@code study prove}, an amendment that
 * adds an outcome, results that switch, and {@code study report} exiting 3 on the switch. Registration proofs need
 * quorum-certified headers, which a single node with local ordering does not make: {@code prove --protocol} says so
 * (ResearchNetworkIT proves it on four Raft nodes).
 */
class StudyCommandIT {
    @TempDir
    static Path dir;
    static OneNodeNetwork network;

    @BeforeAll
    static void network() {
        network = OneNodeNetwork.start(dir, "careledger-study-cli", List.of("hospital-a", "sponsor-e"));
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
    }

    private static CliRunner.Result study(Object... args) {
        return network.run(Stream.concat(Stream.of("study"), Stream.of(args)).toArray());
    }

    @Test
    void aStudyFromRegistrationToTheOutcomeSwitchingReport() throws IOException {
        Path protocol = Files.writeString(dir.resolve("protocol.md"), "# Trial T\nversion 1\n");
        Path sap = Files.writeString(dir.resolve("sap.md"), "# SAP\n");
        String sponsor = "sponsor-e/admin";
        String site = "hospital-a/admin";
        String s1 = SubjectIds.of(new byte[32], "trial-t");
        byte[] other = new byte[32];
        other[0] = 1;
        String s2 = SubjectIds.of(other, "trial-t");

        assertThat(study("enrol", "trial-t", "--subject", s1, "--as", site).err())
                .contains("RESEARCH_STUDY_UNKNOWN");
        CliRunner.Result registered = study("register", "trial-t", "--as", sponsor, "--title", "Trial T",
                "--protocol", protocol, "--media-type", "text/markdown; charset=UTF-8", "--sap", sap,
                "--sites", "hospital-a", "--outcome", "hba1c:PRIMARY:HbA1c change at 24 weeks:percent points",
                "--outcome", "weight:SECONDARY:weight change:kg");
        assertThat(registered.exitCode()).as(registered.all()).isZero();
        assertThat(study("register", "trial-t", "--as", site, "--title", "x", "--protocol", protocol, "--sap", sap,
                "--sites", "hospital-a", "--outcome", "a:PRIMARY:b:c").err()).contains("RESEARCH_NOT_SPONSOR");
        assertThat(study("register", "trial-u", "--as", sponsor, "--title", "x", "--protocol", protocol, "--sap", sap,
                "--sites", "hospital-a", "--outcome", "a:TERTIARY:b:c").err()).contains("USAGE");

        Path consent = Files.writeString(dir.resolve("consent.txt"), "signed consent");
        for (String s : List.of(s1, s2)) {
            assertThat(study("enrol", "trial-t", "--subject", s, "--as", site).exitCode()).isZero();
            assertThat(study("enrol", "trial-t", "--subject", s, "--as", site, "--to", "ON_STUDY").err())
                    .contains("RESEARCH_CONSENT_REQUIRED");
            assertThat(study("consent", "trial-t", "--subject", s, "--version", 1, "--document", consent, "--as", site)
                    .exitCode()).isZero();
            assertThat(study("enrol", "trial-t", "--subject", s, "--as", site, "--to", "ON_STUDY").exitCode()).isZero();
        }

        Path b1 = dir.resolve("b1.json");
        Path b2 = dir.resolve("b2.json");
        Files.write(b1, SyntheaBundles.read(SyntheaBundles.NAMES.get(0)));
        Files.write(b2, SyntheaBundles.read(SyntheaBundles.NAMES.get(1)));
        Path dataset = dir.resolve("r1.ndjson");
        CliRunner.Result released = study("release", "trial-t", "--release", "r1", "--version", 1, "--subject",
                s1 + "=" + b1, "--subject", s2 + "=" + b2, "--study-key", dir.resolve("study.key"), "--out", dataset,
                "--as", site);
        assertThat(released.exitCode()).as(released.all()).isZero();
        assertThat(released.out()).contains("of 2 subjects");
        CliRunner.Result proven = study("prove", "trial-t", "--release", "r1", "--dataset", dataset, "--as", sponsor);
        assertThat(proven.exitCode()).as(proven.all()).isZero();
        assertThat(proven.out()).contains("re-derived");
        Path tampered = Files.write(dir.resolve("tampered.ndjson"), Files.readString(dataset)
                .replaceFirst("\"Patient\"", "\"Patients\"").getBytes(StandardCharsets.UTF_8));
        assertThat(study("prove", "trial-t", "--release", "r1", "--dataset", tampered, "--as", sponsor).err())
                .contains("RESEARCH_DATASET_INVALID");
        assertThat(study("prove", "trial-t", "--protocol", protocol, "--as", sponsor).err())
                .contains(HeaderCertificates.HEADER_UNCERTIFIED);

        assertThat(study("consent", "trial-t", "--subject", s2, "--withdraw", "--as", site).exitCode()).isZero();
        assertThat(study("release", "trial-t", "--release", "r2", "--version", 1, "--subject", s2 + "=" + b2,
                "--study-key", dir.resolve("study.key"), "--out", dir.resolve("r2.ndjson"), "--as", site).err())
                .contains("RESEARCH_SUBJECT_WITHDRAWN");

        Path protocol2 = Files.writeString(dir.resolve("protocol-2.md"), "# Trial T\nversion 2\n");
        assertThat(study("amend", "trial-t", "--version", 2, "--reason", "add fasting glucose", "--protocol", protocol2,
                "--outcome", "hba1c:PRIMARY:HbA1c change at 24 weeks:percent points",
                "--outcome", "weight:SECONDARY:weight change:kg", "--outcome", "fpg:PRIMARY:fasting glucose:mmol/L",
                "--as", sponsor).exitCode()).isZero();
        assertThat(study("results", "trial-t", "--result", "ldl=-0.2", "--as", sponsor).err())
                .contains("RESEARCH_OUTCOME_UNKNOWN");
        assertThat(study("results", "trial-t", "--result", "fpg=-1.1 mmol/L", "--result", "weight=-2 kg", "--as",
                sponsor).exitCode()).isZero();
        CliRunner.Result report = study("report", "trial-t", "--as", site);
        assertThat(report.exitCode()).as(report.all()).isEqualTo(3);
        assertThat(report.out()).contains("\"switched\" : true", "\"primaryMissing\" : [ \"hba1c\" ]", "\"fpg\"");

        Path secret = Files.writeString(dir.resolve("secret.hex"), "00".repeat(32));
        CliRunner.Result disclosures = study("report", "--secret", secret, "--as", site);
        assertThat(disclosures.exitCode()).as(disclosures.all()).isZero();
        assertThat(disclosures.out()).contains("\"r1\"", "HRESCH", s1);
    }
}
