package org.careledger.contracts.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.careledger.contracts.StandardContracts;
import org.careledger.contracts.records.CareWorld;
import org.careledger.contracts.records.FakeLedger;
import org.careledger.contracts.research.ResearchStates.ProtocolVersion;
import org.careledger.contracts.research.ResearchStates.Study;
import org.careledger.contracts.research.ResearchStates.Subject;
import org.careledger.core.contract.Identity;
import org.careledger.core.research.Outcome;
import org.careledger.core.research.OutcomeKind;
import org.careledger.core.research.OutcomeSwitching;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every transition of contract {@code research}, valid and invalid, on an in-memory ledger (ContractTestKit). */
class ResearchContractTest {
    private static final long DAY = 86_400_000L;
    static final Outcome HBA1C = new Outcome("hba1c", OutcomeKind.PRIMARY, "HbA1c change from baseline at 24 weeks",
            "percent points");
    static final Outcome WEIGHT = new Outcome("weight", OutcomeKind.SECONDARY, "body weight change at 24 weeks", "kg");
    static final Outcome FPG = new Outcome("fpg", OutcomeKind.PRIMARY, "fasting plasma glucose at 24 weeks", "mmol/L");

    private final CareWorld care = new CareWorld();
    private final FakeLedger ledger = care.ledger;
    private final ResearchContract research = new ResearchContract();
    private Identity sponsor;
    private Identity otherSponsor;
    private Identity site;
    private Identity siteB;

    @BeforeEach
    void world() {
        care.org("pharma-s", "sponsor");
        care.org("pharma-t", "sponsor");
        sponsor = care.member("pharma-s/trials", "research");
        otherSponsor = care.member("pharma-t/trials", "research");
        site = care.drLee;
        siteB = care.drNg;
    }

    private static String sha(String label) {
        return CareWorld.blob(label);
    }

    private ResearchArgs.Register registration(String studyId, long startsAt) {
        return new ResearchArgs.Register(studyId, "Drug X in type 2 diabetes", sha("protocol-v1"),
                "text/markdown; charset=UTF-8", sha("sap-v1"), List.of("hospital-a"), List.of(HBA1C, WEIGHT), startsAt);
    }

    private String code(Identity signer, String method, Object args) {
        return ledger.run(research, signer, method, args).code();
    }

    private void ok(Identity signer, String method, Object args) {
        ledger.ok(research, signer, method, args);
    }

    private Study study(String id) {
        return ledger.read(ResearchKeys.study(id), Study.class);
    }

    private Subject subject(String id) {
        return ledger.read(ResearchKeys.subject("t1", id), Subject.class);
    }

    /** t1 registered and started, s-1 consented and on study. */
    private void running() {
        ok(sponsor, "register", registration("t1", ledger.time()));
        ledger.nextBlock(1000);
        ok(site, "consent", new ResearchArgs.Consent("t1", "s-1", 1, sha("consent-1")));
        ok(site, "enrol", new ResearchArgs.Enrol("t1", "s-1"));
        ok(site, "transition", new ResearchArgs.Transition("t1", "s-1", SubjectStatus.ON_STUDY));
    }

    private ResearchArgs.Release release(String id, int version, String... subjects) {
        return new ResearchArgs.Release("t1", id, version, List.of(subjects), 10 * subjects.length, sha("root-" + id));
    }

    @Test
    void theNetworkRunsResearch() {
        assertThat(StandardContracts.all()).anyMatch(c -> c.name().equals(ResearchContract.NAME));
    }

    @Test
    void onlyASponsorRegistersAWellFormedStudyOnce() {
        assertThat(code(site, "register", registration("t1", 0))).isEqualTo("RESEARCH_NOT_SPONSOR");
        assertThat(code(care.patient("p-research01"), "register", registration("t1", 0)))
                .isEqualTo("RESEARCH_NOT_SPONSOR");
        var r = registration("t1", 0);
        assertThat(code(sponsor, "register", new ResearchArgs.Register("t/1", r.title(), r.protocolSha256(),
                r.protocolMediaType(), r.sapSha256(), r.sites(), r.outcomes(), 0))).isEqualTo("RESEARCH_ID_INVALID");
        assertThat(code(sponsor, "register", new ResearchArgs.Register("t1", r.title(), "ABC", r.protocolMediaType(),
                r.sapSha256(), r.sites(), r.outcomes(), 0))).isEqualTo("RESEARCH_HASH_INVALID");
        assertThat(code(sponsor, "register", new ResearchArgs.Register("t1", r.title(), r.protocolSha256(),
                r.protocolMediaType(), r.sapSha256(), List.of("nowhere"), r.outcomes(), 0)))
                .isEqualTo("RESEARCH_STUDY_INVALID");
        assertThat(code(sponsor, "register", new ResearchArgs.Register("t1", r.title(), r.protocolSha256(),
                r.protocolMediaType(), r.sapSha256(), r.sites(), List.of(WEIGHT), 0)))
                .as("no primary outcome").isEqualTo("RESEARCH_STUDY_INVALID");
        assertThat(code(sponsor, "register", new ResearchArgs.Register("t1", r.title(), r.protocolSha256(),
                r.protocolMediaType(), r.sapSha256(), r.sites(), List.of(HBA1C, HBA1C), 0)))
                .isEqualTo("RESEARCH_STUDY_INVALID");
        assertThat(code(sponsor, "register", new ResearchArgs.Register("t1", " ", r.protocolSha256(),
                r.protocolMediaType(), r.sapSha256(), r.sites(), r.outcomes(), 0))).isEqualTo("RESEARCH_STUDY_INVALID");
        var o = ledger.ok(research, sponsor, "register", r);
        assertThat(o.events()).extracting(FakeLedger.Event::type).containsExactly("StudyRegistered");
        Study s = study("t1");
        assertThat(s.sponsorOrg()).isEqualTo("pharma-s");
        assertThat(s.currentVersion()).isEqualTo(1);
        assertThat(s.registrationTxId()).isEqualTo(o.txId().hex());
        assertThat(s.firstEnrolledHeight()).isNull();
        assertThat(code(sponsor, "register", r)).isEqualTo("RESEARCH_STUDY_EXISTS");
    }

    @Test
    void enrolmentNeedsARegisteredStartedStudyASiteAndConsent() {
        assertThat(code(site, "enrol", new ResearchArgs.Enrol("t1", "s-1"))).as("before registration")
                .isEqualTo("RESEARCH_STUDY_UNKNOWN");
        ok(sponsor, "register", registration("t1", ledger.time() + DAY));
        assertThat(code(site, "enrol", new ResearchArgs.Enrol("t1", "s-1"))).as("before its start")
                .isEqualTo("RESEARCH_STUDY_NOT_STARTED");
        ledger.nextBlock(DAY);
        assertThat(code(siteB, "enrol", new ResearchArgs.Enrol("t1", "s-1"))).as("hospital-b is no site")
                .isEqualTo("RESEARCH_NOT_SITE");
        assertThat(code(sponsor, "enrol", new ResearchArgs.Enrol("t1", "s-1"))).isEqualTo("RESEARCH_NOT_SITE");
        ok(site, "enrol", new ResearchArgs.Enrol("t1", "s-1"));
        assertThat(subject("s-1").status()).isEqualTo(SubjectStatus.CANDIDATE);
        assertThat(code(site, "enrol", new ResearchArgs.Enrol("t1", "s-1"))).isEqualTo("RESEARCH_SUBJECT_EXISTS");
        assertThat(code(site, "transition", new ResearchArgs.Transition("t1", "s-1", SubjectStatus.ON_STUDY)))
                .as("no consent").isEqualTo("RESEARCH_CONSENT_REQUIRED");
        assertThat(study("t1").firstEnrolledHeight()).isNull();
        ok(site, "consent", new ResearchArgs.Consent("t1", "s-1", 1, sha("consent-1")));
        ledger.nextBlock(1000);
        ok(site, "transition", new ResearchArgs.Transition("t1", "s-1", SubjectStatus.ON_STUDY));
        assertThat(subject("s-1").status()).isEqualTo(SubjectStatus.ON_STUDY);
        assertThat(study("t1").firstEnrolledHeight()).isEqualTo(ledger.height())
                .isGreaterThan(study("t1").registeredHeight());
    }

    @Test
    void everySubjectTransitionValidAndInvalid() {
        running();
        assertThat(code(site, "transition", new ResearchArgs.Transition("t1", "s-1", SubjectStatus.ON_STUDY)))
                .isEqualTo("RESEARCH_TRANSITION_INVALID");
        assertThat(code(site, "transition", new ResearchArgs.Transition("t1", "s-1", SubjectStatus.CANDIDATE)))
                .isEqualTo("RESEARCH_TRANSITION_INVALID");
        assertThat(code(site, "transition", new ResearchArgs.Transition("t1", "s-1", null)))
                .isEqualTo("RESEARCH_TRANSITION_INVALID");
        assertThat(code(site, "transition", new ResearchArgs.Transition("t1", "s-9", SubjectStatus.OFF_STUDY)))
                .isEqualTo("RESEARCH_SUBJECT_UNKNOWN");
        assertThat(code(siteB, "transition", new ResearchArgs.Transition("t1", "s-1", SubjectStatus.OFF_STUDY)))
                .isEqualTo("RESEARCH_NOT_SITE");
        ok(site, "transition", new ResearchArgs.Transition("t1", "s-1", SubjectStatus.OFF_STUDY));
        for (SubjectStatus to : SubjectStatus.values()) {
            assertThat(code(site, "transition", new ResearchArgs.Transition("t1", "s-1", to))).as("from OFF_STUDY")
                    .isEqualTo("RESEARCH_TRANSITION_INVALID");
        }
        ok(site, "enrol", new ResearchArgs.Enrol("t1", "s-2"));
        ok(site, "transition", new ResearchArgs.Transition("t1", "s-2", SubjectStatus.WITHDRAWN));
        ok(site, "enrol", new ResearchArgs.Enrol("t1", "s-3"));
        ok(site, "consent", new ResearchArgs.Consent("t1", "s-3", 1, sha("consent-3")));
        ok(site, "transition", new ResearchArgs.Transition("t1", "s-3", SubjectStatus.ON_STUDY));
        ok(site, "transition", new ResearchArgs.Transition("t1", "s-3", SubjectStatus.WITHDRAWN));
        for (SubjectStatus to : SubjectStatus.values()) {
            assertThat(code(site, "transition", new ResearchArgs.Transition("t1", "s-3", to))).as("from WITHDRAWN")
                    .isEqualTo("RESEARCH_TRANSITION_INVALID");
        }
        assertThat(subject("s-3").history()).extracting(ResearchStates.Step::status).containsExactly(
                SubjectStatus.CANDIDATE, SubjectStatus.ON_STUDY, SubjectStatus.WITHDRAWN);
    }

    @Test
    void amendmentsAreVersionedAndTheContractMarksOutcomeChanges() {
        running();
        assertThat(code(site, "amend", new ResearchArgs.Amend("t1", 2, "r", sha("p2"), null, null, null, false)))
                .isEqualTo("RESEARCH_NOT_SPONSOR");
        assertThat(code(otherSponsor, "amend", new ResearchArgs.Amend("t1", 2, "r", sha("p2"), null, null, null,
                false))).isEqualTo("RESEARCH_NOT_SPONSOR");
        assertThat(code(sponsor, "amend", new ResearchArgs.Amend("t1", 3, "r", sha("p2"), null, null, null, false)))
                .isEqualTo("RESEARCH_VERSION_INVALID");
        assertThat(code(sponsor, "amend", new ResearchArgs.Amend("t1", 2, "", sha("p2"), null, null, null, false)))
                .as("a reason is required").isEqualTo("RESEARCH_STUDY_INVALID");
        assertThat(code(sponsor, "amend", new ResearchArgs.Amend("t-none", 2, "r", sha("p2"), null, null, null,
                false))).isEqualTo("RESEARCH_STUDY_UNKNOWN");
        ok(sponsor, "amend", new ResearchArgs.Amend("t1", 2, "site added to the monitoring plan", sha("p2"), null, null,
                null, false));
        ProtocolVersion v2 = ledger.read(ResearchKeys.version("t1", 2), ProtocolVersion.class);
        assertThat(v2.outcomesChanged()).isFalse();
        assertThat(v2.outcomes()).containsExactly(HBA1C, WEIGHT);
        assertThat(v2.sapSha256()).isEqualTo(sha("sap-v1"));
        Outcome reworded = new Outcome("weight", OutcomeKind.SECONDARY, "body weight change at 12 weeks", "kg");
        ok(sponsor, "amend", new ResearchArgs.Amend("t1", 3, "earlier read-out", sha("p3"), null, sha("sap-v3"),
                List.of(HBA1C, reworded, FPG), false));
        ProtocolVersion v3 = ledger.read(ResearchKeys.version("t1", 3), ProtocolVersion.class);
        assertThat(v3.outcomesChanged()).isTrue();
        assertThat(v3.changedOutcomes()).containsExactly("fpg", "weight");
        assertThat(study("t1").currentVersion()).isEqualTo(3);
        assertThat(study("t1").declaredOutcomes()).containsExactlyInAnyOrder("hba1c", "weight", "fpg");
        assertThat(ResearchContract.versions(ledgerState(), "t1")).extracting(ProtocolVersion::version)
                .containsExactly(1, 2, 3);
    }

    @Test
    void consentIsToTheCurrentVersionAndAReconsentAmendmentEndsOldConsents() {
        running();
        ok(site, "enrol", new ResearchArgs.Enrol("t1", "s-2"));
        assertThat(code(site, "consent", new ResearchArgs.Consent("t1", "s-2", 2, sha("c")))).isEqualTo(
                "RESEARCH_CONSENT_VERSION_STALE");
        assertThat(code(siteB, "consent", new ResearchArgs.Consent("t1", "s-2", 1, sha("c"))))
                .isEqualTo("RESEARCH_NOT_SITE");
        assertThat(code(site, "consent", new ResearchArgs.Consent("t1", "s-2", 1, "nothex")))
                .isEqualTo("RESEARCH_HASH_INVALID");
        ok(sponsor, "amend", new ResearchArgs.Amend("t1", 2, "new safety visit", sha("p2"), null, null, null, true));
        assertThat(study("t1").reconsentFrom()).isEqualTo(2);
        assertThat(code(site, "consent", new ResearchArgs.Consent("t1", "s-2", 1, sha("c"))))
                .as("version 1 is no longer current").isEqualTo("RESEARCH_CONSENT_VERSION_STALE");
        assertThat(code(site, "release", release("r1", 2, "s-1"))).as("s-1's consent predates re-consent")
                .isEqualTo("RESEARCH_CONSENT_REQUIRED");
        ok(site, "consent", new ResearchArgs.Consent("t1", "s-1", 2, sha("consent-1-v2")));
        ok(site, "release", release("r1", 2, "s-1"));
        ok(site, "consent", new ResearchArgs.Consent("t1", "s-2", 2, sha("c2")));
        ok(site, "transition", new ResearchArgs.Transition("t1", "s-2", SubjectStatus.ON_STUDY));
        // an amendment without re-consent keeps consents in force
        ok(sponsor, "amend", new ResearchArgs.Amend("t1", 3, "typo", sha("p3"), null, null, null, false));
        ok(site, "release", release("r2", 3, "s-1", "s-2"));
    }

    @Test
    void withdrawalIsFinalAndNoLaterReleaseIncludesTheSubject() {
        running();
        ok(site, "release", release("r1", 1, "s-1"));
        assertThat(code(site, "withdraw", new ResearchArgs.Withdraw("t1", "s-9", null)))
                .isEqualTo("RESEARCH_CONSENT_REQUIRED");
        assertThat(code(siteB, "withdraw", new ResearchArgs.Withdraw("t1", "s-1", null))).isEqualTo("RESEARCH_NOT_SITE");
        ok(site, "withdraw", new ResearchArgs.Withdraw("t1", "s-1", "no longer wishes to take part"));
        assertThat(subject("s-1").status()).isEqualTo(SubjectStatus.WITHDRAWN);
        assertThat(code(site, "withdraw", new ResearchArgs.Withdraw("t1", "s-1", null)))
                .isEqualTo("RESEARCH_CONSENT_WITHDRAWN");
        assertThat(code(site, "consent", new ResearchArgs.Consent("t1", "s-1", 1, sha("again"))))
                .isEqualTo("RESEARCH_CONSENT_WITHDRAWN");
        assertThat(code(site, "release", release("r2", 1, "s-1"))).isEqualTo("RESEARCH_SUBJECT_WITHDRAWN");
        // off study with a withdrawn consent: the state stays OFF_STUDY, releases still refuse it
        ok(site, "enrol", new ResearchArgs.Enrol("t1", "s-4"));
        ok(site, "consent", new ResearchArgs.Consent("t1", "s-4", 1, sha("c4")));
        ok(site, "transition", new ResearchArgs.Transition("t1", "s-4", SubjectStatus.ON_STUDY));
        ok(site, "transition", new ResearchArgs.Transition("t1", "s-4", SubjectStatus.OFF_STUDY));
        ok(site, "release", release("r3", 1, "s-4"));
        ok(site, "withdraw", new ResearchArgs.Withdraw("t1", "s-4", null));
        assertThat(ledger.read(ResearchKeys.subject("t1", "s-4"), Subject.class).status())
                .isEqualTo(SubjectStatus.OFF_STUDY);
        assertThat(code(site, "release", release("r4", 1, "s-4"))).isEqualTo("RESEARCH_SUBJECT_WITHDRAWN");
    }

    @Test
    void aReleaseIsOfConsentingSubjectsOnOrOffStudyAtTheCurrentVersion() {
        running();
        ok(site, "enrol", new ResearchArgs.Enrol("t1", "s-2"));
        assertThat(code(site, "release", release("r1", 1, "s-1", "s-2"))).as("a candidate")
                .isEqualTo("RESEARCH_RELEASE_INVALID");
        assertThat(code(site, "release", release("r1", 1, "s-1", "s-1"))).isEqualTo("RESEARCH_RELEASE_INVALID");
        assertThat(code(site, "release", release("r1", 1))).isEqualTo("RESEARCH_RELEASE_INVALID");
        assertThat(code(site, "release", release("r1", 2, "s-1"))).isEqualTo("RESEARCH_RELEASE_INVALID");
        assertThat(code(site, "release", release("r1", 1, "s-x"))).isEqualTo("RESEARCH_SUBJECT_UNKNOWN");
        assertThat(code(site, "release", new ResearchArgs.Release("t1", "r1", 1, List.of("s-1"), 0, sha("x"))))
                .isEqualTo("RESEARCH_RELEASE_INVALID");
        assertThat(code(site, "release", new ResearchArgs.Release("t1", "r1", 1, List.of("s-1"), 3, "x")))
                .isEqualTo("RESEARCH_HASH_INVALID");
        assertThat(code(siteB, "release", release("r1", 1, "s-1"))).isEqualTo("RESEARCH_NOT_SITE");
        assertThat(code(site, "release", new ResearchArgs.Release("none", "r1", 1, List.of("s-1"), 3, sha("x"))))
                .isEqualTo("RESEARCH_STUDY_UNKNOWN");
        var o = ledger.ok(research, site, "release", release("r1", 1, "s-1"));
        ResearchStates.Release r = ledger.read(ResearchKeys.release("t1", "r1"), ResearchStates.Release.class);
        assertThat(r.purpose()).isEqualTo("HRESCH");
        assertThat(r.sponsorOrg()).isEqualTo("pharma-s");
        assertThat(r.subjectCount()).isEqualTo(1);
        assertThat(r.txId()).isEqualTo(o.txId().hex());
        assertThat(ledger.keys(ResearchKeys.subjectReleasesOf("t1", "s-1"))).hasSize(1);
        assertThat(study("t1").firstReleaseHeight()).isEqualTo(ledger.height());
        assertThat(code(site, "release", release("r1", 1, "s-1"))).isEqualTo("RESEARCH_RELEASE_EXISTS");
    }

    @Test
    void resultsAreForDeclaredOutcomesOnceAndTheReportCatchesASwitch() {
        running();
        ok(site, "release", release("r1", 1, "s-1"));
        ledger.nextBlock(DAY);
        ok(sponsor, "amend", new ResearchArgs.Amend("t1", 2, "add fasting glucose", sha("p2"), null, null,
                List.of(HBA1C, WEIGHT, FPG), false));
        var unknown = new ResearchArgs.Results("t1", List.of(new ResearchArgs.OutcomeResult("ldl", "-0.3", null)));
        assertThat(code(sponsor, "results", unknown)).isEqualTo("RESEARCH_OUTCOME_UNKNOWN");
        var twice = new ResearchArgs.Results("t1", List.of(new ResearchArgs.OutcomeResult("fpg", "-1.1", null),
                new ResearchArgs.OutcomeResult("fpg", "-1.1", null)));
        assertThat(code(sponsor, "results", twice)).isEqualTo("RESEARCH_RESULT_EXISTS");
        var results = new ResearchArgs.Results("t1", List.of(new ResearchArgs.OutcomeResult("fpg",
                "-1.1 mmol/L vs placebo", sha("fpg-data")), new ResearchArgs.OutcomeResult("weight", "-2.0 kg", null)));
        assertThat(code(site, "results", results)).isEqualTo("RESEARCH_NOT_SPONSOR");
        assertThat(code(otherSponsor, "results", results)).isEqualTo("RESEARCH_NOT_SPONSOR");
        ok(sponsor, "results", results);
        assertThat(code(sponsor, "results", new ResearchArgs.Results("t1", List.of(
                new ResearchArgs.OutcomeResult("weight", "again", null))))).isEqualTo("RESEARCH_RESULT_EXISTS");
        // the report, from ledger state alone
        Study s = study("t1");
        List<OutcomeSwitching.Version> versions = ResearchContract.versions(ledgerState(), "t1").stream()
                .map(v -> new OutcomeSwitching.Version(v.version(), v.height(), v.outcomes())).toList();
        Set<String> reported = ledger.keys(ResearchKeys.resultsOf("t1")).stream()
                .map(k -> k.substring(ResearchKeys.resultsOf("t1").length())).collect(Collectors.toSet());
        var report = OutcomeSwitching.report("t1", versions, reported, s.firstEnrolledHeight(), s.firstReleaseHeight());
        assertThat(report.prespecifiedReported()).containsExactly("weight");
        assertThat(report.primaryMissing()).containsExactly("hba1c");
        assertThat(report.notPrespecified()).singleElement().satisfies(l -> {
            assertThat(l.outcomeId()).isEqualTo("fpg");
            assertThat(l.declaredInVersion()).isEqualTo(2);
            assertThat(l.afterFirstRelease()).isTrue();
        });
        assertThat(report.switched()).isTrue();
    }

    @Test
    void noResearchKeyOrEventHoldsAPatientId() {
        Identity patient = care.patient("p-research02");
        running();
        ok(site, "release", release("r1", 1, "s-1"));
        assertThat(patient.id()).isEqualTo("patient/p-research02");
        List<String> texts = new ArrayList<>(ledger.keys(ResearchKeys.PREFIX));
        for (String k : ledger.keys(ResearchKeys.PREFIX)) {
            texts.add(new String(ledger.get(k).orElseThrow(), StandardCharsets.UTF_8));
        }
        assertThat(texts).noneMatch(t -> t.contains("p-research02") || t.contains("patient/"));
    }

    @Test
    void replayGivesTheSameState() {
        running();
        byte[] first = ledger.snapshot();
        ResearchContractTest again = new ResearchContractTest();
        again.world();
        again.running();
        assertThat(again.ledger.snapshot()).isEqualTo(first);
    }

    private org.careledger.core.contract.StateAccess ledgerState() {
        return new org.careledger.core.contract.StateAccess() {
            @Override
            public java.util.Optional<byte[]> get(String key) {
                return ledger.get(key);
            }

            @Override
            public java.util.SortedMap<String, byte[]> scan(String prefix, int limit) {
                java.util.TreeMap<String, byte[]> out = new java.util.TreeMap<>();
                ledger.keys(prefix).stream().limit(limit).forEach(k -> out.put(k, ledger.get(k).orElseThrow()));
                return out;
            }

            @Override
            public void put(String key, byte[] value) {
                throw new UnsupportedOperationException("read-only view");
            }

            @Override
            public void delete(String key) {
                throw new UnsupportedOperationException("read-only view");
            }
        };
    }
}
