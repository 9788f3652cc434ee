package org.careledger.contracts.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.contracts.claims.ClaimsWorld.CHECKUP;
import static org.careledger.contracts.claims.ClaimsWorld.DAY;
import static org.careledger.contracts.claims.ClaimsWorld.XRAY;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.careledger.contracts.records.CareWorld;
import org.careledger.core.claims.Accumulators;
import org.careledger.core.claims.AdjudicationCheck;
import org.careledger.core.claims.Adjudication;
import org.careledger.core.claims.Adjudicator;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimFingerprints;
import org.careledger.core.claims.ClaimLine;
import org.careledger.core.claims.Commitments;
import org.careledger.core.claims.ServiceCode;
import org.careledger.core.contract.Identity;
import org.careledger.core.json.CanonicalJson;
import org.junit.jupiter.api.Test;

/**
 * A claim's codes, diagnosis and amounts never reach the ledger in clear: the test seals a claim and its
 * adjudication as the provider's and the insurer's clients would (AES-GCM content, HPKE-wrapped keys, fingerprints,
 * commitments), runs submit, adjudicate and pay, and scans every transaction's arguments, the whole state and every
 * event for them. The published rules are the one place a code may appear (a plan's price list is public); they are
 * left out of the scan by key. Then the insurer opens the blobs and the adjudication re-runs byte for byte.
 */
class ClaimsPrivacyTest {
    private static final ServiceCode DIAGNOSIS = new ServiceCode(ClaimsWorld.SNOMED, "44054006");
    private static final String DAY1 = "2023-11-15";
    private final ClaimsWorld w = new ClaimsWorld().covered();
    private final TestSealer sealer = new TestSealer().party("hospital-a").party("insurer-e")
            .party("patient/" + w.patientId);
    private final ByteArrayOutputStream transactions = new ByteArrayOutputStream();

    @Test
    void noCodeDiagnosisOrAmountIsInClearAndTheAdjudicationReRuns() {
        w.care.record(w.care.drLee, "enc-a1", w.patientId, "Encounter");
        w.ledger.nextBlock(5 * DAY);
        ClaimContent content = new ClaimContent("c-1", w.patientId, "cov-1", "hospital-a", DAY1, "USD", List.of(
                new ClaimLine(1, CHECKUP, 1, 1_234_567, "enc-a1", null),
                new ClaimLine(2, XRAY, 2, 7_654_321, "enc-a1", null)), List.of(DIAGNOSIS), 8_888_888, null);

        // the provider's client: fingerprints under the patient's key, sealed content, a commitment to it
        byte[] claimNonce = CareWorld.sha("claim-nonce").bytes();
        String[] claimBlobs = sealer.seal("careledger/claim/c-1", content, claimNonce);
        List<ClaimArgs.LineRef> lines = new ArrayList<>();
        for (ClaimLine line : content.lines()) {
            lines.add(new ClaimArgs.LineRef(line.recordId(), ClaimFingerprints.fingerprint(w.patientKey,
                    line.service(), DAY1), null, null));
        }
        submit(w.care.drLee, "submitClaim", new ClaimArgs.SubmitClaim("c-1", w.patientId, "cov-1", DAY1, lines,
                claimBlobs[0], claimBlobs[1], Commitments.commit(claimNonce, content), null));

        // the insurer's client: opens the claim, adjudicates by the rules in force, seals and commits the result
        ClaimStates.Claim stored = w.stored("c-1");
        TestSealer.Sealed<ClaimContent> opened = sealer.open("careledger/claim/c-1", stored.ciphertextSha256(),
                stored.keysSha256(), "insurer-e", ClaimContent.class);
        ClaimContent claim = opened.value();
        assertThat(claim).isEqualTo(content);
        assertThat(Commitments.commit(opened.nonce(), claim)).isEqualTo(stored.totalCommitment());
        BenefitRules rules = org.careledger.contracts.States.read(stateView(), ClaimKeys.rules("plan-gold", 1), ClaimStates.Rules.class)
                .orElseThrow().rules();
        Adjudication result = Adjudicator.adjudicate(claim, rules, Accumulators.NONE, Map.of());
        byte[] resultNonce = CareWorld.sha("result-nonce").bytes();
        String[] resultBlobs = sealer.seal("careledger/adjudication/adj-1", result, resultNonce);
        submit(w.adjuster, "adjudicate", new ClaimArgs.Adjudicate("c-1", "adj-1", 1, null, resultBlobs[0],
                resultBlobs[1], Commitments.commit(resultNonce, result)));
        submit(w.adjuster, "pay", new ClaimArgs.Pay("c-1", "pay-1", "2023-11-19", "ERA-0001", Commitments.commit(
                resultNonce, new Commitments.PaymentAmount("pay-1", result.benefit()))));

        // what every node holds: the transactions, the state and the events
        StringBuilder seen = new StringBuilder(transactions.toString(StandardCharsets.UTF_8));
        String snapshot = new String(w.ledger.snapshot(), StandardCharsets.UTF_8);
        for (String line : snapshot.split("\n")) {
            if (!line.startsWith(ClaimKeys.rulesOf("plan-gold"))) {
                seen.append(line).append('\n');
            }
        }
        List<String> secrets = new ArrayList<>(List.of(CHECKUP.code(), XRAY.code(), DIAGNOSIS.code()));
        for (long amount : List.of(content.totalCents(), result.benefit(), result.patientShare(), result.allowed(),
                result.adjustment(), result.lines().get(0).benefit(), result.lines().get(1).benefit())) {
            if (amount >= 1000) { // a short number would turn up as a count or a time; these are the claim's own
                secrets.add(Long.toString(amount));
                secrets.add(String.format("%d.%02d", amount / 100, amount % 100));
            }
        }
        assertThat(secrets).hasSizeGreaterThan(10);
        assertThat(seen).contains("c-1", "adj-1", "pay-1"); // the scan sees the claim's transactions
        for (String secret : secrets) {
            // digits inside a hex hash are not a number in clear
            Pattern inClear = Pattern.compile("(?<![0-9a-fA-F])" + Pattern.quote(secret) + "(?![0-9a-fA-F])");
            assertThat(inClear.matcher(seen).find()).as(secret + " in clear").isFalse();
        }

        // anyone holding the claim and the rules re-runs the adjudication and opens the commitment
        ClaimStates.Adjudication committed = w.ledger.read(ClaimKeys.adjudication("adj-1"),
                ClaimStates.Adjudication.class);
        TestSealer.Sealed<Adjudication> openedResult = sealer.open("careledger/adjudication/adj-1",
                committed.ciphertextSha256(), committed.keysSha256(), "patient/" + w.patientId, Adjudication.class);
        Adjudication decoded = openedResult.value();
        assertThat(AdjudicationCheck.problem(claim, rules, Map.of(), decoded, openedResult.nonce(),
                committed.resultCommitment())).isNull();
        assertThat(decoded.benefit()).isPositive();
    }

    private void submit(Identity signer, String method, Object args) {
        transactions.writeBytes(CanonicalJson.encode(args));
        transactions.write('\n');
        w.ok(signer, method, args);
    }

    private org.careledger.core.contract.StateAccess stateView() {
        return new org.careledger.core.contract.StateAccess() {
            @Override
            public java.util.Optional<byte[]> get(String key) {
                return w.ledger.get(key);
            }

            @Override
            public java.util.SortedMap<String, byte[]> scan(String prefix, int limit) {
                TreeMap<String, byte[]> out = new TreeMap<>();
                w.ledger.keys(prefix).forEach(k -> out.put(k, w.ledger.get(k).orElseThrow()));
                return out;
            }

            @Override
            public void put(String key, byte[] value) {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public void delete(String key) {
                throw new UnsupportedOperationException("read only");
            }
        };
    }
}
