package org.careledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.client.research.ResearchClient;
import org.careledger.contracts.research.ResearchArgs;
import org.careledger.contracts.research.SubjectStatus;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.research.Outcome;
import org.careledger.core.research.OutcomeKind;
import org.careledger.core.research.SubjectIds;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.ledger.Genesis;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;

/**
 * The research release rate (docs/BENCHMARKS.md): FHIR records de-identified (HIPAA Safe Harbor, leak check) and
 * released per second — first the pure de-identification and Merkle root on one thread, then end to end on one node
 * (real node, RocksDB, HTTPS on loopback): R releases of S subjects each, every release prepared and committed with
 * {@code wait=commit}. Each subject's records are the Synthea patient-1 Bundle's released types. Printed beside the
 * strict Ed25519 verifications/s of one core, measured in the same run.
 */
public final class ReleaseBench {
    private static final String BUNDLE = "/org/careledger/fhir/synthea/synthea-patient-1.json";

    record Options(int subjects, int releases, int rounds, int basePort) {}

    public static void main(String[] args) throws Exception {
        BenchOptions opts = new BenchOptions("releases", "research records de-identified and released per second,"
                + " beside Ed25519 verifications/s of one core in the same run", args, List.of(
                BenchOptions.option("--subjects", "S", 10, "subjects per release"),
                BenchOptions.option("--releases", "R", 10, "releases timed end to end"),
                BenchOptions.option("--rounds", "N", 5, "rounds of the pure de-identification measure (least is kept)"),
                BenchOptions.option("--base-port", "PORT", 17600, "first port of the node's API and Raft ports")));
        if (opts.helpShown()) {
            return;
        }
        Options o = new Options(opts.intOf("--subjects"), opts.intOf("--releases"), opts.intOf("--rounds"),
                opts.intOf("--base-port"));
        SignatureBaseline.Rate rate = SignatureBaseline.measure(3);
        List<JsonNode> resources = synthea();
        System.out.printf("careledger releases: %d releases of %d subjects, %d Synthea resources per subject; %d cores%n",
                o.releases(), o.subjects(), resources.size(), Runtime.getRuntime().availableProcessors());
        System.out.printf("baseline: strict Ed25519 verification, one core: %,.0f verifications/s%n", rate.perSecond());

        // pure: de-identify S subjects and build the dataset, one thread; the least of the rounds (noise only adds)
        byte[] studyKey = new byte[32];
        new SecureRandom().nextBytes(studyKey);
        Map<String, List<JsonNode>> bySubject = new LinkedHashMap<>();
        for (int s = 0; s < o.subjects(); s++) {
            bySubject.put("s-" + s, resources);
        }
        int records = ResearchClient.prepareRelease(bySubject, studyKey, 2026).dataset().size();
        double best = Double.MAX_VALUE;
        for (int r = 0; r < o.rounds(); r++) {
            long t = System.nanoTime();
            ResearchClient.prepareRelease(bySubject, studyKey, 2026).dataset().merkleRoot();
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        System.out.printf("de-identification + leak check + Merkle root, one thread: %d records in %.3f s = %,.0f"
                + " records/s (%.2f records per 1,000 Ed25519 verifications' time)%n", records, best, records / best,
                records / best / rate.perSecond() * 1000);

        Path dir = Files.createTempDirectory("careledger-releases-");
        Genesis genesis = new NetworkInitializer().init(dir, new NetworkInitializer.Options("careledger-releases",
                List.of(OrgSpec.parse("hospital-a"), OrgSpec.parse("sponsor-e")), "127.0.0.1", o.basePort(), true,
                NodeConfig.LOCAL));
        NetworkLayout layout = new NetworkLayout(dir);
        try (NodeAssembly node = NodeAssembly.start(layout.org("hospital-a"))) {
            CareledgerClient client = LoadGenerator.adminClient(layout, node);
            LoadGenerator.awaitReady(List.of(client));
            TxSigner site = new TxSigner(genesis.chainId(), "hospital-a/admin",
                    KeyFiles.readSigner(layout.adminKey("hospital-a")));
            TxSigner sponsor = new TxSigner(genesis.chainId(), "sponsor-e/admin",
                    KeyFiles.readSigner(layout.adminKey("sponsor-e")));
            ResearchClient research = new ResearchClient(client);
            research.register(sponsor, new ResearchArgs.Register("bench", "release benchmark",
                    sha("protocol"), "text/plain", sha("sap"), List.of("hospital-a"),
                    List.of(new Outcome("o1", OutcomeKind.PRIMARY, "an outcome", "a unit")), 0));
            Map<String, List<JsonNode>> enrolled = new LinkedHashMap<>();
            for (int s = 0; s < o.subjects(); s++) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                String subject = SubjectIds.of(secret, "bench");
                research.consent(site, "bench", subject, 1, ("consent " + s).getBytes(StandardCharsets.UTF_8));
                research.enrol(site, "bench", subject);
                research.transition(site, "bench", subject, SubjectStatus.ON_STUDY);
                enrolled.put(subject, resources);
            }
            research.release(site, "bench", "warm-up", 1, ResearchClient.prepareRelease(enrolled, studyKey, 2026));
            long t = System.nanoTime();
            for (int r = 0; r < o.releases(); r++) {
                research.release(site, "bench", "r" + r, 1, ResearchClient.prepareRelease(enrolled, studyKey, 2026));
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            long released = (long) records * o.releases();
            System.out.printf("end to end (prepare + release tx, wait=commit, one node): %d releases, %,d records in"
                    + " %.1f s = %,.0f records/s, %.1f releases/s (%.2f records per 1,000 Ed25519 verifications' time)%n",
                    o.releases(), released, seconds, released / seconds, o.releases() / seconds,
                    released / seconds / rate.perSecond() * 1000);
        }
    }

    private static String sha(String label) {
        return Hash.sha256(label.getBytes(StandardCharsets.UTF_8)).hex();
    }

    private static List<JsonNode> synthea() throws IOException {
        try (InputStream in = ReleaseBench.class.getResourceAsStream(BUNDLE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLE + " is not on the classpath");
            }
            List<JsonNode> out = new ArrayList<>();
            CanonicalJson.tree(in.readAllBytes()).path("entry").forEach(e -> out.add(e.path("resource")));
            return out;
        }
    }
}
