package org.careledger.contracts.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.contracts.claims.ClaimsWorld.CHECKUP;
import static org.careledger.contracts.claims.ClaimsWorld.DAY;
import static org.careledger.contracts.claims.ClaimsWorld.MRI;
import static org.careledger.contracts.claims.ClaimsWorld.TODAY;
import static org.careledger.contracts.claims.ClaimsWorld.XRAY;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.contracts.StandardContracts;
import org.careledger.contracts.records.EraseRecord;
import org.careledger.core.claims.BenefitRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every transition of contract {@code claims}, valid and invalid, on an in-memory ledger. */
class ClaimsContractTest {
    private static final String D1 = "2023-11-15";
    private ClaimsWorld w;

    @BeforeEach
    void world() {
        w = new ClaimsWorld().covered();
        w.care.record(w.care.drLee, "enc-a1", w.patientId, "Encounter");
        w.care.record(w.care.drNg, "enc-b1", w.patientId, "Encounter");
        w.ledger.nextBlock(5 * DAY); // 2023-11-19
    }

    private String code(String method, Object args) {
        return w.run(w.care.drLee, method, args).code();
    }

    @Test
    void theNetworkRunsClaims() {
        assertThat(StandardContracts.all()).anyMatch(c -> c.name().equals(ClaimsContract.NAME));
    }

    // ---- key shares, rules, coverage ----

    @Test
    void onlyThePatientSharesItsKeyWithAKnownOrg() {
        assertThat(w.run(w.care.drLee, "shareKey", new ClaimArgs.ShareKey(w.patientId, "lab-c", w.blob())).code())
                .isEqualTo("NOT_PATIENT");
        assertThat(w.run(w.patient, "shareKey", new ClaimArgs.ShareKey(w.patientId, "nobody", w.blob())).code())
                .isEqualTo("CLAIMS_ORG_UNKNOWN");
        String old = w.ledger.read(ClaimKeys.keyShare(w.patientId, "hospital-a"), ClaimStates.KeyShare.class)
                .keysSha256();
        var o = w.ledger.ok(w.claims, w.patient, "shareKey", new ClaimArgs.ShareKey(w.patientId, "hospital-a",
                w.blob()));
        assertThat(o.purged()).extracting(h -> h.hex()).containsExactly(old);
    }

    @Test
    void rulesArePublishedByTheirInsurerInVersionOrderNeverRetroactively() {
        assertThat(code("publishRules", new ClaimArgs.PublishRules(w.rules(2, "2023-12-01"))))
                .isEqualTo("CLAIMS_NOT_INSURER");
        assertThat(w.run(w.adjuster, "publishRules", new ClaimArgs.PublishRules(w.rules(3, "2023-12-01"))).code())
                .isEqualTo("RULES_VERSION_INVALID");
        assertThat(w.run(w.adjuster, "publishRules", new ClaimArgs.PublishRules(w.rules(2, "2023-11-18"))).code())
                .as("before the block's day").isEqualTo("RULES_VERSION_INVALID");
        assertThat(w.run(w.otherInsurer, "publishRules", new ClaimArgs.PublishRules(w.rules(2, "2023-12-01"))).code())
                .isEqualTo("CLAIMS_NOT_PARTY");
        BenefitRules bad = new BenefitRules("plan-gold", 2, "2023-12-01", "USD", new TreeMap<>(), 0, 0, 20_000,
                List.of(), new TreeMap<>());
        assertThat(w.run(w.adjuster, "publishRules", new ClaimArgs.PublishRules(bad)).code()).isEqualTo("RULES_INVALID");
        BenefitRules badCode = new BenefitRules("plan-gold", 2, "2023-12-01", "USD", new TreeMap<>(Map.of("nocode", 1L)),
                0, 0, 0, List.of(), new TreeMap<>());
        assertThat(w.run(w.adjuster, "publishRules", new ClaimArgs.PublishRules(badCode)).code())
                .isEqualTo("RULES_INVALID");
        w.ok(w.insurerAdmin, "publishRules", new ClaimArgs.PublishRules(w.rules(2, "2023-12-01")));
        assertThat(w.ledger.read(ClaimKeys.plan("plan-gold"), ClaimStates.Plan.class).latestVersion()).isEqualTo(2);
        // a new plan's first version may start in the past: no claim used the plan before it existed
        BenefitRules history = new BenefitRules("plan-old", 1, "2012-01-01", "USD", new TreeMap<>(), 0, 0, 0, List.of(),
                new TreeMap<>());
        w.ok(w.adjuster, "publishRules", new ClaimArgs.PublishRules(history));
        BenefitRules retro = new BenefitRules("plan-old", 2, "2013-01-01", "USD", new TreeMap<>(), 0, 0, 0, List.of(),
                new TreeMap<>());
        assertThat(w.run(w.adjuster, "publishRules", new ClaimArgs.PublishRules(retro)).code())
                .isEqualTo("RULES_VERSION_INVALID");
    }

    @Test
    void coverageNeedsTheInsurersPlanAValidPeriodAndRelationship() {
        var args = new ClaimArgs.RecordCoverage("cov-2", w.patientId, "plan-gold", "2024-01-01", "2024-12-31", "self");
        assertThat(code("recordCoverage", args)).isEqualTo("CLAIMS_NOT_INSURER");
        assertThat(w.run(w.otherInsurer, "recordCoverage", args).code()).isEqualTo("CLAIMS_NOT_PARTY");
        assertThat(w.run(w.adjuster, "recordCoverage", new ClaimArgs.RecordCoverage("cov-2", w.patientId, "plan-x",
                "2024-01-01", "2024-12-31", "self")).code()).isEqualTo("PLAN_UNKNOWN");
        assertThat(w.run(w.adjuster, "recordCoverage", new ClaimArgs.RecordCoverage("cov-2", w.patientId, "plan-gold",
                "2024-12-31", "2024-01-01", "self")).code()).isEqualTo("COVERAGE_INVALID");
        assertThat(w.run(w.adjuster, "recordCoverage", new ClaimArgs.RecordCoverage("cov-2", w.patientId, "plan-gold",
                "2024-01-01", "2024-12-31", "cousin")).code()).isEqualTo("COVERAGE_INVALID");
        assertThat(w.run(w.adjuster, "recordCoverage", new ClaimArgs.RecordCoverage("cov-2", w.patientId, "plan-gold",
                "2024-02-30", "2024-12-31", "self")).code()).isEqualTo("CLAIMS_DATE_INVALID");
        assertThat(w.run(w.adjuster, "recordCoverage", new ClaimArgs.RecordCoverage("cov-2", "p-nobody00", "plan-gold",
                "2024-01-01", "2024-12-31", "self")).code()).isEqualTo("PATIENT_UNKNOWN");
        w.ok(w.adjuster, "recordCoverage", args);
        assertThat(w.run(w.adjuster, "recordCoverage", args).code()).isEqualTo("COVERAGE_EXISTS");
    }

    @Test
    void anEndedCoverageCoversNoLaterService() {
        assertThat(w.run(w.adjuster, "endCoverage", new ClaimArgs.EndCoverage("cov-1", "2025-06-01")).code())
                .isEqualTo("COVERAGE_INVALID");
        w.ok(w.adjuster, "endCoverage", new ClaimArgs.EndCoverage("cov-1", "2023-11-16"));
        assertThat(w.run(w.adjuster, "endCoverage", new ClaimArgs.EndCoverage("cov-1", "2023-11-16")).code())
                .isEqualTo("COVERAGE_ENDED");
        assertThat(code("submitClaim", w.claim("c-1", "2023-11-17", w.line("enc-a1", CHECKUP, "2023-11-17"))))
                .isEqualTo("COVERAGE_NOT_IN_FORCE");
        w.ok(w.care.drLee, "submitClaim", w.claim("c-1", D1, w.line("enc-a1", CHECKUP, D1)));
    }

    // ---- claims: phantom and duplicate ----

    @Test
    void aClaimIsStoredWithItsFingerprintsAndNoContent() {
        w.ok(w.care.drLee, "submitClaim", w.claim("c-1", D1, w.line("enc-a1", CHECKUP, D1), w.line("enc-a1", XRAY, D1)));
        ClaimStates.Claim claim = w.stored("c-1");
        assertThat(claim.status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(claim.providerOrg()).isEqualTo("hospital-a");
        assertThat(w.ledger.keys("claims/fp/" + w.patientId + "/")).hasSize(2);
        assertThat(w.ledger.keys("claims/patient-claim/" + w.patientId + "/")).hasSize(1);
    }

    @Test
    void phantomBillingIsRefused() {
        w.care.record(w.care.drLee, "obs-a1", w.patientId, "Observation");
        w.care.patient("p-claims02");
        w.care.record(w.care.drLee, "enc-other", "p-claims02", "Encounter");
        w.care.record(w.care.drLee, "enc-erased", w.patientId, "Encounter");
        w.ledger.ok(w.care.records, w.patient, "eraseRecord", new EraseRecord("enc-erased", null, null));
        for (String record : List.of("enc-none", "enc-other", "enc-b1", "obs-a1", "enc-erased")) {
            assertThat(code("submitClaim", w.claim("c-" + record, D1, w.line(record, CHECKUP, D1))))
                    .as(record).isEqualTo("CLAIM_PHANTOM");
        }
        assertThat(w.ledger.keys("claims/claim/")).isEmpty();
        assertThat(w.ledger.keys("claims/fp/")).isEmpty();
    }

    @Test
    void theSameServiceOnTheSameDayIsBilledOnceWhoeverBillsIt() {
        w.ok(w.care.drLee, "submitClaim", w.claim("c-1", D1, w.line("enc-a1", CHECKUP, D1)));
        var again = w.run(w.care.nurseKim, "submitClaim", w.claim("c-2", D1, w.line("enc-a1", CHECKUP, D1)));
        assertThat(again.code()).isEqualTo("DUPLICATE_CLAIM");
        assertThat(again.error().getMessage()).contains("c-1");
        assertThat(w.run(w.care.drNg, "submitClaim", w.claim("c-3", D1, w.line("enc-b1", CHECKUP, D1))).code())
                .as("another provider").isEqualTo("DUPLICATE_CLAIM");
        assertThat(code("submitClaim", w.claim("c-4", D1, w.line("enc-a1", XRAY, D1), w.line("enc-a1", XRAY, D1))))
                .as("twice in one claim").isEqualTo("DUPLICATE_CLAIM");
        // another day or another service is not a duplicate
        w.ok(w.care.drNg, "submitClaim", w.claim("c-5", "2023-11-16", w.line("enc-b1", CHECKUP, "2023-11-16")));
        w.ok(w.care.drNg, "submitClaim", w.claim("c-6", D1, w.line("enc-b1", XRAY, D1)));
    }

    @Test
    void aClaimNeedsAProviderTheKeyShareCoverageRulesAndAPastServiceDate() {
        assertThat(w.run(w.adjuster, "submitClaim", w.claim("c-1", D1, w.line("enc-a1", CHECKUP, D1))).code())
                .isEqualTo("CLAIMS_NOT_PROVIDER");
        assertThat(w.run(w.care.pharmacist, "submitClaim", w.claim("c-1", D1, w.line("enc-a1", CHECKUP, D1))).code())
                .isEqualTo("CLAIMS_NOT_PROVIDER");
        w.care.record(w.care.labTech, "enc-c1", w.patientId, "Encounter");
        assertThat(w.run(w.care.labTech, "submitClaim", w.claim("c-1", D1, w.line("enc-c1", CHECKUP, D1))).code())
                .isEqualTo("CLAIM_KEY_NOT_SHARED");
        assertThat(code("submitClaim", w.claim("c-1", "2023-11-20", w.line("enc-a1", CHECKUP, "2023-11-20"))))
                .as("tomorrow").isEqualTo("CLAIMS_DATE_INVALID");
        assertThat(code("submitClaim", w.claim("c-1", "2023-11-13", w.line("enc-a1", CHECKUP, "2023-11-13"))))
                .as("before plan v1").isEqualTo("RULES_NOT_IN_FORCE");
        assertThat(code("submitClaim", w.claim("c-1", D1))).isEqualTo("CLAIM_LINES_INVALID");
        assertThat(code("submitClaim", w.claim("c-1", D1, new ClaimArgs.LineRef("enc-a1", "ABC", null, null))))
                .isEqualTo("CLAIM_LINES_INVALID");
        assertThat(code("submitClaim", new ClaimArgs.SubmitClaim("c-1", w.patientId, "cov-1", D1,
                List.of(w.line("enc-a1", CHECKUP, D1)), w.blob(), w.blob(), "nope", null))).isEqualTo("CLAIMS_HASH_INVALID");
        assertThat(code("submitClaim", new ClaimArgs.SubmitClaim("c/1", w.patientId, "cov-1", D1,
                List.of(w.line("enc-a1", CHECKUP, D1)), w.blob(), w.blob(), w.blob(), null))).isEqualTo("CLAIMS_ID_INVALID");
        assertThat(w.ledger.runRaw(w.claims, w.care.drLee, "submitClaim", "{\"lines\":7}".getBytes()).code())
                .isEqualTo("ARGS_INVALID");
        assertThat(code("noSuchMethod", w.claim("c-1", D1))).isEqualTo("METHOD_UNKNOWN");
        w.ok(w.care.drLee, "submitClaim", w.claim("c-1", D1, w.line("enc-a1", CHECKUP, D1)));
        assertThat(code("submitClaim", w.claim("c-1", "2023-11-16", w.line("enc-a1", CHECKUP, "2023-11-16"))))
                .isEqualTo("CLAIM_EXISTS");
    }

    // ---- prior authorization ----

    private void preauth(String preauthId, Map<String, Integer> services) {
        w.ok(w.care.drLee, "requestPreauth", new ClaimArgs.RequestPreauth(preauthId, w.patientId, "cov-1",
                new TreeMap<>(services), w.blob(), w.blob()));
    }

    private void decide(String preauthId, PreauthStatus decision, Map<String, Integer> approved, String expires) {
        w.ok(w.adjuster, "decidePreauth", new ClaimArgs.DecidePreauth(preauthId, decision, new TreeMap<>(approved),
                expires, w.blob(), w.blob()));
    }

    @Test
    void anApprovedPreauthCoversItsServiceUnitsUntilItExpires() {
        preauth("pa-1", Map.of(w.tag(MRI), 1));
        assertThat(w.preauth("pa-1").status()).isEqualTo(PreauthStatus.PENDING);
        assertThat(code("submitClaim", w.claim("c-1", D1, w.preauthLine("enc-a1", MRI, D1, "pa-1"))))
                .as("pending").isEqualTo("PREAUTH_NOT_APPROVED");
        decide("pa-1", PreauthStatus.APPROVED, Map.of(w.tag(MRI), 1), "2023-12-31");
        assertThat(code("submitClaim", w.claim("c-1", D1, w.preauthLine("enc-a1", XRAY, D1, "pa-1"))))
                .isEqualTo("PREAUTH_OUT_OF_SCOPE");
        assertThat(code("submitClaim", w.claim("c-1", D1, w.preauthLine("enc-a1", MRI, D1, "pa-none"))))
                .isEqualTo("PREAUTH_INVALID");
        assertThat(w.run(w.care.drNg, "submitClaim", w.claim("c-1", D1, w.preauthLine("enc-b1", MRI, D1, "pa-1")))
                .code()).as("another org's preauth").isEqualTo("PREAUTH_INVALID");
        assertThat(code("submitClaim", w.claim("c-1", D1, new ClaimArgs.LineRef("enc-a1", w.fp(MRI, D1), "pa-1", null))))
                .isEqualTo("CLAIM_LINES_INVALID");
        w.ok(w.care.drLee, "submitClaim", w.claim("c-1", D1, w.preauthLine("enc-a1", MRI, D1, "pa-1")));
        assertThat(w.preauth("pa-1").used()).containsEntry(w.tag(MRI), 1);
        assertThat(code("submitClaim", w.claim("c-2", "2023-11-16", w.preauthLine("enc-a1", MRI, "2023-11-16", "pa-1"))))
                .isEqualTo("PREAUTH_EXHAUSTED");
    }

    @Test
    void anExpiredOrDeniedPreauthCoversNothing() {
        preauth("pa-1", Map.of(w.tag(MRI), 2));
        decide("pa-1", PreauthStatus.PARTIAL, Map.of(w.tag(MRI), 1), "2023-11-19");
        w.ledger.nextBlock(3 * DAY); // 2023-11-22
        w.care.record(w.care.drLee, "enc-a2", w.patientId, "Encounter");
        assertThat(code("submitClaim", w.claim("c-1", "2023-11-21", w.preauthLine("enc-a2", MRI, "2023-11-21", "pa-1"))))
                .isEqualTo("PREAUTH_EXPIRED");
        w.ok(w.care.drLee, "submitClaim", w.claim("c-1", "2023-11-19", w.preauthLine("enc-a2", MRI, "2023-11-19",
                "pa-1")));
        preauth("pa-2", Map.of(w.tag(MRI), 1));
        w.ok(w.adjuster, "decidePreauth", new ClaimArgs.DecidePreauth("pa-2", PreauthStatus.DENIED, null, null, null,
                null));
        assertThat(code("submitClaim", w.claim("c-2", "2023-11-20", w.preauthLine("enc-a2", MRI, "2023-11-20", "pa-2"))))
                .isEqualTo("PREAUTH_NOT_APPROVED");
    }

    @Test
    void aPreauthDecisionFitsTheRequestAndIsMadeOnceByTheCoveragesInsurer() {
        preauth("pa-1", Map.of(w.tag(MRI), 2, w.tag(XRAY), 1));
        var partialAll = new ClaimArgs.DecidePreauth("pa-1", PreauthStatus.PARTIAL,
                new TreeMap<>(Map.of(w.tag(MRI), 2, w.tag(XRAY), 1)), "2023-12-31", null, null);
        assertThat(w.run(w.adjuster, "decidePreauth", partialAll).code()).isEqualTo("PREAUTH_DECISION_INVALID");
        var approvedSome = new ClaimArgs.DecidePreauth("pa-1", PreauthStatus.APPROVED,
                new TreeMap<>(Map.of(w.tag(MRI), 1)), "2023-12-31", null, null);
        assertThat(w.run(w.adjuster, "decidePreauth", approvedSome).code()).isEqualTo("PREAUTH_DECISION_INVALID");
        var more = new ClaimArgs.DecidePreauth("pa-1", PreauthStatus.PARTIAL, new TreeMap<>(Map.of(w.tag(MRI), 3)),
                "2023-12-31", null, null);
        assertThat(w.run(w.adjuster, "decidePreauth", more).code()).isEqualTo("PREAUTH_DECISION_INVALID");
        var past = new ClaimArgs.DecidePreauth("pa-1", PreauthStatus.PARTIAL, new TreeMap<>(Map.of(w.tag(MRI), 1)),
                "2023-11-01", null, null);
        assertThat(w.run(w.adjuster, "decidePreauth", past).code()).isEqualTo("PREAUTH_DECISION_INVALID");
        var partial = new ClaimArgs.DecidePreauth("pa-1", PreauthStatus.PARTIAL, new TreeMap<>(Map.of(w.tag(MRI), 1)),
                "2023-12-31", null, null);
        assertThat(w.run(w.otherInsurer, "decidePreauth", partial).code()).isEqualTo("CLAIMS_NOT_PARTY");
        assertThat(w.run(w.care.drLee, "decidePreauth", partial).code()).isEqualTo("CLAIMS_NOT_INSURER");
        w.ok(w.adjuster, "decidePreauth", partial);
        assertThat(w.run(w.adjuster, "decidePreauth", partial).code()).isEqualTo("PREAUTH_NOT_PENDING");
        assertThat(w.run(w.adjuster, "decidePreauth", new ClaimArgs.DecidePreauth("pa-x", PreauthStatus.DENIED, null,
                null, null, null)).code()).isEqualTo("PREAUTH_UNKNOWN");
    }

    @Test
    void aPreauthRequestNeedsCoverageInForceTheKeyShareAndValidServices() {
        var empty = new ClaimArgs.RequestPreauth("pa-1", w.patientId, "cov-1", new TreeMap<>(), w.blob(), w.blob());
        assertThat(code("requestPreauth", empty)).isEqualTo("PREAUTH_REQUEST_INVALID");
        var zero = new ClaimArgs.RequestPreauth("pa-1", w.patientId, "cov-1", new TreeMap<>(Map.of(w.tag(MRI), 0)),
                w.blob(), w.blob());
        assertThat(code("requestPreauth", zero)).isEqualTo("PREAUTH_REQUEST_INVALID");
        var ok = new ClaimArgs.RequestPreauth("pa-1", w.patientId, "cov-1", new TreeMap<>(Map.of(w.tag(MRI), 1)),
                w.blob(), w.blob());
        assertThat(w.run(w.care.labTech, "requestPreauth", ok).code()).isEqualTo("CLAIM_KEY_NOT_SHARED");
        assertThat(code("requestPreauth", new ClaimArgs.RequestPreauth("pa-1", w.patientId, "cov-9",
                new TreeMap<>(Map.of(w.tag(MRI), 1)), w.blob(), w.blob()))).isEqualTo("COVERAGE_UNKNOWN");
        w.ok(w.care.drLee, "requestPreauth", ok);
        assertThat(code("requestPreauth", new ClaimArgs.RequestPreauth("pa-1", w.patientId, "cov-1",
                new TreeMap<>(Map.of(w.tag(MRI), 1)), w.blob(), w.blob()))).isEqualTo("PREAUTH_EXISTS");
        w.ok(w.adjuster, "endCoverage", new ClaimArgs.EndCoverage("cov-1", "2023-11-18"));
        assertThat(code("requestPreauth", new ClaimArgs.RequestPreauth("pa-2", w.patientId, "cov-1",
                new TreeMap<>(Map.of(w.tag(MRI), 1)), w.blob(), w.blob()))).isEqualTo("COVERAGE_NOT_IN_FORCE");
    }

    // ---- rules versions, adjudication, payment, appeal, correction ----

    @Test
    void aClaimIsAdjudicatedByTheRulesVersionInForceAtItsServiceDate() {
        w.ok(w.adjuster, "publishRules", new ClaimArgs.PublishRules(w.rules(2, "2023-12-01")));
        w.ledger.nextBlock(20 * DAY); // 2023-12-09
        w.care.record(w.care.drLee, "enc-a2", w.patientId, "Encounter");
        w.ok(w.care.drLee, "submitClaim", w.claim("c-old", "2023-11-30", w.line("enc-a1", CHECKUP, "2023-11-30")));
        w.ok(w.care.drLee, "submitClaim", w.claim("c-new", "2023-12-01", w.line("enc-a2", CHECKUP, "2023-12-01")));
        assertThat(w.run(w.adjuster, "adjudicate", w.adjudication("c-old", "adj-1", 2, null)).code())
                .isEqualTo("RULES_VERSION_MISMATCH");
        w.ok(w.adjuster, "adjudicate", w.adjudication("c-old", "adj-1", 1, null));
        assertThat(w.run(w.adjuster, "adjudicate", w.adjudication("c-new", "adj-2", 1, "adj-1")).code())
                .isEqualTo("RULES_VERSION_MISMATCH");
        w.ok(w.adjuster, "adjudicate", w.adjudication("c-new", "adj-2", 2, "adj-1"));
        assertThat(w.ledger.read(ClaimKeys.adjudication("adj-2"), ClaimStates.Adjudication.class).rulesVersion())
                .isEqualTo(2);
        // a version published later never changes which one was in force for a past service date
        w.ok(w.adjuster, "publishRules", new ClaimArgs.PublishRules(w.rules(3, "2023-12-09")));
        assertThat(ClaimsContract.rulesInForce(stateOf(), "plan-gold", "2023-11-30").orElseThrow().rules().version())
                .isEqualTo(1);
        assertThat(ClaimsContract.rulesInForce(stateOf(), "plan-gold", "2023-12-08").orElseThrow().rules().version())
                .isEqualTo(2);
    }

    private org.careledger.core.contract.StateAccess stateOf() {
        var ledger = w.ledger;
        return new org.careledger.core.contract.StateAccess() {
            @Override
            public java.util.Optional<byte[]> get(String key) {
                return ledger.get(key);
            }

            @Override
            public java.util.SortedMap<String, byte[]> scan(String prefix, int limit) {
                java.util.TreeMap<String, byte[]> out = new java.util.TreeMap<>();
                ledger.keys(prefix).forEach(k -> out.put(k, ledger.get(k).orElseThrow()));
                return out;
            }

            @Override
            public void put(String key, byte[] value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete(String key) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void adjudicationsOfACoverageFormOneChainByItsInsurer() {
        w.ok(w.care.drLee, "submitClaim", w.claim("c-1", D1, w.line("enc-a1", CHECKUP, D1)));
        w.ok(w.care.drNg, "submitClaim", w.claim("c-2", D1, w.line("enc-b1", XRAY, D1)));
        assertThat(w.run(w.care.drLee, "adjudicate", w.adjudication("c-1", "adj-1", 1, null)).code())
                .isEqualTo("CLAIMS_NOT_INSURER");
        assertThat(w.run(w.otherInsurer, "adjudicate", w.adjudication("c-1", "adj-1", 1, null)).code())
                .isEqualTo("CLAIMS_NOT_PARTY");
        assertThat(w.run(w.adjuster, "adjudicate", w.adjudication("c-1", "adj-1", 1, "adj-0")).code())
                .isEqualTo("ADJUDICATION_OUT_OF_ORDER");
        assertThat(w.run(w.adjuster, "adjudicate", w.adjudication("c-9", "adj-1", 1, null)).code())
                .isEqualTo("CLAIM_UNKNOWN");
        w.ok(w.adjuster, "adjudicate", w.adjudication("c-1", "adj-1", 1, null));
        assertThat(w.stored("c-1").status()).isEqualTo(ClaimStatus.ADJUDICATED);
        assertThat(w.run(w.adjuster, "adjudicate", w.adjudication("c-1", "adj-9", 1, "adj-1")).code())
                .isEqualTo("CLAIM_STATUS_INVALID");
        assertThat(w.run(w.adjuster, "adjudicate", w.adjudication("c-2", "adj-1", 1, "adj-1")).code())
                .isEqualTo("ADJUDICATION_EXISTS");
        assertThat(w.run(w.adjuster, "adjudicate", w.adjudication("c-2", "adj-2", 1, null)).code())
                .isEqualTo("ADJUDICATION_OUT_OF_ORDER");
        w.ok(w.adjuster, "adjudicate", w.adjudication("c-2", "adj-2", 1, "adj-1"));
        assertThat(w.ledger.read(ClaimKeys.coverage("cov-1"), ClaimStates.Coverage.class).lastAdjudicationId())
                .isEqualTo("adj-2");
    }

    private ClaimArgs.Pay payment(String claimId, String paymentId, String paidOn) {
        return new ClaimArgs.Pay(claimId, paymentId, paidOn, "ERA-2023-" + paymentId, w.blob());
    }

    @Test
    void anAdjudicatedClaimIsPaidOnceThenSettled() {
        w.ok(w.care.drLee, "submitClaim", w.claim("c-1", D1, w.line("enc-a1", CHECKUP, D1)));
        assertThat(w.run(w.adjuster, "pay", payment("c-1", "pay-1", "2023-11-19")).code())
                .isEqualTo("CLAIM_STATUS_INVALID");
        w.ok(w.adjuster, "adjudicate", w.adjudication("c-1", "adj-1", 1, null));
        assertThat(w.run(w.adjuster, "pay", payment("c-1", "pay-1", "2023-11-20")).code())
                .as("in the future").isEqualTo("PAYMENT_INVALID");
        assertThat(w.run(w.adjuster, "pay", payment("c-1", "pay-1", "2023-11-14")).code())
                .as("before the service").isEqualTo("PAYMENT_INVALID");
        assertThat(w.run(w.adjuster, "pay", new ClaimArgs.Pay("c-1", "pay-1", "2023-11-19", "bad ref", w.blob())).code())
                .isEqualTo("PAYMENT_INVALID");
        assertThat(w.run(w.otherInsurer, "pay", payment("c-1", "pay-1", "2023-11-19")).code())
                .isEqualTo("CLAIMS_NOT_PARTY");
        w.ok(w.adjuster, "pay", payment("c-1", "pay-1", "2023-11-19"));
        ClaimStates.Claim paid = w.stored("c-1");
        assertThat(paid.status()).isEqualTo(ClaimStatus.PAID);
        assertThat(paid.paymentIds()).containsExactly("pay-1");
        assertThat(w.ledger.read(ClaimKeys.payment("pay-1"), ClaimStates.Payment.class).adjudicationId())
                .isEqualTo("adj-1");
        assertThat(w.run(w.adjuster, "pay", payment("c-1", "pay-2", "2023-11-19")).code())
                .isEqualTo("CLAIM_STATUS_INVALID");
    }

    @Test
    void submissionAdjudicationAndPaymentAreHpaymtDisclosuresOfTheBilledRecords() {
        w.care.record(w.care.drLee, "enc-a2", w.patientId, "Encounter");
        w.ok(w.care.drLee, "submitClaim", w.claim("c-1", D1, w.line("enc-a1", CHECKUP, D1),
                w.line("enc-a2", MRI, D1)));
        assertThat(w.run(w.adjuster, "pay", payment("c-1", "pay-1", "2023-11-19")).code())
                .as("a refused step discloses nothing").isEqualTo("CLAIM_STATUS_INVALID");
        w.ok(w.adjuster, "adjudicate", w.adjudication("c-1", "adj-1", 1, null));
        w.ok(w.adjuster, "pay", payment("c-1", "pay-1", "2023-11-19"));
        List<org.careledger.contracts.audit.Disclosure> report = w.ledger.keys(
                org.careledger.contracts.audit.AccessKeys.patientDisclosures(w.patientId)).stream()
                .map(k -> w.ledger.read(org.careledger.contracts.audit.AccessKeys.access(
                        w.ledger.read(k, String.class)), org.careledger.contracts.audit.Disclosure.class))
                .toList();
        assertThat(report).hasSize(6).allSatisfy(d -> {
            assertThat(d.purpose()).isEqualTo("HPAYMT");
            assertThat(d.decision()).isEqualTo(ClaimsContract.PAYMENT_DECISION);
            assertThat(d.granted()).isTrue();
            assertThat(d.recordType()).isEqualTo("Encounter");
        });
        assertThat(report).extracting(d -> d.accessor() + " " + d.recordId()).containsExactlyInAnyOrder(
                w.care.drLee.id() + " enc-a1", w.care.drLee.id() + " enc-a2",
                w.adjuster.id() + " enc-a1", w.adjuster.id() + " enc-a2",
                w.adjuster.id() + " enc-a1", w.adjuster.id() + " enc-a2");
        assertThat(report.stream().map(d -> d.txId()).distinct()).hasSize(3);
    }

    @Test
    void anAppealReopensAdjudicationAsNewTransactionsNeverEdits() {
        w.ok(w.care.drLee, "submitClaim", w.claim("c-1", D1, w.line("enc-a1", CHECKUP, D1)));
        assertThat(w.run(w.care.drLee, "appeal", new ClaimArgs.Appeal("c-1", "ap-1", null, null)).code())
                .as("not adjudicated yet").isEqualTo("CLAIM_STATUS_INVALID");
        w.ok(w.adjuster, "adjudicate", w.adjudication("c-1", "adj-1", 1, null));
        w.ok(w.adjuster, "pay", payment("c-1", "pay-1", "2023-11-19"));
        assertThat(w.run(w.care.drNg, "appeal", new ClaimArgs.Appeal("c-1", "ap-1", null, null)).code())
                .isEqualTo("CLAIMS_NOT_PARTY");
        assertThat(w.run(w.care.drLee, "appeal", new ClaimArgs.Appeal("c-1", "ap-1", w.blob(), null)).code())
                .isEqualTo("CLAIMS_HASH_INVALID");
        w.ok(w.care.drLee, "appeal", new ClaimArgs.Appeal("c-1", "ap-1", w.blob(), w.blob()));
        assertThat(w.stored("c-1").status()).isEqualTo(ClaimStatus.APPEALED);
        w.ok(w.adjuster, "adjudicate", w.adjudication("c-1", "adj-2", 1, "adj-1"));
        w.ok(w.adjuster, "pay", payment("c-1", "pay-2", "2023-11-19"));
        w.ok(w.patient, "appeal", new ClaimArgs.Appeal("c-1", "ap-2", null, null));
        assertThat(w.run(w.patient, "appeal", new ClaimArgs.Appeal("c-1", "ap-2", null, null)).code())
                .isEqualTo("CLAIM_STATUS_INVALID");
        w.ok(w.adjuster, "adjudicate", w.adjudication("c-1", "adj-3", 1, "adj-2"));
        assertThat(w.run(w.patient, "appeal", new ClaimArgs.Appeal("c-1", "ap-2", null, null)).code())
                .isEqualTo("APPEAL_EXISTS");
        w.ok(w.patient, "appeal", new ClaimArgs.Appeal("c-1", "ap-3", null, null));
        w.ok(w.adjuster, "adjudicate", w.adjudication("c-1", "adj-4", 1, "adj-3"));
        assertThat(w.run(w.patient, "appeal", new ClaimArgs.Appeal("c-1", "ap-4", null, null)).code())
                .isEqualTo("APPEAL_LIMIT");
        ClaimStates.Claim claim = w.stored("c-1");
        assertThat(claim.adjudicationIds()).containsExactly("adj-1", "adj-2", "adj-3", "adj-4");
        assertThat(claim.paymentIds()).containsExactly("pay-1", "pay-2");
        assertThat(claim.appealIds()).containsExactly("ap-1", "ap-2", "ap-3");
        assertThat(w.ledger.has(ClaimKeys.adjudication("adj-1"))).isTrue();
    }

    @Test
    void aCorrectionVoidsTheOriginalAndReleasesItsFingerprintsAndPreauthUses() {
        preauth("pa-1", Map.of(w.tag(MRI), 1));
        decide("pa-1", PreauthStatus.APPROVED, Map.of(w.tag(MRI), 1), "2023-12-31");
        w.ok(w.care.drLee, "submitClaim", w.claim("c-1", D1, w.line("enc-a1", CHECKUP, D1),
                w.preauthLine("enc-a1", MRI, D1, "pa-1")));
        var correction = new ClaimArgs.SubmitClaim("c-2", w.patientId, "cov-1", D1, List.of(w.line("enc-a1", CHECKUP, D1),
                w.preauthLine("enc-a1", MRI, D1, "pa-1")), w.blob(), w.blob(), w.blob(), "c-1");
        assertThat(w.run(w.care.drNg, "submitClaim", new ClaimArgs.SubmitClaim("c-2", w.patientId, "cov-1", D1,
                List.of(w.line("enc-b1", CHECKUP, D1)), w.blob(), w.blob(), w.blob(), "c-1")).code())
                .as("another org's claim").isEqualTo("CLAIM_CORRECTION_INVALID");
        w.ok(w.care.drLee, "submitClaim", correction);
        assertThat(w.stored("c-1").status()).isEqualTo(ClaimStatus.CORRECTED);
        assertThat(w.stored("c-1").correctedBy()).isEqualTo("c-2");
        assertThat(w.preauth("pa-1").used()).containsEntry(w.tag(MRI), 1);
        assertThat(w.ledger.read(ClaimKeys.fingerprint(w.patientId, w.fp(CHECKUP, D1)), String.class)).isEqualTo("c-2");
        assertThat(code("submitClaim", new ClaimArgs.SubmitClaim("c-3", w.patientId, "cov-1", D1,
                List.of(w.line("enc-a1", XRAY, D1)), w.blob(), w.blob(), w.blob(), "c-1")))
                .as("already corrected").isEqualTo("CLAIM_CORRECTION_INVALID");
        w.ok(w.adjuster, "adjudicate", w.adjudication("c-2", "adj-1", 1, null));
        w.ok(w.adjuster, "pay", payment("c-2", "pay-1", "2023-11-19"));
        assertThat(code("submitClaim", new ClaimArgs.SubmitClaim("c-3", w.patientId, "cov-1", D1,
                List.of(w.line("enc-a1", XRAY, D1)), w.blob(), w.blob(), w.blob(), "c-2")))
                .as("paid").isEqualTo("CLAIM_CORRECTION_INVALID");
    }

    @Test
    void theSameTransactionsReplayToTheSameBytes() {
        ClaimsContractTest a = new ClaimsContractTest();
        ClaimsContractTest b = new ClaimsContractTest();
        a.world();
        b.world();
        for (ClaimsContractTest t : List.of(a, b)) {
            t.w.ok(t.w.care.drLee, "submitClaim", t.w.claim("c-1", D1, t.w.line("enc-a1", CHECKUP, D1)));
            t.w.ok(t.w.adjuster, "adjudicate", t.w.adjudication("c-1", "adj-1", 1, null));
            t.w.run(t.w.care.drNg, "submitClaim", t.w.claim("c-2", D1, t.w.line("enc-b1", CHECKUP, D1)));
        }
        assertThat(a.w.ledger.snapshot()).isEqualTo(b.w.ledger.snapshot());
        assertThat(new String(a.w.ledger.snapshot())).contains("DUPLICATE_CLAIM").doesNotContain(TODAY + "x");
    }
}
