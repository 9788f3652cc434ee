package org.careledger.contracts.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.careledger.core.Hash;
import org.careledger.core.claims.Accumulators;
import org.careledger.core.claims.Adjudication;
import org.careledger.core.claims.AdjudicationCheck;
import org.careledger.core.claims.Adjudicator;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimFingerprints;
import org.careledger.core.claims.ClaimLine;
import org.careledger.core.claims.Commitments;
import org.careledger.core.claims.ServiceCode;
import org.careledger.core.contract.Identity;
import org.careledger.core.json.CanonicalJson;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.SyntheaBundles;
import org.careledger.fhir.claims.ImportedClaim;
import org.careledger.fhir.claims.SyntheaClaims;
import org.junit.jupiter.api.Test;

/**
 * Every Claim of every Synthea test Bundle through contract {@code claims}, as the provider's and the insurer's
 * clients would drive it: the billed Encounters and prescriptions written as records, each claim sealed with its
 * fingerprints and submitted, adjudicated in its coverage's chain, paid. The submitted sum equals the Bundles'
 * Claim.total sum, every adjudication re-runs byte for byte from the blobs, and no code, diagnosis or amount of any
 * claim is in clear in the transactions, the state or the events.
 */
class SyntheaClaimsImportTest {
    private final ClaimsWorld w = new ClaimsWorld();
    private final TestSealer sealer = new TestSealer().party("hospital-a").party("insurer-e");
    private final ByteArrayOutputStream transactions = new ByteArrayOutputStream();

    @Test
    void everySyntheaClaimIsSubmittedAdjudicatedAndPaidWithNothingInClear() throws IOException {
        w.ledger.nextBlock(1113 * ClaimsWorld.DAY); // 2026-12-01: every Synthea service date is in the past
        SyntheaClaims reader = new SyntheaClaims(FhirR4.shared());
        Map<String, List<ImportedClaim>> imported = new TreeMap<>();
        Set<ServiceCode> codes = new LinkedHashSet<>();
        BigDecimal bundleTotals = BigDecimal.ZERO;
        for (String name : SyntheaBundles.NAMES) {
            List<ImportedClaim> claims = reader.read(SyntheaBundles.read(name));
            imported.put(name, claims);
            claims.forEach(c -> {
                c.lines().forEach(l -> codes.add(l.service()));
                codes.addAll(c.diagnoses());
            });
            for (JsonNode e : new ObjectMapper().readTree(SyntheaBundles.read(name)).get("entry")) {
                if (e.get("resource").get("resourceType").asText().equals("Claim")) {
                    bundleTotals = bundleTotals.add(e.get("resource").get("total").get("value").decimalValue());
                }
            }
        }
        // a plan published now whose first version covers the histories: every other code at 300.00, a deductible
        TreeMap<String, Long> fees = new TreeMap<>();
        int i = 0;
        for (ServiceCode code : codes) {
            if (i++ % 2 == 0) {
                fees.put(code.key(), 30_000L);
            }
        }
        BenefitRules rules = new BenefitRules("plan-synthea", 1, "1990-01-01", "USD", fees, 50_000, 1_000, 2_000,
                List.of(), new TreeMap<>());
        submit(w.adjuster, "publishRules", new ClaimArgs.PublishRules(rules));

        long submitted = 0;
        int claimCount = 0;
        int patientNo = 0;
        for (Map.Entry<String, List<ImportedClaim>> bundle : imported.entrySet()) {
            String patientId = "p-synthea" + (++patientNo);
            String coverageId = "cov-" + patientNo;
            byte[] patientKey = Hash.sha256(("claims-key/" + patientId).getBytes(StandardCharsets.UTF_8)).bytes();
            Identity patient = w.care.patient(patientId);
            sealer.party("patient/" + patientId);
            for (String org : List.of("hospital-a", "insurer-e")) {
                submit(patient, "shareKey", new ClaimArgs.ShareKey(patientId, org, w.blob()));
            }
            submit(w.adjuster, "recordCoverage", new ClaimArgs.RecordCoverage(coverageId, patientId, "plan-synthea",
                    "1990-01-01", "2030-12-31", "self"));
            Map<String, String> types = types(SyntheaBundles.read(bundle.getKey()));
            Map<String, String> recordIds = new HashMap<>();
            String previous = null;
            Accumulators accumulators = Accumulators.NONE;
            for (ImportedClaim source : bundle.getValue()) {
                String claimId = "c-" + patientNo + "-" + claimCount;
                for (ImportedClaim.Line line : source.lines()) {
                    String url = line.billedFullUrl();
                    if (!recordIds.containsKey(url)) {
                        recordIds.put(url, w.care.record(w.care.drLee, "rec-" + patientNo + "-" + recordIds.size(),
                                patientId, types.get(url)));
                    }
                }
                // the provider: content, fingerprints, sealed blobs, a commitment
                ClaimContent content = source.toContent(claimId, patientId, coverageId, "hospital-a", recordIds);
                byte[] nonce = Hash.sha256(("nonce/" + claimId).getBytes(StandardCharsets.UTF_8)).bytes();
                String[] blobs = sealer.seal("careledger/claim/" + claimId, content, nonce);
                List<ClaimArgs.LineRef> lines = new ArrayList<>();
                for (ClaimLine line : content.lines()) {
                    lines.add(new ClaimArgs.LineRef(line.recordId(), ClaimFingerprints.fingerprint(patientKey,
                            line.service(), content.serviceDate()), null, null));
                }
                submit(w.care.drLee, "submitClaim", new ClaimArgs.SubmitClaim(claimId, patientId, coverageId,
                        content.serviceDate(), lines, blobs[0], blobs[1], Commitments.commit(nonce, content), null));

                // the insurer: opens the claim, checks its fingerprints, adjudicates in the chain, pays
                ClaimStates.Claim stored = w.stored(claimId);
                TestSealer.Sealed<ClaimContent> opened = sealer.open("careledger/claim/" + claimId,
                        stored.ciphertextSha256(), stored.keysSha256(), "insurer-e", ClaimContent.class);
                assertThat(ClaimFingerprints.mismatch(patientKey, opened.value(),
                        stored.lines().stream().map(ClaimArgs.LineRef::fingerprint).toList())).isNull();
                assertThat(Commitments.commit(opened.nonce(), opened.value())).isEqualTo(stored.totalCommitment());
                Adjudication result = Adjudicator.adjudicate(opened.value(), rules, accumulators, Map.of());
                accumulators = result.accumulatorsAfter();
                String adjudicationId = "adj-" + claimId;
                String[] resultBlobs = sealer.seal("careledger/adjudication/" + adjudicationId, result, nonce);
                submit(w.adjuster, "adjudicate", new ClaimArgs.Adjudicate(claimId, adjudicationId, 1, previous,
                        resultBlobs[0], resultBlobs[1], Commitments.commit(nonce, result)));
                previous = adjudicationId;
                submit(w.adjuster, "pay", new ClaimArgs.Pay(claimId, "pay-" + claimId, "2026-12-01", "ERA-" + claimId,
                        Commitments.commit(nonce, new Commitments.PaymentAmount("pay-" + claimId, result.benefit()))));
                submitted += opened.value().totalCents();
                claimCount++;
            }
        }
        assertThat(claimCount).isEqualTo(49);
        assertThat(submitted).isEqualTo(bundleTotals.movePointRight(2).longValueExact());
        assertThat(w.ledger.keys("claims/claim/")).hasSize(49)
                .allSatisfy(k -> assertThat(w.ledger.read(k, ClaimStates.Claim.class).status())
                        .isEqualTo(ClaimStatus.PAID));

        // the patient re-runs every adjudication from the blobs and checks each chain
        Set<String> secrets = new TreeSet<>();
        for (int p = 1; p <= patientNo; p++) {
            String patientReader = "patient/p-synthea" + p;
            Adjudication before = null;
            for (String key : chain(w, "cov-" + p)) {
                ClaimStates.Adjudication committed = w.ledger.read(key, ClaimStates.Adjudication.class);
                ClaimStates.Claim claim = w.stored(committed.claimId());
                ClaimContent content = sealer.open("careledger/claim/" + claim.claimId(), claim.ciphertextSha256(),
                        claim.keysSha256(), patientReader, ClaimContent.class).value();
                TestSealer.Sealed<Adjudication> result = sealer.open("careledger/adjudication/"
                        + committed.adjudicationId(), committed.ciphertextSha256(), committed.keysSha256(), patientReader,
                        Adjudication.class);
                assertThat(AdjudicationCheck.problem(content, rules, Map.of(), result.value(), result.nonce(),
                        committed.resultCommitment())).isNull();
                assertThat(AdjudicationCheck.chainProblem(before, result.value())).isNull();
                before = result.value();
                content.lines().forEach(l -> secrets.add(l.service().code()));
                content.diagnoses().forEach(d -> secrets.add(d.code()));
                for (long amount : List.of(content.totalCents(), result.value().benefit(),
                        result.value().patientShare(), result.value().allowed())) {
                    secrets.add(Long.toString(amount));
                    secrets.add(String.format("%d.%02d", amount / 100, amount % 100));
                }
            }
        }
        // what every node holds; the published rules (a public price list) are the one place codes may appear
        StringBuilder seen = new StringBuilder(transactions.toString(StandardCharsets.UTF_8)
                .lines().filter(l -> !l.startsWith("{\"rules\"")).reduce("", (a, b) -> a + b + "\n"));
        for (String line : new String(w.ledger.snapshot(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith(ClaimKeys.rulesOf("plan-synthea"))) {
                seen.append(line).append('\n');
            }
        }
        // short values (CVX "08", "140"; a few cents) also occur as counts, sizes and versions: left out
        secrets.removeIf(s -> s.replace(".", "").length() < 5);
        assertThat(secrets).hasSizeGreaterThan(100);
        List<String> inClear = new ArrayList<>();
        for (String secret : secrets) {
            if (Pattern.compile("(?<![0-9a-fA-F.])" + Pattern.quote(secret) + "(?![0-9a-fA-F])").matcher(seen).find()) {
                inClear.add(secret);
            }
        }
        assertThat(inClear).as("codes or amounts in clear").isEmpty();
    }

    /** The coverage's adjudications, first to last, by following the chain back from its head. */
    private static List<String> chain(ClaimsWorld w, String coverageId) {
        List<String> keys = new ArrayList<>();
        String id = w.ledger.read(ClaimKeys.coverage(coverageId), ClaimStates.Coverage.class).lastAdjudicationId();
        while (id != null) {
            keys.add(0, ClaimKeys.adjudication(id));
            id = w.ledger.read(ClaimKeys.adjudication(id), ClaimStates.Adjudication.class).previousAdjudicationId();
        }
        return keys;
    }

    private static Map<String, String> types(byte[] bundle) throws IOException {
        Map<String, String> types = new HashMap<>();
        for (JsonNode e : new ObjectMapper().readTree(bundle).get("entry")) {
            types.put(e.get("fullUrl").asText(), e.get("resource").get("resourceType").asText());
        }
        return types;
    }

    private void submit(Identity signer, String method, Object args) {
        transactions.writeBytes(CanonicalJson.encode(args));
        transactions.write('\n');
        w.ok(signer, method, args);
    }

}
