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
import org.careledger.fhir.FhirR4;
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

        // the non-party org is refused on every read route, on its own node and another
        for (String org : List.of("pharmacy-c", "hospital-a")) {
            ClaimsClient as = new ClaimsClient(client(org));
            for (Runnable read : List.<Runnable>of(() -> as.claims(clerk, patientId),
                    () -> as.claim(clerk, first.claimId()),
                    () -> as.blob(clerk, first.claimId(), ClaimsClient.claimState(provider.claim(physician,
                            first.claimId())).ciphertextSha256()),
                    () -> as.claimsKey(clerk, patientId, "insurer-d", insurerKey))) {
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
