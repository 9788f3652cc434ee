package org.careledger.bench;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.api.records.RecordSealer;
import org.careledger.client.TxSigner;
import org.careledger.client.records.Author;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.fhir.BundleSource;
import org.careledger.fhir.GeneratedBundle;
import org.careledger.ledger.Genesis;

/**
 * FHIR resources imported per second into 1 and 4 nodes in this JVM (RocksDB, HTTPS on loopback, Raft for 4), the
 * way {@code record import-fhir} and the gateway's {@code POST [base]} import: {@link RecordsClient#importBundle} on a
 * generated Bundle ({@link GeneratedBundle}, the one the 20,002-resource IT imports), each resource sealed for the
 * patient and the author org, written in {@code records.writeRecords} batches with their blobs and
 * {@code wait=commit}. Printed beside strict Ed25519 verifications/s of one core and the client's sealing rate of one
 * core, both measured first in the same run, with the process's CPU per resource by thread group.
 */
public final class ImportBench {
    record Options(List<Integer> nodes, int resources, int warmup, int batch, int wave, int basePort, int linger) {}

    record Result(int nodes, int resources, double seconds, long blocks, CpuUse cpu) {
        double perSecond() {
            return resources / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("import", "FHIR resources imported per second into 1 and 4 nodes,"
                + " beside Ed25519 verifications/s of one core in the same run", args, List.of(
                BenchOptions.option("--nodes", "LIST", "1,4", "network sizes to run, comma-separated (1 or 4)"),
                BenchOptions.option("--resources", "N", 20_000, "Observations in the Bundle (it has N + 2 resources)"),
                BenchOptions.option("--warmup", "N", 5_000, "Observations imported first for another patient, not timed"),
                BenchOptions.option("--batch", "B", RecordsClient.ImportOptions.DEFAULT_BATCH,
                        "records per records.writeRecords transaction (1: one writeRecord each, as before)"),
                BenchOptions.option("--wave", "W", RecordsClient.ImportOptions.DEFAULT.waveSize(),
                        "entries sealed and in flight at once (record import-fhir --wave)"),
                BenchOptions.option("--base-port", "PORT", 7800, "first port of the nodes' API and Raft ports"),
                BenchOptions.option("--linger", "MS", -1, "the nodes' block linger in ms (-1: the node's default)")));
        if (options.helpShown()) {
            return;
        }
        List<Integer> nodes = Arrays.stream(options.stringOf("--nodes").split(",")).map(String::trim).map(s -> {
            if (!s.equals("1") && !s.equals("4")) {
                throw new IllegalArgumentException("--nodes takes 1, 4 or 1,4, not '" + s + "'");
            }
            return Integer.parseInt(s);
        }).toList();
        Options o = new Options(nodes, positive(options, "--resources"), options.intOf("--warmup"),
                positive(options, "--batch"), positive(options, "--wave"), options.intOf("--base-port"),
                options.intOf("--linger"));
        System.out.printf("careledger import: a generated Bundle of %,d resources, batches of %d, waves of %d; %d cores%n",
                o.resources() + 2, o.batch(), o.wave(), Runtime.getRuntime().availableProcessors());
        SignatureBaseline.Rate rate = SignatureBaseline.measure(3);
        System.out.printf("baseline: strict Ed25519 verification, one core: %,.0f verifications/s (%.0f µs CPU each)%n",
                rate.perSecond(), 1e6 / rate.perCpuSecond());
        double seals = sealsPerSecond();
        System.out.printf("baseline: RecordSealer.seal of one Observation for 2 recipients (AES-GCM + 2 HPKE wraps),"
                + " one core: %,.0f seals/s%n", seals);
        List<Result> results = new ArrayList<>();
        for (int n : o.nodes()) {
            results.add(run(n, o));
        }
        System.out.println();
        int cores = Runtime.getRuntime().availableProcessors();
        for (Result r : results) {
            System.out.printf("%d node(s): %,d resources in %.1f s: %,.0f resources/s; %d blocks (%.0f resources per"
                    + " block); CPU %.0f µs per resource = %.2f verifications' CPU; %s%n", r.nodes(), r.resources(),
                    r.seconds(), r.perSecond(), r.blocks(), (double) r.resources() / Math.max(1, r.blocks()),
                    r.cpu().microsPerTx(r.resources()), r.cpu().microsPerTx(r.resources()) * rate.perCpuSecond() / 1e6,
                    r.cpu().topThreads(r.resources(), 14));
        }
        for (Result r : results) {
            // were each resource its own transaction, every node would verify one signature per resource
            System.out.println(Summary.line("import " + r.nodes() + " node(s), batch " + o.batch(), r.perSecond(),
                    "resources/s", cores * rate.perSecond() / r.nodes(), cores + " cores × " + String.format("%,.0f",
                            rate.perSecond()) + " Ed25519 verifications/s ÷ " + r.nodes()
                            + " verification(s) per one-resource tx"));
        }
    }

    private static int positive(BenchOptions options, String name) {
        int v = options.intOf(name);
        if (v < 1) {
            throw new IllegalArgumentException("option " + name + " must be at least 1, got " + v);
        }
        return v;
    }

    /** What the client alone can seal on one core: the import's floor of client CPU per resource. */
    private static double sealsPerSecond() {
        byte[] observation = Arrays.copyOfRange(GeneratedBundle.of("pat-seal", 1, false), 0, 300);
        Map<String, byte[]> recipients = new TreeMap<>();
        recipients.put("patient/p-x", EncryptionKeyPair.generate().publicKey());
        recipients.put("hospital-a", EncryptionKeyPair.generate().publicKey());
        for (int i = 0; i < 3_000; i++) {
            RecordSealer.seal("r-" + i, observation, recipients);
        }
        int n = 5_000;
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            RecordSealer.seal("r-" + i, observation, recipients);
        }
        return n / ((System.nanoTime() - t) / 1e9);
    }

    private static Result run(int nodeCount, Options o) throws Exception {
        try (BenchNetwork net = BenchNetwork.start("careledger-import", nodeCount, o.basePort(), o.linger())) {
            TxSigner doctor = ClaimsBench.member(net.genesis(), net.layout(), net.clients().get(0), "hospital-a", "dr-import",
                    "practitioner");
            EncryptionKeyPair orgKey = KeyFiles.readEncryptionKey(net.layout().orgEncryptionKey("hospital-a"));
            Author author = new Author(doctor, "hospital-a", orgKey);
            RecordsClient records = new RecordsClient(net.clients().get(0));
            RecordsClient.ImportOptions importOptions = new RecordsClient.ImportOptions(false, o.wave(), null, o.batch());
            if (o.warmup() > 0) {
                System.out.printf("%n%d node(s): warming up with %,d resources (not timed)…%n", nodeCount, o.warmup() + 2);
                RecordsClient.Imported w = importInto(records, doctor, author, net.genesis(), "pat-warm", o.warmup(),
                        importOptions);
                System.out.printf("warm-up: %,.0f resources/s%n", w.perSecond());
            }
            System.out.printf("%n%d node(s): importing %,d resources…%n", nodeCount, o.resources() + 2);
            long before = net.nodes().get(0).ledger().head().height();
            CpuUse.Snapshot cpuBefore = CpuUse.snapshot();
            long t = System.nanoTime();
            RecordsClient.Imported imported = importInto(records, doctor, author, net.genesis(), "pat-bench", o.resources(),
                    importOptions);
            double seconds = (System.nanoTime() - t) / 1e9;
            CpuUse cpu = CpuUse.since(cpuBefore);
            long blocks = net.nodes().get(0).ledger().head().height() - before;
            return new Result(nodeCount, imported.resources(), seconds, blocks, cpu);
        }
    }

    /** Registers a patient and imports a generated Bundle for it; fails unless every resource was created. */
    private static RecordsClient.Imported importInto(RecordsClient records, TxSigner doctor, Author author,
                                                     Genesis genesis, String sourcePatient, int observations,
                                                     RecordsClient.ImportOptions options) throws Exception {
        PatientWallet w = PatientWallet.create(Files.createTempDirectory("careledger-import-wallet-"),
                genesis.chainId(), new SecureRandom());
        records.registerPatient(doctor, w);
        byte[] bundle = GeneratedBundle.of(sourcePatient, observations, false);
        RecordsClient.Imported imported = records.importBundle(author, w, BundleSource.of(bundle), options).orThrow();
        long created = imported.count(RecordsClient.Outcome.CREATED);
        if (created != observations + 2) {
            throw new IllegalStateException("imported " + created + " of " + (observations + 2) + " resources");
        }
        return imported;
    }
}
