package org.careledger.node.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.careledger.api.SubmitResponse;
import org.careledger.api.research.ReportView;
import org.careledger.client.CareledgerClient;
import org.careledger.client.GenesisNodes;
import org.careledger.client.TxSigner;
import org.careledger.client.research.ResearchClient;
import org.careledger.contracts.research.ResearchArgs;
import org.careledger.contracts.research.ResearchStates;
import org.careledger.contracts.research.SubjectStatus;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.research.Outcome;
import org.careledger.core.research.OutcomeKind;
import org.careledger.core.research.SubjectIds;
import org.careledger.fhir.IdentifierScan;
import org.careledger.fhir.SyntheaBundles;
import org.careledger.node.FourOrgNetwork;
import org.careledger.node.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 13 on a 4-node Raft network (real RocksDB, TLS on loopback), through the SDK: a sponsor registers a trial,
 * hospital-a enrols three Synthea patients under per-study subject ids, releases their de-identified records, a subject
 * withdraws, an amendment requires re-consent, another adds an outcome that the results then report instead of the
 * pre-specified primary — and every node's outcome-switching report catches it. Every transition, valid and invalid,
 * goes over the network; the registration is proven under a quorum-certified header; the release's root is re-derived
 * from the dataset file; and no identifier of the input patients is in any node file, the dataset or the log.
 */
class ResearchNetworkIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> ORGS = List.of("hospital-a", "hospital-b", "pharmacy-c", "sponsor-e");
    private static final List<String> BUNDLES = SyntheaBundles.NAMES;
    private static final Outcome HBA1C = new Outcome("hba1c", OutcomeKind.PRIMARY,
            "HbA1c change from baseline at 24 weeks", "percent points");
    private static final Outcome WEIGHT = new Outcome("weight", OutcomeKind.SECONDARY,
            "body weight change at 24 weeks", "kg");
    private static final Outcome FPG = new Outcome("fpg", OutcomeKind.PRIMARY, "fasting plasma glucose at 24 weeks",
            "mmol/L");

    @TempDir
    static Path dir;
    private static TestNetwork net;
    private static FourOrgNetwork network;
    private static ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void fourNodes() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        network = FourOrgNetwork.start(dir, ORGS);
        net = network.net;
        network.awaitLeader();
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void aTrialRunsEndToEndAndItsOutcomeSwitchIsCaughtWithNoIdentifierLeft() throws IOException {
        TxSigner sponsor = member("sponsor-e", "trials", "research");
        TxSigner site = member("hospital-a", "dr-ames", "physician");
        TxSigner otherHospital = member("hospital-b", "dr-bo", "physician");
        TxSigner clerk = member("pharmacy-c", "clerk", "pharmacist");
        ResearchClient atSponsor = new ResearchClient(client("sponsor-e"));
        ResearchClient atSite = new ResearchClient(client("hospital-a"));
        ResearchClient atPharmacy = new ResearchClient(client("pharmacy-c"));

        // three Synthea patients, held by hospital-a; each patient's secret gives its subject id in the study
        List<List<JsonNode>> patients = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<byte[]> secrets = new ArrayList<>();
        for (String name : BUNDLES) {
            patients.add(resources(name));
            byte[] secret = new byte[SubjectIds.SECRET_BYTES];
            RANDOM.nextBytes(secret);
            secrets.add(secret);
            subjects.add(SubjectIds.of(secret, "t2d-x"));
        }
        String s1 = subjects.get(0);
        String s2 = subjects.get(1);
        String s3 = subjects.get(2);
        byte[] protocol = "# Drug X in type 2 diabetes\nversion 1\n".getBytes(StandardCharsets.UTF_8);

        // enrolment before registration; registration by a non-sponsor; a study not started yet
        refused("RESEARCH_STUDY_UNKNOWN", () -> atSite.enrol(site, "t2d-x", s1));
        ResearchArgs.Register registration = new ResearchArgs.Register("t2d-x", "Drug X in type 2 diabetes",
                Hash.sha256(protocol).hex(), "text/markdown; charset=UTF-8", sha("sap v1"),
                List.of("hospital-a"), List.of(HBA1C, WEIGHT), 0);
        refused("RESEARCH_NOT_SPONSOR", () -> atSite.register(site, registration));
        SubmitResponse registered = atSponsor.register(sponsor, registration);
        refused("RESEARCH_STUDY_EXISTS", () -> atSponsor.register(sponsor, registration));
        atSponsor.register(sponsor, new ResearchArgs.Register("t2d-later", "A later study", sha("p"), "text/plain",
                sha("s"), List.of("hospital-a"), List.of(HBA1C), System.currentTimeMillis() + Duration.ofDays(30)
                .toMillis()));
        refused("RESEARCH_STUDY_NOT_STARTED", () -> atSite.enrol(site, "t2d-later", s1));

        // consent and enrolment
        refused("RESEARCH_NOT_SITE", () -> atSite.enrol(otherHospital, "t2d-x", s1));
        refused("RESEARCH_CONSENT_VERSION_STALE", () -> atSite.consent(site, "t2d-x", s1, 2, signed("c1")));
        for (String s : subjects) {
            atSite.enrol(site, "t2d-x", s);
        }
        refused("RESEARCH_SUBJECT_EXISTS", () -> atSite.enrol(site, "t2d-x", s1));
        refused("RESEARCH_CONSENT_REQUIRED", () -> atSite.transition(site, "t2d-x", s1, SubjectStatus.ON_STUDY));
        for (String s : subjects) {
            atSite.consent(site, "t2d-x", s, 1, signed("consent " + s));
            atSite.transition(site, "t2d-x", s, SubjectStatus.ON_STUDY);
        }
        refused("RESEARCH_TRANSITION_INVALID", () -> atSite.transition(site, "t2d-x", s1, SubjectStatus.ON_STUDY));
        refused("RESEARCH_SUBJECT_UNKNOWN", () -> atSite.transition(site, "t2d-x", "s-nobody",
                SubjectStatus.OFF_STUDY));
        String candidate = SubjectIds.of(secret(), "t2d-x");
        atSite.enrol(site, "t2d-x", candidate);
        atSite.transition(site, "t2d-x", candidate, SubjectStatus.WITHDRAWN);
        refused("RESEARCH_TRANSITION_INVALID", () -> atSite.transition(site, "t2d-x", candidate,
                SubjectStatus.ON_STUDY));

        // release 1: the three subjects' records, de-identified; the dataset's root is re-derived from its file
        int year = java.time.Year.now(java.time.ZoneOffset.UTC).getValue();
        Map<String, List<JsonNode>> bySubject = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            bySubject.put(subjects.get(i), patients.get(i));
        }
        ResearchClient.PreparedRelease r1 = ResearchClient.prepareRelease(bySubject, studyKey(), year);
        refused("RESEARCH_NOT_SITE", () -> atSite.release(otherHospital, "t2d-x", "r1", 1, r1));
        atSite.release(site, "t2d-x", "r1", 1, r1);
        refused("RESEARCH_RELEASE_EXISTS", () -> atSite.release(site, "t2d-x", "r1", 1, r1));
        Path datasetFile = dir.resolve("sponsor-inbox").resolve("t2d-x-r1.ndjson");
        Files.createDirectories(datasetFile.getParent());
        Files.write(datasetFile, r1.dataset().bytes());
        for (String org : ORGS) {
            ResearchStates.Release verified = new ResearchClient(client(org)).verifyRelease(clerk, "t2d-x", "r1",
                    Files.readAllBytes(datasetFile));
            assertThat(verified.recordCount()).isEqualTo(r1.dataset().size()).isGreaterThan(100);
            assertThat(verified.purpose()).isEqualTo("HRESCH");
        }
        byte[] tampered = Files.readAllBytes(datasetFile);
        tampered[10] ^= 1;
        refused("RESEARCH_DATASET_INVALID", () -> atPharmacy.verifyRelease(clerk, "t2d-x", "r1", tampered));

        // subject 2 withdraws: no later release may include it
        atSite.withdraw(site, "t2d-x", s2, "moved away");
        refused("RESEARCH_CONSENT_WITHDRAWN", () -> atSite.withdraw(site, "t2d-x", s2, null));
        refused("RESEARCH_SUBJECT_WITHDRAWN", () -> atSite.release(site, "t2d-x", "r2", 1, r1));
        Map<String, List<JsonNode>> remaining = new LinkedHashMap<>(bySubject);
        remaining.remove(s2);
        ResearchClient.PreparedRelease r2 = ResearchClient.prepareRelease(remaining, studyKey(), year);
        atSite.release(site, "t2d-x", "r2", 1, r2);

        // an amendment requiring re-consent: the old consents no longer cover new data
        refused("RESEARCH_NOT_SPONSOR", () -> atSite.amend(site, new ResearchArgs.Amend("t2d-x", 2, "r", sha("p2"),
                null, null, null, true)));
        refused("RESEARCH_VERSION_INVALID", () -> atSponsor.amend(sponsor, new ResearchArgs.Amend("t2d-x", 3,
                "skip", sha("p2"), null, null, null, true)));
        atSponsor.amend(sponsor, new ResearchArgs.Amend("t2d-x", 2, "additional safety visit", sha("protocol v2"),
                null, null, null, true));
        refused("RESEARCH_CONSENT_REQUIRED", () -> atSite.release(site, "t2d-x", "r3", 2, r2));
        refused("RESEARCH_CONSENT_VERSION_STALE", () -> atSite.consent(site, "t2d-x", s1, 1, signed("again")));
        atSite.consent(site, "t2d-x", s1, 2, signed("consent v2 " + s1));
        atSite.consent(site, "t2d-x", s3, 2, signed("consent v2 " + s3));
        refused("RESEARCH_RELEASE_INVALID", () -> atSite.release(site, "t2d-x", "r3", 1, r2));
        atSite.release(site, "t2d-x", "r3", 2, r2);
        atSite.transition(site, "t2d-x", s3, SubjectStatus.OFF_STUDY);

        // an amendment that adds an outcome; results that report it and skip the pre-specified primary
        atSponsor.amend(sponsor, new ResearchArgs.Amend("t2d-x", 3, "add fasting glucose", sha("protocol v3"), null,
                null, List.of(HBA1C, WEIGHT, FPG), false));
        refused("RESEARCH_OUTCOME_UNKNOWN", () -> atSponsor.results(sponsor, "t2d-x", List.of(
                new ResearchArgs.OutcomeResult("ldl", "-0.2 mmol/L", null))));
        refused("RESEARCH_NOT_SPONSOR", () -> atSite.results(site, "t2d-x", List.of(
                new ResearchArgs.OutcomeResult("fpg", "-1.1 mmol/L", null))));
        atSponsor.results(sponsor, "t2d-x", List.of(new ResearchArgs.OutcomeResult("fpg", "-1.1 mmol/L vs placebo",
                sha("fpg data")), new ResearchArgs.OutcomeResult("weight", "-2.0 kg vs placebo", null)));
        refused("RESEARCH_RESULT_EXISTS", () -> atSponsor.results(sponsor, "t2d-x", List.of(
                new ResearchArgs.OutcomeResult("weight", "again", null))));

        // every node computes the same report from its own state, and it catches the switch
        List<ReportView> reports = new ArrayList<>();
        for (String org : ORGS) {
            ReportView r = new ResearchClient(client(org)).report(clerk, "t2d-x");
            assertThat(r.report().switched()).as(org).isTrue();
            assertThat(r.report().primaryMissing()).as(org).containsExactly("hba1c");
            assertThat(r.report().prespecifiedReported()).as(org).containsExactly("weight");
            assertThat(r.report().notPrespecified()).as(org).singleElement().satisfies(l -> {
                assertThat(l.outcomeId()).isEqualTo("fpg");
                assertThat(l.declaredInVersion()).isEqualTo(3);
                assertThat(l.afterFirstEnrolment()).isTrue();
                assertThat(l.afterFirstRelease()).isTrue();
            });
            reports.add(r);
        }
        assertThat(reports).extracting(ReportView::report).containsOnly(reports.get(0).report());
        assertThat(atPharmacy.study(clerk, "t2d-x").versions()).hasSize(3)
                .satisfies(v -> assertThat(v.get(2).get("outcomesChanged").asBoolean()).isTrue());

        // subjects and consents only for the sponsor and the sites
        assertThat(atSponsor.subjects(sponsor, "t2d-x").count()).isEqualTo(4);
        refused("FORBIDDEN", () -> atPharmacy.subjects(clerk, "t2d-x"));
        refused("FORBIDDEN", () -> new ResearchClient(client("hospital-b")).subjects(otherHospital, "t2d-x"));

        // each patient finds its releases (purpose HRESCH) without telling a node who it is
        assertThat(atPharmacy.disclosures(clerk, secrets.get(0))).extracting(ResearchClient.Disclosure::releaseId)
                .containsExactly("r1", "r2", "r3");
        assertThat(atPharmacy.disclosures(clerk, secrets.get(1))).extracting(ResearchClient.Disclosure::releaseId)
                .containsExactly("r1");
        assertThat(atPharmacy.disclosures(clerk, secrets.get(0))).allSatisfy(d -> {
            assertThat(d.purpose()).isEqualTo("HRESCH");
            assertThat(d.recipientOrg()).isEqualTo("sponsor-e");
        });
        assertThat(atPharmacy.disclosures(clerk, secret())).isEmpty();

        // the protocol file proves registration before the first enrolment, under a quorum-certified header
        CareledgerClient pharmacy = client("pharmacy-c");
        pharmacy.awaitFinal(registered.height(), Duration.ofSeconds(60));
        ResearchClient.RegistrationProof proof = atPharmacy.proveRegistration(clerk, "t2d-x", protocol,
                GenesisNodes.fromGenesis(net.layout.genesis()));
        assertThat(proof.registrationHeight()).isEqualTo(registered.height()).isLessThan(proof.firstEnrolledHeight());
        assertThat(proof.certifiedBy()).hasSizeGreaterThanOrEqualTo(3);
        byte[] otherProtocol = "# Drug X in type 2 diabetes\nversion 1\n\n".getBytes(StandardCharsets.UTF_8);
        refused("PROOF_INVALID", () -> atPharmacy.proveRegistration(clerk, "t2d-x", otherProtocol,
                GenesisNodes.fromGenesis(net.layout.genesis())));

        // no identifier of the input patients in any node file, in the released dataset, or in the log
        TreeSet<String> identifiers = new TreeSet<>();
        for (List<JsonNode> resources : patients) {
            identifiers.addAll(IdentifierScan.identifying(resources.stream()
                    .filter(r -> r.path("resourceType").asText().equals("Patient")).findFirst().orElseThrow()));
        }
        assertThat(identifiers).hasSizeGreaterThan(25);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).contains(datasetFile).hasSizeGreaterThan(20);
        }
        List<String> found = new ArrayList<>(IdentifierScan.inFiles(dir, identifiers));
        StringBuilder logText = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            logText.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                logText.append(e.getThrowableProxy().getMessage()).append('\n');
            }
        }
        assertThat(logs.list).as("the log was captured").isNotEmpty();
        found.addAll(IdentifierScan.inText(logText.toString(), "the log", identifiers));
        assertThat(found).as("identifiers of the input Synthea patients").isEmpty();
        // and the scan can fail: the raw bundles carry them
        String raw = new String(CanonicalJson.encode(patients.get(0)), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        assertThat(identifiers).anyMatch(s -> raw.contains(s.toLowerCase(Locale.ROOT)));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static List<JsonNode> resources(String name) {
        JsonNode bundle = CanonicalJson.tree(SyntheaBundles.read(name));
        List<JsonNode> out = new ArrayList<>();
        bundle.path("entry").forEach(e -> out.add(e.path("resource")));
        return out;
    }

    private static byte[] secret() {
        byte[] s = new byte[SubjectIds.SECRET_BYTES];
        RANDOM.nextBytes(s);
        return s;
    }

    private static byte[] studyKeyValue;

    private static synchronized byte[] studyKey() {
        if (studyKeyValue == null) {
            studyKeyValue = secret();
        }
        return studyKeyValue;
    }

    private static String sha(String label) {
        return Hash.sha256(label.getBytes(StandardCharsets.UTF_8)).hex();
    }

    private static byte[] signed(String consent) {
        return ("signed research consent: " + consent).getBytes(StandardCharsets.UTF_8);
    }

    private static void refused(String code, Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(CareledgerException.class,
                x -> assertThat(x.code()).as(x.getMessage()).isEqualTo(code));
    }

    private static TxSigner member(String org, String name, String role) {
        return network.member(org, name, role);
    }

    /** A client of {@code org}'s node sharing the test's read session, so each call sees the writes before it. */
    private static CareledgerClient client(String org) {
        return network.client(org, null);
    }
}
