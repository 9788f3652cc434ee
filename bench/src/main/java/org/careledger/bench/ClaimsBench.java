package org.careledger.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.careledger.api.Wait;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.client.claims.ClaimsClient;
import org.careledger.client.records.Author;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.claims.ClaimArgs;
import org.careledger.contracts.membership.RegisterMember;
import org.careledger.core.claims.Accumulators;
import org.careledger.core.claims.Adjudicator;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimLine;
import org.careledger.core.claims.ServiceCode;
import org.careledger.crypto.Ed25519Signer;
import org.careledger.crypto.Signer;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.crypto.x509.CertificateRequest;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.crypto.x509.OrgCertificateAuthority;
import org.careledger.crypto.x509.Pem;
import org.careledger.crypto.x509.Validity;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.network.NetworkLayout;

/**
 * Claims adjudicated per second on 4 Raft nodes in one JVM (RocksDB, HTTPS on loopback), beside strict Ed25519
 * verifications/s of one core measured first in the same run. P patients each have a coverage (its own adjudication
 * chain) and C claims of one line each, submitted by hospital-a (timed too); then the insurer adjudicates them — open
 * nothing, the content is in hand as it would be after {@code openClaim}: fingerprint check, {@link Adjudicator},
 * sealing for three readers, commitment, {@code claims.adjudicate} with {@code wait=commit} — one chain per patient,
 * the P chains concurrently (a coverage's adjudications are serial by design). Also the {@link Adjudicator} alone on
 * one thread.
 */
public final class ClaimsBench {
    private static final List<String> ORGS = BenchNetwork.ORGS;
    private static final ServiceCode CODE = new ServiceCode("http://snomed.info/sct", "185349003");

    record Options(int patients, int claims, int basePort) {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("claims", "claims adjudicated per second on 4 Raft nodes, beside"
                + " Ed25519 verifications/s of one core in the same run", args, List.of(
                BenchOptions.option("--patients", "P", 8, "patients, each with one coverage (one adjudication chain)"),
                BenchOptions.option("--claims", "C", 25, "claims per patient"),
                BenchOptions.option("--base-port", "PORT", 7700, "first port of the nodes' API and Raft ports")));
        if (options.helpShown()) {
            return;
        }
        Options o = new Options(options.intOf("--patients"), options.intOf("--claims"), options.intOf("--base-port"));
        SignatureBaseline.Rate rate = SignatureBaseline.measure(3);
        System.out.printf("careledger claims: 4 Raft nodes, %d patients x %d claims; %d cores%n", o.patients(),
                o.claims(), Runtime.getRuntime().availableProcessors());
        System.out.printf("baseline: strict Ed25519 verification, one core: %,.0f verifications/s%n", rate.perSecond());
        adjudicatorAlone(rate);

        try (BenchNetwork net = BenchNetwork.start("careledger-claims", ORGS.size(), o.basePort(), -1)) {
            run(o, net.genesis(), net.layout(), net.clients(), rate);
        }
    }

    /** The pure adjudication (no ledger, no crypto) on one thread: the part of the step that is claims logic. */
    private static void adjudicatorAlone(SignatureBaseline.Rate rate) {
        BenefitRules rules = rules();
        ClaimContent claim = claim("c-0", "p-00000000000000000000", "cov", "r-0", "2024-01-01");
        Accumulators acc = Accumulators.NONE;
        for (int i = 0; i < 20_000; i++) {
            acc = Adjudicator.adjudicate(claim, rules, Accumulators.NONE, Map.of()).accumulatorsAfter();
        }
        int n = 100_000;
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            acc = Adjudicator.adjudicate(claim, rules, Accumulators.NONE, Map.of()).accumulatorsAfter();
        }
        double perSecond = n / ((System.nanoTime() - t) / 1e9);
        System.out.printf("Adjudicator alone, one thread: %,.0f adjudications/s (%.2f per Ed25519 verification's time;"
                + " deductible met %d)%n", perSecond, perSecond / rate.perSecond(), acc.deductibleMetCents());
    }

    private static void run(Options o, Genesis genesis, NetworkLayout layout, List<CareledgerClient> clients,
                            SignatureBaseline.Rate rate) throws Exception {
        SecureRandom random = new SecureRandom();
        TxSigner biller = member(genesis, layout, clients.get(0), "hospital-a", "biller", "practitioner");
        TxSigner adjuster = member(genesis, layout, clients.get(0), "insurer-d", "adjuster", "claims");
        EncryptionKeyPair hospitalKey = KeyFiles.readEncryptionKey(layout.orgEncryptionKey("hospital-a"));
        EncryptionKeyPair insurerKey = KeyFiles.readEncryptionKey(layout.orgEncryptionKey("insurer-d"));
        CareledgerClient hospitalNode = clients.get(0);
        CareledgerClient insurerNode = clients.get(3);
        RecordsClient records = new RecordsClient(hospitalNode);
        ClaimsClient provider = new ClaimsClient(hospitalNode);
        ClaimsClient insurer = new ClaimsClient(insurerNode);
        BenefitRules rules = rules();
        insurer.publishRules(adjuster, rules);

        // set-up, not timed: per patient a wallet, one Encounter, the key shared, a coverage
        record Patient(String patientId, byte[] key, String recordId, Map<String, byte[]> readers) {}
        List<Patient> patients = new ArrayList<>();
        for (int p = 0; p < o.patients(); p++) {
            PatientWallet w = PatientWallet.create(Files.createTempDirectory("careledger-claims-wallet-"),
                    genesis.chainId(), random);
            records.registerPatient(biller, w);
            String recordId = records.writeRecord(new Author(biller, "hospital-a", hospitalKey), w.patientId(),
                    w.encryptionKey().publicKey(), "Encounter", "{\"resourceType\":\"Encounter\",\"status\":\"finished\"}"
                            .getBytes(StandardCharsets.UTF_8), null, null).recordId();
            byte[] key = ClaimsClient.newKey();
            provider.shareKey(w.signer(), w.patientId(), key, "hospital-a", hospitalKey.publicKey());
            provider.shareKey(w.signer(), w.patientId(), key, "insurer-d", insurerKey.publicKey());
            insurer.recordCoverage(adjuster, new ClaimArgs.RecordCoverage("cov-" + p, w.patientId(), rules.planId(),
                    "2000-01-01", "2099-12-31", "self"));
            patients.add(new Patient(w.patientId(), key, recordId, Map.of("hospital-a", hospitalKey.publicKey(),
                    "insurer-d", insurerKey.publicKey(), w.identityId(), w.encryptionKey().publicKey())));
        }

        // claims, one per day of service (distinct fingerprints), submitted concurrently across patients
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(o.claims() + 1L);
        List<List<ClaimsClient.Submitted>> submitted = new ArrayList<>();
        long t0 = System.nanoTime();
        double[] submitLatency = perPatient(patients.size(), o.claims(), (p, i, lat) -> {
            Patient pt = patients.get(p);
            ClaimContent c = claim("c-" + p + "-" + i, pt.patientId(), "cov-" + p, pt.recordId(),
                    first.plusDays(i).toString());
            long t = System.nanoTime();
            ClaimsClient.Submitted s = provider.submitClaim(biller, c, pt.key(), pt.readers(), null);
            lat[0] = (System.nanoTime() - t) / 1e6;
            return s;
        }, submitted);
        double submitSeconds = (System.nanoTime() - t0) / 1e9;
        int total = o.patients() * o.claims();
        System.out.printf("%nsubmit (sealed, fingerprinted, claims.submitClaim wait=commit): %d claims in %.1f s:"
                + " %.1f claims/s; p50 %.0f ms, p99 %.0f ms%n", total, submitSeconds, total / submitSeconds,
                pct(submitLatency, 0.5), pct(submitLatency, 0.99));

        // adjudication: per patient one chain, in order; the chains concurrently
        long t1 = System.nanoTime();
        double[] adjudicateLatency = perPatient(patients.size(), o.claims(), new Step() {
            private final Accumulators[] acc = new Accumulators[patients.size()];
            private final String[] previous = new String[patients.size()];

            @Override
            public Object run(int p, int i, double[] lat) {
                Patient pt = patients.get(p);
                ClaimsClient.Submitted s = submitted.get(p).get(i);
                ClaimContent c = claim(s.claimId(), pt.patientId(), "cov-" + p, pt.recordId(),
                        s.args().serviceDate());
                long t = System.nanoTime();
                ClaimsClient.Adjudicated a = insurer.adjudicate(adjuster, c, pt.key(), s.args().lines().stream()
                        .map(ClaimArgs.LineRef::fingerprint).toList(), rules, acc[p] == null ? Accumulators.NONE
                        : acc[p], Map.of(), previous[p], pt.readers());
                lat[0] = (System.nanoTime() - t) / 1e6;
                acc[p] = a.result().accumulatorsAfter();
                previous[p] = a.adjudicationId();
                return a;
            }
        }, new ArrayList<>());
        double seconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("adjudicate (fingerprint check, Adjudicator, sealed for 3 readers, claims.adjudicate"
                + " wait=commit, %d chains concurrently): %d claims in %.1f s: %.1f claims adjudicated/s; p50 %.0f ms,"
                + " p99 %.0f ms%n", o.patients(), total, seconds, total / seconds, pct(adjudicateLatency, 0.5),
                pct(adjudicateLatency, 0.99));
        System.out.printf("beside %,.0f Ed25519 verify/s on one core: %.2f claims adjudicated per 1,000 verifications"
                + " of signature-time%n", rate.perSecond(), total / seconds / rate.perSecond() * 1000);
    }

    /** One step of one patient's sequence: answers what it made and sets its latency in ms in {@code lat[0]}. */
    interface Step {
        Object run(int patient, int index, double[] lat) throws Exception;
    }

    /** Runs {@code step} for every patient's indices in order, the patients concurrently; answers the latencies. */
    @SuppressWarnings("unchecked")
    private static <T> double[] perPatient(int patients, int perPatient, Step step, List<List<T>> made)
            throws Exception {
        double[] latencies = new double[patients * perPatient];
        ExecutorService pool = Executors.newFixedThreadPool(patients);
        try {
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int p = 0; p < patients; p++) {
                int patient = p;
                futures.add(pool.submit(() -> {
                    List<T> out = new ArrayList<>();
                    double[] lat = new double[1];
                    for (int i = 0; i < perPatient; i++) {
                        out.add((T) step.run(patient, i, lat));
                        latencies[patient * perPatient + i] = lat[0];
                    }
                    return out;
                }));
            }
            for (Future<List<T>> f : futures) {
                made.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private static BenefitRules rules() {
        return new BenefitRules("plan-bench", 1, "2000-01-01", "USD", new TreeMap<>(Map.of(CODE.key(), 15_000L)),
                50_000, 2_000, 2_000, List.of(), new TreeMap<>());
    }

    private static ClaimContent claim(String claimId, String patientId, String coverageId, String recordId,
                                      String day) {
        return new ClaimContent(claimId, patientId, coverageId, "hospital-a", day, "USD",
                List.of(new ClaimLine(1, CODE, 1, 18_000, recordId, null)), List.of(), 18_000, null);
    }

    /** A member of {@code org} with {@code role}, certified by the org CA and registered by the org admin. */
    static TxSigner member(Genesis genesis, NetworkLayout layout, CareledgerClient client, String org,
                                   String name, String role) {
        SecureRandom random = new SecureRandom();
        GenesisOrg g = genesis.org(org).orElseThrow();
        OrgCertificateAuthority ca = OrgCertificateAuthority.of(Pem.decodeCertificate(g.caCertificate()),
                KeyFiles.readSigner(layout.caKey(org)), random);
        TxSigner admin = new TxSigner(genesis.chainId(), g.adminId(), KeyFiles.readSigner(layout.adminKey(org)));
        Signer key = Ed25519Signer.generate(random);
        Instant now = Instant.now();
        String cert = Pem.encodeCertificate(ca.issue(new CertificateRequest(name, List.of(role), key.algorithm(),
                key.publicKey(), new Validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30))))));
        var r = client.as(admin.requestSigner()).submit(admin.sign("membership", "registerMember",
                new RegisterMember(name, cert)), Wait.COMMIT);
        if (!r.valid()) {
            throw new IllegalStateException("member registration failed: " + r.errorCode() + " " + r.message());
        }
        return new TxSigner(genesis.chainId(), org + "/" + name, key);
    }

    private static double pct(double[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
