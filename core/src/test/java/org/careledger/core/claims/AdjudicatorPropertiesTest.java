package org.careledger.core.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.careledger.core.claims.LineAdjudication.Reason;
import org.careledger.core.json.CanonicalJson;

/** The Adjudicator over random plans and claims: deterministic, shares add up, nothing negative; and examples. */
class AdjudicatorPropertiesTest {
    private static final String SCT = "http://snomed.info/sct";
    private static final List<ServiceCode> CODES = List.of(new ServiceCode(SCT, "1001"), new ServiceCode(SCT, "1002"),
            new ServiceCode(SCT, "1003"), new ServiceCode(SCT, "1004"), new ServiceCode(SCT, "1005"));

    /** One random case: rules, a claim, accumulators and approvals. */
    record Case(BenefitRules rules, ClaimContent claim, Accumulators before, Map<String, PreauthApproval> approvals) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<BenefitRules> rules = Combinators.combine(
                Arbitraries.subsetOf(CODES), Arbitraries.longs().between(0, 500_000),
                Arbitraries.longs().between(0, 300_000), Arbitraries.longs().between(0, 10_000),
                Arbitraries.integers().between(0, 10_000), Arbitraries.subsetOf(CODES),
                Arbitraries.subsetOf(CODES), Arbitraries.integers().between(0, 5))
                .as((covered, fee, deductible, copay, bps, preauth, limited, limit) -> {
                    TreeMap<String, Long> fees = new TreeMap<>();
                    covered.forEach(c -> fees.put(c.key(), fee + c.code().hashCode() % 1000));
                    TreeMap<String, Integer> limits = new TreeMap<>();
                    limited.forEach(c -> limits.put(c.key(), limit));
                    return new BenefitRules("plan-p", 1, "2024-01-01", "USD", fees, deductible, copay, bps,
                            preauth.stream().map(ServiceCode::key).toList(), limits);
                });
        Arbitrary<List<ServiceCode>> codes = Arbitraries.subsetOf(CODES).ofMinSize(1).map(ArrayList::new);
        Arbitrary<List<Long>> amounts = Arbitraries.longs().between(0, 2_000_000).list().ofSize(CODES.size());
        Arbitrary<List<Integer>> quantities = Arbitraries.integers().between(1, 4).list().ofSize(CODES.size());
        Arbitrary<List<Boolean>> withPreauth = Arbitraries.of(true, false).list().ofSize(CODES.size());
        Arbitrary<Accumulators> before = Combinators.combine(Arbitraries.of(0, 2023, 2024),
                Arbitraries.longs().between(0, 400_000), Arbitraries.integers().between(0, 6))
                .as((year, met, used) -> new Accumulators(year, met, new TreeMap<>(Map.of(CODES.get(0).key(), used))));
        return Combinators.combine(rules, codes, amounts, quantities, withPreauth, before,
                Arbitraries.of("2024-03-01", "2024-12-31", "2025-01-02"))
                .as((r, cs, am, qs, pa, b, day) -> {
                    List<ClaimLine> lines = new ArrayList<>();
                    TreeMap<String, PreauthApproval> approvals = new TreeMap<>();
                    long total = 0;
                    for (int i = 0; i < cs.size(); i++) {
                        String preauthId = pa.get(i) ? "pa-" + i : null;
                        lines.add(new ClaimLine(i + 1, cs.get(i), qs.get(i), am.get(i), "enc-1", preauthId));
                        if (preauthId != null) {
                            approvals.put(preauthId, new PreauthApproval(preauthId, cs.get(i), qs.get(i) + i % 2 - 1 + 1,
                                    i % 3 == 0 ? "2024-06-30" : "2025-12-31"));
                        }
                        total += am.get(i);
                    }
                    ClaimContent claim = new ClaimContent("c-1", "p-abcdef", "cov-1", "hospital-a", day, "USD", lines,
                            List.of(), total, null);
                    return new Case(r, claim, b, approvals);
                });
    }

    @Property(tries = 500)
    void deterministic(@ForAll("cases") Case c) {
        byte[] first = CanonicalJson.encode(Adjudicator.adjudicate(c.claim(), c.rules(), c.before(), c.approvals()));
        Case copy = CanonicalJson.decode(CanonicalJson.encode(c), Case.class);
        byte[] second = CanonicalJson.encode(Adjudicator.adjudicate(copy.claim(), copy.rules(), copy.before(),
                copy.approvals()));
        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 1000)
    void sharesAddUpAndNothingIsNegative(@ForAll("cases") Case c) {
        Adjudication a = Adjudicator.adjudicate(c.claim(), c.rules(), c.before(), c.approvals());
        long submitted = 0;
        long allowed = 0;
        long benefit = 0;
        long patient = 0;
        long adjustment = 0;
        assertThat(a.lines()).hasSize(c.claim().lines().size());
        for (LineAdjudication l : a.lines()) {
            assertThat(List.of(l.submitted(), l.allowed(), l.deductible(), l.copay(), l.coinsurance(), l.benefit(),
                    l.patientShare(), l.adjustment())).allMatch(v -> v >= 0);
            assertThat(l.benefit() + l.patientShare() + l.adjustment()).isEqualTo(l.submitted());
            assertThat(l.deductible() + l.copay() + l.coinsurance()).isEqualTo(
                    l.reason() == Reason.APPROVED ? l.patientShare() : 0);
            assertThat(l.allowed()).isLessThanOrEqualTo(l.submitted());
            submitted += l.submitted();
            allowed += l.allowed();
            benefit += l.benefit();
            patient += l.patientShare();
            adjustment += l.adjustment();
        }
        assertThat(List.of(a.submitted(), a.allowed(), a.benefit(), a.patientShare(), a.adjustment()))
                .containsExactly(submitted, allowed, benefit, patient, adjustment);
        assertThat(a.submitted()).isEqualTo(c.claim().totalCents());
        assertThat(a.accumulatorsAfter().deductibleMetCents()).isLessThanOrEqualTo(
                Math.max(c.rules().deductibleCents(), c.before().deductibleMetCents()));
    }

    @Property(tries = 300)
    void theCommittedResultChecksOutAndAnyOtherDoesNot(@ForAll("cases") Case c) {
        byte[] nonce = new byte[Commitments.NONCE_BYTES];
        nonce[0] = 7;
        Adjudication a = Adjudicator.adjudicate(c.claim(), c.rules(), c.before(), c.approvals());
        String commitment = Commitments.commit(nonce, a);
        assertThat(AdjudicationCheck.problem(c.claim(), c.rules(), c.approvals(), a, nonce, commitment)).isNull();
        Adjudication inflated = new Adjudication(a.claimId(), a.planId(), a.rulesVersion(), a.outcome(), a.currency(),
                a.lines(), a.submitted(), a.allowed(), a.benefit() + 1, a.patientShare(), a.adjustment(),
                a.accumulatorsBefore(), a.accumulatorsAfter());
        assertThat(AdjudicationCheck.problem(c.claim(), c.rules(), c.approvals(), inflated, nonce,
                Commitments.commit(nonce, inflated))).contains("adjudicates differently");
        assertThat(AdjudicationCheck.problem(c.claim(), c.rules(), c.approvals(), a, nonce, Commitments.commit(
                new byte[Commitments.NONCE_BYTES], a))).contains("does not open");
    }

    // ---- examples ----

    private static final ServiceCode VISIT = CODES.get(0);
    private static final ServiceCode MRI = CODES.get(1);
    private static final ServiceCode XRAY = CODES.get(2);
    private static final ServiceCode COSMETIC = CODES.get(3);

    private static BenefitRules plan() {
        return new BenefitRules("plan-p", 1, "2024-01-01", "USD",
                new TreeMap<>(Map.of(VISIT.key(), 10_000L, MRI.key(), 50_000L, XRAY.key(), 8_000L)), 15_000, 1_000,
                2_000, List.of(MRI.key()), new TreeMap<>(Map.of(XRAY.key(), 2)));
    }

    private static ClaimContent claim(String day, ClaimLine... lines) {
        long total = 0;
        for (ClaimLine l : lines) {
            total += l.submittedCents();
        }
        return new ClaimContent("c-1", "p-abcdef", "cov-1", "hospital-a", day, "USD", List.of(lines), List.of(), total,
                null);
    }

    @Example
    void deductibleThenCopayThenCoinsurance() {
        // visit: asked 12,000, allowed 10,000: deductible 10,000 (of 15,000); x-ray 2 units asked 20,000, allowed
        // 16,000: deductible 5,000 (the rest), co-pay 1,000, co-insurance 20% of 10,000 = 2,000, benefit 8,000
        Adjudication a = Adjudicator.adjudicate(claim("2024-03-01",
                new ClaimLine(1, VISIT, 1, 12_000, "enc-1", null), new ClaimLine(2, XRAY, 2, 20_000, "enc-1", null)),
                plan(), Accumulators.NONE, Map.of());
        assertThat(a.lines().get(0)).isEqualTo(new LineAdjudication(1, VISIT.key(), 1, Reason.APPROVED, 12_000, 10_000,
                10_000, 0, 0, 0, 10_000, 2_000));
        assertThat(a.lines().get(1)).isEqualTo(new LineAdjudication(2, XRAY.key(), 2, Reason.APPROVED, 20_000, 16_000,
                5_000, 1_000, 2_000, 8_000, 8_000, 4_000));
        assertThat(a.outcome()).isEqualTo(Adjudication.Outcome.COMPLETE);
        assertThat(a.accumulatorsAfter()).isEqualTo(new Accumulators(2024, 15_000, new TreeMap<>(Map.of(VISIT.key(), 1,
                XRAY.key(), 2))));
    }

    @Example
    void preauthNotCoveredAndLimitsDenyLines() {
        Accumulators used = new Accumulators(2024, 15_000, new TreeMap<>(Map.of(XRAY.key(), 2)));
        ClaimContent c = claim("2024-03-01", new ClaimLine(1, MRI, 1, 60_000, "enc-1", null),
                new ClaimLine(2, COSMETIC, 1, 7_000, "enc-1", null), new ClaimLine(3, XRAY, 1, 8_000, "enc-1", null));
        Adjudication a = Adjudicator.adjudicate(c, plan(), used, Map.of());
        assertThat(a.lines()).extracting(LineAdjudication::reason).containsExactly(Reason.PREAUTH_REQUIRED,
                Reason.NOT_COVERED, Reason.LIMIT_REACHED);
        assertThat(a.lines().get(0).adjustment()).as("the provider writes off a service it did not authorize")
                .isEqualTo(60_000);
        assertThat(a.patientShare()).isEqualTo(15_000);
        assertThat(a.outcome()).isEqualTo(Adjudication.Outcome.DENIED);
        // a new year resets the limits and the deductible
        Adjudication next = Adjudicator.adjudicate(claim("2025-01-02", new ClaimLine(1, XRAY, 1, 8_000, "enc-1",
                null)), plan(), used, Map.of());
        assertThat(next.lines().get(0).reason()).isEqualTo(Reason.APPROVED);
        assertThat(next.lines().get(0).deductible()).isEqualTo(8_000);
    }

    @Example
    void anApprovalInForceForTheServiceLetsItThrough() {
        ClaimContent c = claim("2024-03-01", new ClaimLine(1, MRI, 1, 60_000, "enc-1", "pa-1"));
        Accumulators met = new Accumulators(2024, 15_000, new TreeMap<>());
        assertThat(Adjudicator.adjudicate(c, plan(), met, Map.of("pa-1", new PreauthApproval("pa-1", MRI, 1,
                "2024-03-01"))).outcome()).isEqualTo(Adjudication.Outcome.COMPLETE);
        assertThat(Adjudicator.adjudicate(c, plan(), met, Map.of("pa-1", new PreauthApproval("pa-1", MRI, 1,
                "2024-02-29"))).lines().get(0).reason()).as("expired").isEqualTo(Reason.PREAUTH_REQUIRED);
        assertThat(Adjudicator.adjudicate(c, plan(), met, Map.of("pa-1", new PreauthApproval("pa-1", XRAY, 1,
                "2024-12-31"))).lines().get(0).reason()).as("another service").isEqualTo(Reason.PREAUTH_REQUIRED);
        Adjudication ok = Adjudicator.adjudicate(c, plan(), met, Map.of("pa-1", new PreauthApproval("pa-1", MRI, 1,
                "2024-12-31")));
        assertThat(ok.lines().get(0)).isEqualTo(new LineAdjudication(1, MRI.key(), 1, Reason.APPROVED, 60_000, 50_000,
                0, 1_000, 9_800, 39_200, 10_800, 10_000));
        assertThat(AdjudicationCheck.chainProblem(null, ok)).contains("accumulators");
        Adjudication first = Adjudicator.adjudicate(claim("2024-02-01", new ClaimLine(1, VISIT, 1, 9_000, "enc-1",
                null)), plan(), Accumulators.NONE, Map.of());
        assertThat(AdjudicationCheck.chainProblem(first, Adjudicator.adjudicate(c, plan(), first.accumulatorsAfter(),
                Map.of()))).isNull();
        assertThat(AdjudicationCheck.chainProblem(first, ok)).as("ok started from 15,000 met, first left 9,000")
                .contains("accumulators");
    }

    @Example
    void fingerprintsAreKeyedAndDayBound() {
        byte[] key = new byte[ClaimFingerprints.KEY_BYTES];
        byte[] other = new byte[ClaimFingerprints.KEY_BYTES];
        other[0] = 1;
        String fp = ClaimFingerprints.fingerprint(key, VISIT, "2024-03-01");
        assertThat(fp).matches("[0-9a-f]{64}").isEqualTo(ClaimFingerprints.fingerprint(key, VISIT, "2024-03-01"));
        assertThat(fp).isNotEqualTo(ClaimFingerprints.fingerprint(other, VISIT, "2024-03-01"))
                .isNotEqualTo(ClaimFingerprints.fingerprint(key, VISIT, "2024-03-02"))
                .isNotEqualTo(ClaimFingerprints.fingerprint(key, MRI, "2024-03-01"));
        assertThat(ClaimFingerprints.serviceTag(key, VISIT)).isNotEqualTo(ClaimFingerprints.serviceTag(key, MRI));
        ClaimContent c = claim("2024-03-01", new ClaimLine(1, VISIT, 1, 1, "e", null), new ClaimLine(2, MRI, 1, 1, "e",
                null));
        String visit = ClaimFingerprints.fingerprint(key, VISIT, "2024-03-01");
        String mri = ClaimFingerprints.fingerprint(key, MRI, "2024-03-01");
        assertThat(ClaimFingerprints.mismatch(key, c, List.of(visit, mri))).isNull();
        assertThat(ClaimFingerprints.mismatch(key, c, List.of(visit, visit))).contains("line 2");
        assertThat(ClaimFingerprints.mismatch(other, c, List.of(visit, mri))).contains("line 1");
        assertThat(ClaimFingerprints.mismatch(key, c, List.of(visit))).contains("2 lines");
        assertThatThrownBy(() -> ClaimFingerprints.fingerprint(new byte[5], VISIT, "2024-03-01"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> claim("2024-03-01", new ClaimLine(1, VISIT, 1, 1, "e", null),
                new ClaimLine(2, VISIT, 1, 1, "e", null))).hasMessageContaining("two lines");
    }
}
