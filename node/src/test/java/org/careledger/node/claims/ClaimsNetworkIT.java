package org.careledger.node.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.careledger.api.claims.ClaimView;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.client.claims.ClaimsClient;
import org.careledger.client.records.Author;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.claims.ClaimArgs;
import org.careledger.contracts.claims.ClaimStates;
import org.careledger.contracts.claims.ClaimStatus;
import org.careledger.contracts.claims.PreauthStatus;
import org.careledger.core.CareledgerException;
import org.careledger.core.claims.Accumulators;
import org.careledger.core.claims.Adjudication;
import org.careledger.core.claims.AdjudicationCheck;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimLine;
import org.careledger.core.claims.ServiceCode;
import org.careledger.crypto.envelope.EncryptionKeyPair;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.contracts.claims.ClaimsContract;
import org.careledger.core.claims.PreauthApproval;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.SyntheaBundles;
import org.careledger.fhir.claims.ImportedClaim;
import org.careledger.fhir.claims.SyntheaClaims;
import org.careledger.node.FourOrgNetwork;
import org.careledger.node.TestNetwork;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 on a 4-node Raft network (real RocksDB, TLS on loopback), driven through the SDK: the patient's Synthea
 * history imported by hospital-a, the claims key shared, insurer-d's rules and coverage, a prior authorization, every
 * Claim of the Bundle sealed, submitted, adjudicated client-side in the coverage's chain and paid; every node serves
 * the same adjudications (read at the writer's height); a duplicate and a phantom claim are refused; pharmacy-c is
 * refused on the read routes, and no code, diagnosis or amount of the claims is in any file of its node.
 */
class ClaimsNetworkIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BUNDLE = "/org/careledger/fhir/synthea/synthea-patient-1.json";

    @TempDir
    static Path dir;
    @AutoClose // after all tests
    private static FourOrgNetwork four;
    private static TestNetwork net;

    @BeforeAll
    static void fourNodes() {
        four = FourOrgNetwork.start(dir);
        net = four.net;
        four.awaitLeader();
    }

    @Test
    void syntheaClaimsAreAdjudicatedAndPaidAlikeOnEveryNodeAndNothingLeaksToANonParty() throws IOException {
        TxSigner physician = member("hospital-a", "dr-ames", "physician");
        TxSigner adjuster = member("insurer-d", "adjuster", "claims");
        TxSigner clerk = member("pharmacy-c", "clerk", "pharmacist");
        EncryptionKeyPair hospitalKey = orgKey("hospital-a");
        EncryptionKeyPair insurerKey = orgKey("insurer-d");
        PatientWallet wallet = PatientWallet.create(dir.resolve("wallet"), net.genesis.chainId(), RANDOM);
        String patientId = wallet.patientId();
        TxSigner patient = wallet.signer();

        // the provider imports the patient's history through hospital-a's node
        byte[] bundle;
        try (InputStream in = ClaimsNetworkIT.class.getResourceAsStream(BUNDLE)) {
            bundle = in.readAllBytes();
        }
        RecordsClient records = new RecordsClient(client("hospital-a"));
        records.registerPatient(physician, wallet);
        RecordsClient.Imported imported = records.importBundle(new Author(physician, "hospital-a", hospitalKey), wallet,
                bundle).orThrow();

        // claims key, rules and coverage through insurer-d's node
        ClaimsClient insurer = new ClaimsClient(client("insurer-d"));
        ClaimsClient provider = new ClaimsClient(client("hospital-a"));
        ClaimsClient patientSide = new ClaimsClient(client("hospital-b"));
        byte[] patientKey = ClaimsClient.newKey();
        patientSide.shareKey(patient, patientId, patientKey, "hospital-a", hospitalKey.publicKey());
        patientSide.shareKey(patient, patientId, patientKey, "insurer-d", insurerKey.publicKey());
        List<ImportedClaim> sources = new SyntheaClaims(FhirR4.shared()).read(bundle);
        TreeMap<String, Long> fees = new TreeMap<>();
        int i = 0;
        for (ImportedClaim c : sources) {
            for (ImportedClaim.Line l : c.lines()) {
                if (i++ % 2 == 0) {
                    fees.put(l.service().key(), 30_000L);
                }
            }
        }
        BenefitRules rules = new BenefitRules("plan-it", 1, "1990-01-01", "USD", fees, 50_000, 1_000, 2_000,
                List.of(), new TreeMap<>());
        insurer.publishRules(adjuster, rules);
        insurer.recordCoverage(adjuster, new ClaimArgs.RecordCoverage("cov-it", patientId, "plan-it", "1990-01-01",
                "2030-12-31", "self"));
        assertThat(insurer.rules(adjuster, "plan-it")).containsExactly(rules);

        // a prior authorization asked by the provider and approved by the insurer
        ServiceCode asked = sources.get(0).lines().get(0).service();
        Map<String, byte[]> readers = Map.of("hospital-a", hospitalKey.publicKey(), "insurer-d",
                insurerKey.publicKey(), wallet.identityId(), wallet.encryptionKey().publicKey());
        ClaimsClient.PreauthRequested pa = provider.requestPreauth(physician, patientId, "cov-it", patientKey,
                Map.of(asked, 2), readers);
        insurer.decidePreauth(adjuster, pa.preauthId(), PreauthStatus.APPROVED, new TreeMap<>(pa.services()),
                "2030-12-31");

        // every claim: sealed and submitted by the provider, opened, adjudicated and paid by the insurer
        Map<String, String> recordIds = imported.recordIds();
        byte[] insurersCopy = insurer.claimsKey(adjuster, patientId, "insurer-d", insurerKey);
        assertThat(insurersCopy).isEqualTo(patientKey);
        Accumulators accumulators = Accumulators.NONE;
        String previous = null;
        Map<String, Adjudication> results = new TreeMap<>();
        List<ClaimContent> contents = new ArrayList<>();
        long submitted = 0;
        for (ImportedClaim source : sources) {
            String claimId = "c-" + contents.size();
            ClaimContent content = source.toContent(claimId, patientId, "cov-it", "hospital-a", recordIds);
            provider.submitClaim(physician, content, patientKey, readers, null);
            ClaimStates.Claim stored = ClaimsClient.claimState(insurer.claim(adjuster, claimId));
            ClaimContent opened = insurer.openClaim(adjuster, stored, "insurer-d", insurerKey).value();
            assertThat(opened).isEqualTo(content);
            ClaimsClient.Adjudicated a = insurer.adjudicate(adjuster, opened, insurersCopy,
                    stored.lines().stream().map(ClaimArgs.LineRef::fingerprint).toList(), rules, accumulators, Map.of(),
                    previous, readers);
            insurer.pay(adjuster, a, "2026-12-01", "ERA-" + claimId);
            accumulators = a.result().accumulatorsAfter();
            previous = a.adjudicationId();
            results.put(claimId, a.result());
            contents.add(content);
            submitted += content.totalCents();
        }
        assertThat(contents).hasSizeGreaterThan(5);
        assertThat(submitted).isEqualTo(sources.stream().mapToLong(ImportedClaim::totalCents).sum());

        // every node: the same committed adjudications, which the patient re-runs byte for byte
        for (var e : four.nodes().entrySet()) {
            ClaimsClient on = new ClaimsClient(client(e.getKey()));
            List<ClaimStates.Claim> listed = on.claims(patient, patientId);
            assertThat(listed).as(e.getKey()).hasSize(contents.size())
                    .allSatisfy(c -> assertThat(c.status()).isEqualTo(ClaimStatus.PAID));
            for (ClaimContent content : contents) {
                ClaimView view = on.claim(patient, content.claimId());
                List<ClaimStates.Adjudication> adjudications = ClaimsClient.adjudications(view);
                assertThat(adjudications).hasSize(1);
                var opened = on.openAdjudication(patient, adjudications.get(0), wallet.identityId(),
                        wallet.encryptionKey());
                assertThat(opened.value()).as(e.getKey() + " " + content.claimId())
                        .isEqualTo(results.get(content.claimId()));
                assertThat(AdjudicationCheck.problem(content, rules, Map.of(), opened.value(), opened.nonce(),
                        adjudications.get(0).resultCommitment())).isNull();
            }
        }

        // a duplicate (the first claim's services again, under a new id) and a phantom (a record that is not there)
        ClaimContent first = contents.get(0);
        ClaimContent duplicate = new ClaimContent("c-dup", patientId, "cov-it", "hospital-a", first.serviceDate(),
                first.currency(), first.lines(), first.diagnoses(), first.totalCents(), null);
        assertThatThrownBy(() -> provider.submitClaim(physician, duplicate, patientKey, readers, null))
                .isInstanceOfSatisfying(CareledgerException.class,
                        x -> assertThat(x.code()).isEqualTo("DUPLICATE_CLAIM"));
        ClaimLine line = first.lines().get(0);
        ClaimContent phantom = new ClaimContent("c-phantom", patientId, "cov-it", "hospital-a", "2026-11-30", "USD",
                List.of(new ClaimLine(1, line.service(), 1, 12_345, "r-doesnotexist", null)), List.of(), 12_345, null);
        assertThatThrownBy(() -> provider.submitClaim(physician, phantom, patientKey, readers, null))
                .isInstanceOfSatisfying(CareledgerException.class,
                        x -> assertThat(x.code()).isEqualTo("CLAIM_PHANTOM"));

        // eligibility, from the ledger on any node: the provider (its key shared by the patient) asks before a service
        var eligible = new ClaimsClient(client("hospital-b")).eligibility(physician, "cov-it", "2026-01-01",
                List.of(line.service()), null, null);
        assertThat(eligible.inForce()).isTrue();
        assertThat(eligible.items().getFirst().covered()).isEqualTo(fees.containsKey(line.service().key()));
        assertThat(eligible.deductibleLeftCents()).as("no reader given: what is used stays unknown").isNull();
        var known = insurer.eligibility(adjuster, "cov-it", "2026-01-01", List.of(line.service()), "insurer-d",
                insurerKey);
        assertThat(known.deductibleLeftCents()).isEqualTo(Math.max(0, rules.deductibleCents()
                - accumulators.forYear(2026).deductibleMetCents()));

        // the non-party org is refused on every read route, on its own node and another
        for (String org : List.of("pharmacy-c", "hospital-a")) {
            ClaimsClient as = new ClaimsClient(client(org));
            for (Runnable read : List.<Runnable>of(() -> as.claims(clerk, patientId),
                    () -> as.claim(clerk, first.claimId()),
                    () -> as.blob(clerk, first.claimId(), ClaimsClient.claimState(provider.claim(physician,
                            first.claimId())).ciphertextSha256()),
                    () -> as.claimsKey(clerk, patientId, "insurer-d", insurerKey),
                    () -> as.coverage(clerk, "cov-it"),
                    () -> as.eligibility(clerk, "cov-it", "2026-01-01", List.of(line.service()), null, null))) {
                assertThatThrownBy(read::run).isInstanceOfSatisfying(CareledgerException.class,
                        x -> assertThat(x.code()).isEqualTo("FORBIDDEN"));
            }
        }

        // no code, diagnosis or amount of the claims in any file of the non-party's node
        TreeSet<String> secrets = new TreeSet<>();
        for (ClaimContent c : contents) {
            c.lines().forEach(l -> secrets.add(l.service().code()));
            c.diagnoses().forEach(d -> secrets.add(d.code()));
            Adjudication r = results.get(c.claimId());
            for (long amount : List.of(c.totalCents(), r.benefit(), r.patientShare(), r.allowed())) {
                secrets.add(Long.toString(amount));
                secrets.add(String.format("%d.%02d", amount / 100, amount % 100));
            }
        }
        // short values also occur as counts, sizes and heights; the published rules are a public price list
        secrets.removeIf(s -> s.replace(".", "").length() < 5);
        secrets.removeAll(fees.keySet().stream().map(k -> k.substring(k.indexOf('|') + 1)).toList());
        secrets.removeAll(List.of("30000", "300.00", "50000", "500.00")); // the rules' own fee and deductible
        assertThat(secrets).hasSizeGreaterThan(5);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(net.dataDir("pharmacy-c"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String s : secrets) {
                    if (Pattern.compile("(?<![0-9a-fA-F.])" + Pattern.quote(s) + "(?![0-9a-fA-F])")
                            .matcher(text).find()) {
                        found.add(s + " in " + f.getFileName());
                    }
                }
            }
        }
        assertThat(found).as("claim codes or amounts in the non-party node's files").isEmpty();
    }

    /**
     * Every Claim of every Synthea test Bundle (one patient each) submitted, adjudicated in its coverage's chain and
     * paid over the network, then every invalid transition a party can attempt over the network refused with its code.
     * (PREAUTH_EXPIRED needs days to pass between a decision and a service: the contract test covers it.)
     */
    @Test
    void everyBundleEveryClaimAndEveryInvalidTransitionOverTheNetwork() {
        TxSigner dr = member("hospital-a", "dr-all", "physician");
        TxSigner drB = member("hospital-b", "dr-other", "physician");
        TxSigner adj = member("insurer-d", "adjuster-all", "claims");
        EncryptionKeyPair hospitalKey = orgKey("hospital-a");
        EncryptionKeyPair hospitalBKey = orgKey("hospital-b");
        EncryptionKeyPair insurerKey = orgKey("insurer-d");
        ClaimsClient provider = new ClaimsClient(client("hospital-a"));
        ClaimsClient providerB = new ClaimsClient(client("hospital-b"));
        ClaimsClient insurer = new ClaimsClient(client("insurer-d"));
        ClaimsClient patientSide = new ClaimsClient(client("pharmacy-c"));
        RecordsClient records = new RecordsClient(client("hospital-a"));
        FhirR4 fhir = FhirR4.shared();

        Map<String, List<ImportedClaim>> sources = new LinkedHashMap<>();
        TreeMap<String, Long> fees = new TreeMap<>();
        for (String name : SyntheaBundles.NAMES) {
            sources.put(name, new SyntheaClaims(fhir).read(SyntheaBundles.read(name)));
            sources.get(name).forEach(c -> c.lines().forEach(l -> fees.put(l.service().key(), 25_000L)));
        }
        ServiceCode mri = new ServiceCode("http://snomed.info/sct", "241615005");
        fees.put(mri.key(), 70_000L);
        BenefitRules rules = new BenefitRules("plan-all", 1, "1990-01-01", "USD", fees, 40_000, 500, 1_500,
                List.of(mri.key()), new TreeMap<>());
        insurer.publishRules(adj, rules);
        assertThat(code(() -> insurer.publishRules(adj, rules))).isEqualTo("RULES_VERSION_INVALID");
        assertThat(code(() -> provider.publishRules(dr, new BenefitRules("plan-x", 1, "1990-01-01", "USD", fees, 0,
                0, 0, List.of(), new TreeMap<>())))).isEqualTo("CLAIMS_NOT_INSURER");

        List<Patient> patients;
        // one patient per Bundle, in parallel: Raft batches the concurrent commits, each coverage's chain stays serial
        List<String> names = new ArrayList<>(sources.keySet());
        List<java.util.concurrent.Future<Patient>> futures = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(names.size());
        try {
            for (int i = 0; i < names.size(); i++) {
                int n = i;
                futures.add(pool.submit(() -> importAndBill(n, names.get(n), sources.get(names.get(n)), dr, adj,
                        rules, hospitalKey, insurerKey)));
            }
            List<Patient> list = new ArrayList<>();
            for (var f : futures) {
                list.add(f.get(5, java.util.concurrent.TimeUnit.MINUTES));
            }
            patients = list;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
        long submitted = patients.stream().flatMap(p -> p.claims().stream()).mapToLong(ClaimContent::totalCents).sum();
        long expected = sources.values().stream().flatMap(List::stream).mapToLong(ImportedClaim::totalCents).sum();
        assertThat(patients.stream().mapToInt(p -> p.claims().size()).sum())
                .isEqualTo(sources.values().stream().mapToInt(List::size).sum()).isGreaterThan(40);
        assertThat(submitted).isEqualTo(expected);

        // every node holds every claim PAID, and the patient's disclosure report names each billed record for HPAYMT
        for (String org : four.nodes().keySet()) {
            for (Patient p : patients) {
                assertThat(new ClaimsClient(client(org)).claims(p.wallet().signer(), p.wallet().patientId()))
                        .as(org).hasSize(p.claims().size())
                        .allSatisfy(c -> assertThat(c.status()).isEqualTo(ClaimStatus.PAID));
            }
        }
        Patient first = patients.getFirst();
        String patientId = first.wallet().patientId();
        var report = new RecordsClient(client("hospital-b")).disclosures(first.wallet().signer(), patientId);
        TreeSet<String> hpaymt = new TreeSet<>();
        report.disclosures().forEach(d -> {
            var x = d.disclosure();
            if (x.purpose().equals("HPAYMT")) {
                hpaymt.add(x.accessorOrg() + " " + x.recordId());
                assertThat(d.tx()).as("each disclosure comes with its transaction's proof").isNotNull();
            }
        });
        TreeSet<String> billed = new TreeSet<>();
        first.claims().forEach(c -> c.lines().forEach(l -> {
            billed.add("hospital-a " + l.recordId());
            billed.add("insurer-d " + l.recordId());
        }));
        assertThat(hpaymt).isEqualTo(billed);

        // invalid transitions, each over the network
        ClaimContent c0 = first.claims().getFirst();
        byte[] key = first.key();
        Map<String, byte[]> readers = new TreeMap<>(first.readers());
        readers.put("hospital-b", hospitalBKey.publicKey());
        String cov = c0.coverageId();
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(code(() -> provider.submitClaim(dr, renamed(c0, "dup-same"), key, readers, null)))
                .as("the same service, day and provider again").isEqualTo("DUPLICATE_CLAIM");
        patientSide.shareKey(first.wallet().signer(), patientId, key, "hospital-b", hospitalBKey.publicKey());
        String recordB = records.writeRecord(new Author(drB, "hospital-b", hospitalBKey), patientId,
                first.wallet().encryptionKey().publicKey(), "Encounter",
                "{\"resourceType\":\"Encounter\",\"status\":\"finished\"}".getBytes(StandardCharsets.UTF_8),
                null, null).recordId();
        ClaimContent byB = new ClaimContent("dup-other", patientId, cov, "hospital-b", c0.serviceDate(), "USD",
                List.of(new ClaimLine(1, c0.lines().getFirst().service(), 1, 5_000, recordB, null)), List.of(), 5_000,
                null);
        assertThat(code(() -> providerB.submitClaim(drB, byB, key, readers, null)))
                .as("the same service and day from another provider").isEqualTo("DUPLICATE_CLAIM");
        ClaimContent phantomOfA = new ClaimContent("phantom-b", patientId, cov, "hospital-b", today, "USD",
                List.of(new ClaimLine(1, mri, 1, 5_000, c0.lines().getFirst().recordId(), null)), List.of(), 5_000,
                null);
        assertThat(code(() -> providerB.submitClaim(drB, phantomOfA, key, readers, null)))
                .as("billing another org's record").isEqualTo("CLAIM_PHANTOM");
        assertThat(code(() -> providerB.submitClaim(drB, new ClaimContent("phantom-none", patientId, cov,
                "hospital-b", today, "USD", List.of(new ClaimLine(1, mri, 1, 5_000, "r-none", null)), List.of(),
                5_000, null), key, readers, null))).as("billing no record").isEqualTo("CLAIM_PHANTOM");
        Patient second = patients.get(1);
        ClaimContent notShared = new ClaimContent("not-shared", second.wallet().patientId(),
                second.claims().getFirst().coverageId(), "hospital-b", today, "USD",
                List.of(new ClaimLine(1, mri, 1, 5_000, "r-none", null)), List.of(), 5_000, null);
        assertThat(code(() -> providerB.submitClaim(drB, notShared, second.key(), second.readers(), null)))
                .isEqualTo("CLAIM_KEY_NOT_SHARED");
        assertThat(code(() -> insurer.submitClaim(adj, withMri(patientId, cov, "by-insurer", recordB, null, "hospital-b"),
                key, readers, null))).isEqualTo("CLAIMS_NOT_PROVIDER");
        assertThat(code(() -> providerB.submitClaim(drB, new ClaimContent("outside", patientId, cov, "hospital-b",
                "1980-01-01", "USD", List.of(new ClaimLine(1, mri, 1, 5_000, recordB, null)), List.of(), 5_000,
                null), key, readers, null))).isEqualTo("COVERAGE_NOT_IN_FORCE");

        // prior authorization: missing, pending, denied, out of scope, exhausted; a valid one used once
        assertThat(code(() -> providerB.submitClaim(drB, withMri(patientId, cov, "pa-missing", recordB, "pa-none",
                "hospital-b"), key, readers, null))).isEqualTo("PREAUTH_INVALID");
        var pending = providerB.requestPreauth(drB, patientId, cov, key, Map.of(mri, 1), readers);
        assertThat(code(() -> providerB.submitClaim(drB, withMri(patientId, cov, "pa-pending", recordB,
                pending.preauthId(), "hospital-b"), key, readers, null))).isEqualTo("PREAUTH_NOT_APPROVED");
        insurer.decidePreauth(adj, pending.preauthId(), PreauthStatus.DENIED, null, null);
        assertThat(code(() -> insurer.decidePreauth(adj, pending.preauthId(), PreauthStatus.APPROVED,
                new TreeMap<>(pending.services()), today))).isEqualTo("PREAUTH_NOT_PENDING");
        assertThat(code(() -> providerB.submitClaim(drB, withMri(patientId, cov, "pa-denied", recordB,
                pending.preauthId(), "hospital-b"), key, readers, null))).isEqualTo("PREAUTH_NOT_APPROVED");
        ServiceCode xray = new ServiceCode("http://snomed.info/sct", "399208008");
        var other = providerB.requestPreauth(drB, patientId, cov, key, Map.of(xray, 1), readers);
        insurer.decidePreauth(adj, other.preauthId(), PreauthStatus.APPROVED, new TreeMap<>(other.services()),
                "2099-12-31");
        assertThat(code(() -> providerB.submitClaim(drB, withMri(patientId, cov, "pa-scope", recordB,
                other.preauthId(), "hospital-b"), key, readers, null))).isEqualTo("PREAUTH_OUT_OF_SCOPE");
        var approved = providerB.requestPreauth(drB, patientId, cov, key, Map.of(mri, 1), readers);
        insurer.decidePreauth(adj, approved.preauthId(), PreauthStatus.APPROVED,
                new TreeMap<>(approved.services()), "2099-12-31");
        ClaimContent mriClaim = withMri(patientId, cov, "pa-ok", recordB, approved.preauthId(), "hospital-b");
        var used = providerB.submitClaim(drB, mriClaim, key, readers, null);
        String recordB2 = records.writeRecord(new Author(drB, "hospital-b", hospitalBKey), patientId,
                first.wallet().encryptionKey().publicKey(), "Encounter",
                "{\"resourceType\":\"Encounter\",\"status\":\"planned\"}".getBytes(StandardCharsets.UTF_8),
                null, null).recordId();
        ClaimContent again = new ClaimContent("pa-again", patientId, cov, "hospital-b", "2020-02-02", "USD",
                List.of(new ClaimLine(1, mri, 1, 80_000, recordB2, approved.preauthId())), List.of(), 80_000, null);
        assertThat(code(() -> providerB.submitClaim(drB, again, key, readers, null))).isEqualTo("PREAUTH_EXHAUSTED");

        // adjudication: out of chain order, wrong rules version, by a provider; then a valid one with the approval
        ClaimStates.Coverage coverage = decodeCoverage(insurer.claim(adj, "pa-ok"));
        List<String> fps = used.args().lines().stream().map(ClaimArgs.LineRef::fingerprint).toList();
        Map<String, PreauthApproval> approval = Map.of(approved.preauthId(),
                new PreauthApproval(approved.preauthId(), mri, 1, "2099-12-31"));
        assertThat(code(() -> insurer.adjudicate(adj, mriClaim, key, fps, rules, Accumulators.NONE, approval, null,
                readers))).as("not the coverage's latest").isEqualTo("ADJUDICATION_OUT_OF_ORDER");
        BenefitRules v2 = new BenefitRules("plan-all", 2, "1990-01-01", "USD", fees, 40_000, 500, 1_500,
                List.of(mri.key()), new TreeMap<>());
        assertThat(code(() -> insurer.adjudicate(adj, mriClaim, key, fps, v2, Accumulators.NONE, approval,
                coverage.lastAdjudicationId(), readers))).isEqualTo("RULES_VERSION_MISMATCH");
        assertThat(code(() -> provider.adjudicate(dr, mriClaim, key, fps, rules, Accumulators.NONE, approval,
                coverage.lastAdjudicationId(), readers))).isEqualTo("CLAIMS_NOT_INSURER");
        assertThat(code(() -> insurer.pay(adj, new ClaimsClient.Adjudicated("adj-none", new Adjudication("pa-ok",
                "plan-all", 1, Adjudication.Outcome.COMPLETE, "USD", List.of(), 0, 0, 0, 0, 0, Accumulators.NONE,
                Accumulators.NONE), ClaimsClient.newKey(), null, null), today, "ERA-X")))
                .as("payment without adjudication").isEqualTo("CLAIM_STATUS_INVALID");
        ClaimsClient.Adjudicated ok = insurer.adjudicateFromLedger(adj, "insurer-d", insurerKey, "pa-ok",
                Map.of(approved.preauthId(), new ClaimsClient.Approved(1, "2099-12-31")), readers);
        assertThat(ok.result().outcome()).isEqualTo(Adjudication.Outcome.COMPLETE);
        assertThat(code(() -> insurer.adjudicateFromLedger(adj, "insurer-d", insurerKey, "pa-ok", Map.of(), readers)))
                .as("adjudicated already").isEqualTo("CLAIM_STATUS_INVALID");
        insurer.pay(adj, ok, today, "ERA-PA");
        assertThat(code(() -> insurer.pay(adj, ok, today, "ERA-PA2"))).as("paid twice").isEqualTo(
                "CLAIM_STATUS_INVALID");

        // corrections and appeals
        assertThat(code(() -> providerB.submitClaim(drB, withMri(patientId, cov, "fix", recordB2, null,
                "hospital-b"), key, readers, "pa-ok"))).as("a paid claim is appealed, not corrected")
                .isEqualTo("CLAIM_CORRECTION_INVALID");
        assertThat(code(() -> providerB.appeal(drB, "no-such-claim", null, null))).isEqualTo("CLAIM_UNKNOWN");
        assertThat(code(() -> provider.appeal(dr, "pa-ok", null, null))).isEqualTo("CLAIMS_NOT_PARTY");
        for (int i = 0; i < ClaimsContract.MAX_APPEALS; i++) {
            providerB.appeal(drB, "pa-ok", "appeal " + i, readers);
            insurer.adjudicateFromLedger(adj, "insurer-d", insurerKey, "pa-ok",
                    Map.of(approved.preauthId(), new ClaimsClient.Approved(1, "2099-12-31")), readers);
        }
        assertThat(code(() -> patientSide.appeal(first.wallet().signer(), "pa-ok", null, null)))
                .isEqualTo("APPEAL_LIMIT");
        assertThat(ClaimsClient.adjudications(insurer.claim(adj, "pa-ok"))).hasSize(1 + ClaimsContract.MAX_APPEALS);

        // coverage
        assertThat(code(() -> insurer.recordCoverage(adj, new ClaimArgs.RecordCoverage(cov, patientId, "plan-all",
                "1990-01-01", "2099-12-31", "self")))).isEqualTo("COVERAGE_EXISTS");
        insurer.endCoverage(adj, cov, today);
        assertThat(code(() -> insurer.endCoverage(adj, cov, today))).isEqualTo("COVERAGE_ENDED");
    }

    /** A patient of one Bundle: wallet, claims key, the readers its claims are sealed for, its claims in order. */
    private record Patient(PatientWallet wallet, byte[] key, Map<String, byte[]> readers, List<ClaimContent> claims) {}

    /** Bundle {@code name} imported for a new patient by hospital-a, every Claim of it submitted, adjudicated, paid. */
    private static Patient importAndBill(int n, String name, List<ImportedClaim> claims, TxSigner dr, TxSigner adj,
                                         BenefitRules rules, EncryptionKeyPair hospitalKey,
                                         EncryptionKeyPair insurerKey) {
        ClaimsClient provider = new ClaimsClient(client("hospital-a"));
        ClaimsClient insurer = new ClaimsClient(client("insurer-d"));
        ClaimsClient patientSide = new ClaimsClient(client("pharmacy-c"));
        RecordsClient records = new RecordsClient(client("hospital-a"));
        PatientWallet w = PatientWallet.create(dir.resolve("all-" + n), net.genesis.chainId(), RANDOM);
        records.registerPatient(dr, w);
        RecordsClient.Imported imported = records.importBundle(new Author(dr, "hospital-a", hospitalKey), w,
                SyntheaBundles.read(name)).orThrow();
        byte[] key = ClaimsClient.newKey();
        patientSide.shareKey(w.signer(), w.patientId(), key, "hospital-a", hospitalKey.publicKey());
        patientSide.shareKey(w.signer(), w.patientId(), key, "insurer-d", insurerKey.publicKey());
        String coverage = "cov-all-" + n;
        insurer.recordCoverage(adj, new ClaimArgs.RecordCoverage(coverage, w.patientId(), "plan-all",
                "1990-01-01", "2099-12-31", "self"));
        Map<String, byte[]> readers = Map.of("hospital-a", hospitalKey.publicKey(), "insurer-d",
                insurerKey.publicKey(), w.identityId(), w.encryptionKey().publicKey());
        Patient p = new Patient(w, key, readers, new ArrayList<>());
        Accumulators acc = Accumulators.NONE;
        String previous = null;
        for (ImportedClaim source : claims) {
            ClaimContent c = source.toContent("all-" + n + "-" + p.claims().size(), w.patientId(), coverage,
                    "hospital-a", imported.recordIds());
            var s = provider.submitClaim(dr, c, key, readers, null);
            var a = insurer.adjudicate(adj, c, key, s.args().lines().stream()
                    .map(ClaimArgs.LineRef::fingerprint).toList(), rules, acc, Map.of(), previous, readers);
            insurer.pay(adj, a, c.serviceDate(), "ERA-" + c.claimId());
            acc = a.result().accumulatorsAfter();
            previous = a.adjudicationId();
            p.claims().add(c);
        }
        return p;
    }

    private static ClaimContent renamed(ClaimContent c, String claimId) {
        return new ClaimContent(claimId, c.patientId(), c.coverageId(), c.providerOrg(), c.serviceDate(), c.currency(),
                c.lines(), c.diagnoses(), c.totalCents(), null);
    }

    private static ClaimContent withMri(String patientId, String coverageId, String claimId, String recordId,
                                        String preauthId, String org) {
        return new ClaimContent(claimId, patientId, coverageId, org, "2020-01-01", "USD",
                List.of(new ClaimLine(1, new ServiceCode("http://snomed.info/sct", "241615005"), 1, 80_000, recordId,
                        preauthId)), List.of(), 80_000, null);
    }

    private static ClaimStates.Coverage decodeCoverage(ClaimView view) {
        return org.careledger.core.json.CanonicalJson.decode(org.careledger.core.json.CanonicalJson.encode(
                view.coverage()), ClaimStates.Coverage.class);
    }

    /** The code a refused call throws. */
    private static String code(Runnable call) {
        try {
            call.run();
        } catch (CareledgerException e) {
            return e.code();
        }
        throw new AssertionError("expected a refusal");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static EncryptionKeyPair orgKey(String org) {
        return KeyFiles.readEncryptionKey(net.layout.orgEncryptionKey(org));
    }

    private static TxSigner member(String org, String name, String role) {
        return four.member(org, name, role);
    }

    /** A client of {@code org}'s node sharing the test's read session, so each call sees the writes before it. */
    private static CareledgerClient client(String org) {
        return four.client(org, null);
    }
}
