package org.careledger.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.client.publichealth.PublicHealthClient;
import org.careledger.client.records.Author;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.core.publichealth.Trigger;
import org.careledger.core.publichealth.TriggerList;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.x509.CertificateRequest;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.careledger.ledger.Genesis;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.network.NetworkInitializer;
import org.careledger.node.network.NetworkLayout;
import org.careledger.node.network.OrgSpec;
import org.careledger.contracts.membership.RegisterMember;

/**
 * Case reports per second on one node (real node, RocksDB, HTTPS on loopback): one org that is both a hospital and
 * the authority; P patients each with a Patient and a body-temperature Observation written (not timed); then each
 * Observation is reported by {@code PublicHealthClient.report} — trigger list lookup, block time of the write, the
 * eICR-style document, the linkage token, sealing for the authority and the committed {@code submitReport} — from C
 * concurrent clients, timed.
 */
public final class HealthBench {
    private HealthBench() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("health", "case reports per second on one node (each sealed for the"
                + " authority and committed)", args, List.of(
                BenchOptions.option("--patients", "P", 200, "patients, one reportable Observation each"),
                BenchOptions.option("--clients", "C", 8, "concurrent reporting clients"),
                BenchOptions.option("--base-port", "PORT", 7750, "first port of the node's API and Raft ports")));
        if (options.helpShown()) {
            return;
        }
        int patients = options.intOf("--patients");
        int clients = options.intOf("--clients");
        int basePort = options.intOf("--base-port");
        System.out.printf("careledger health: %d case reports, %d clients, %d cores%n", patients, clients,
                Runtime.getRuntime().availableProcessors());
        Path dir = Files.createTempDirectory("careledger-health-");
        Genesis genesis = new NetworkInitializer().init(dir, new NetworkInitializer.Options("careledger-health",
                List.of(OrgSpec.parse("county=hospital+authority")), "127.0.0.1", basePort, true, NodeConfig.LOCAL));
        NetworkLayout layout = new NetworkLayout(dir);
        try (NodeAssembly node = NodeAssembly.start(layout.org("county"))) {
            CareledgerClient admin = LoadGenerator.adminClient(layout, node);
            LoadGenerator.awaitReady(List.of(admin));
            TxSigner doctor = physician(genesis, layout, admin);
            Author author = new Author(doctor, "county", KeyFiles.readEncryptionKey(layout.orgEncryptionKey("county")));
            CareledgerClient client = new CareledgerClient(node.apiUrl(), null, admin.trust(), null);
            PublicHealthClient health = new PublicHealthClient(client);
            health.publishTriggers(doctor, new TriggerList(1, 0, List.of(new Trigger(TriggerList.LOINC, "8310-5",
                    "febrile-illness"))));
            health.distributeKey(doctor, 1, PublicHealthClient.newLinkageKey(), "county");

            // the records, not timed
            RecordsClient records = new RecordsClient(client);
            SecureRandom random = new SecureRandom();
            List<Object[]> findings = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<Object[]>> writes = new ArrayList<>();
                for (int i = 0; i < patients; i++) {
                    int n = i;
                    writes.add(pool.submit(() -> {
                        PatientWallet w = PatientWallet.create(dir.resolve("w" + n), genesis.chainId(), random);
                        records.registerPatient(doctor, w);
                        byte[] patient = patient(n);
                        byte[] obs = observation(n);
                        records.writeRecord(author, w.patientId(), w.encryptionKey().publicKey(), "Patient", patient,
                                List.of(), null);
                        RecordsClient.Written written = records.writeRecord(author, w.patientId(),
                                w.encryptionKey().publicKey(), "Observation", obs, List.of(), null);
                        return new Object[] {w.patientId(), written, obs, patient};
                    }));
                }
                for (Future<Object[]> f : writes) {
                    findings.add(f.get());
                }
            }
            // one report not timed (class loading, HAPI's context)
            report(health, author, findings.get(0));
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<?>> reports = new ArrayList<>();
                for (Object[] f : findings.subList(1, findings.size())) {
                    reports.add(pool.submit(() -> report(health, author, f)));
                }
                for (Future<?> f : reports) {
                    f.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int n = findings.size() - 1;
            System.out.printf("case reports: %d in %.2f s: %.1f reports/s (each waited for its commit)%n", n, seconds,
                    n / seconds);
        } finally {
            LoadGenerator.deleteRecursively(dir);
        }
    }

    private static void report(PublicHealthClient health, Author author, Object[] f) {
        String patientId = (String) f[0];
        RecordsClient.Written written = (RecordsClient.Written) f[1];
        byte[] patient = (byte[]) f[3];
        if (health.report(author, patientId, written.recordId(), written.response(), (byte[]) f[2],
                ref -> patient).isEmpty()) { // the Observation references only its Patient
            throw new IllegalStateException("the observation did not match the trigger list");
        }
    }

    private static TxSigner physician(Genesis genesis, NetworkLayout layout, CareledgerClient admin) {
        SecureRandom random = new SecureRandom();
        var org = genesis.org("county").orElseThrow();
        OrgCertificateAuthority ca = OrgCertificateAuthority.of(Pem.decodeCertificate(org.caCertificate()),
                KeyFiles.readSigner(layout.caKey("county")), random);
        Signer key = Ed25519Signer.generate(random);
        Instant now = Instant.now();
        String cert = Pem.encodeCertificate(ca.issue(new CertificateRequest("dr-bench", List.of("physician"),
                key.algorithm(), key.publicKey(), new Validity(now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1))))));
        TxSigner adminSigner = new TxSigner(genesis.chainId(), "county/admin", KeyFiles.readSigner(layout.adminKey("county")));
        var r = admin.submit(adminSigner.sign("membership", "registerMember", new RegisterMember("dr-bench", cert)),
                Wait.COMMIT);
        if (!r.valid()) {
            throw new IllegalStateException("registering the physician failed: " + r.message());
        }
        return new TxSigner(genesis.chainId(), "county/dr-bench", key);
    }

    /** A synthetic Patient (no real person): letters-only names so every one normalizes apart. */
    private static byte[] patient(int i) {
        String letters = Integer.toString(i + 1000, 26).replaceAll("[0-9]", "x");
        return ("{\"resourceType\":\"Patient\",\"id\":\"p" + i + "\",\"gender\":\"female\",\"birthDate\":\"1980-01-0"
                + (1 + i % 9) + "\",\"name\":[{\"use\":\"official\",\"family\":\"Bench" + letters
                + "\",\"given\":[\"Ada\"]}],\"address\":[{\"postalCode\":\"0" + (1000 + i % 50) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] observation(int i) {
        return ("{\"resourceType\":\"Observation\",\"id\":\"o" + i + "\",\"status\":\"final\",\"code\":{\"coding\":"
                + "[{\"system\":\"http://loinc.org\",\"code\":\"8310-5\"}]},\"subject\":{\"reference\":\"urn:uuid:p"
                + i + "\"},\"effectiveDateTime\":\"2026-11-03T09:30:00Z\",\"valueQuantity\":{\"value\":38.5,"
                + "\"unit\":\"Cel\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"Cel\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
