package org.careledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careledger.client.CareledgerClient;
import org.careledger.client.TxSigner;
import org.careledger.client.research.ResearchClient;
import org.careledger.contracts.research.ResearchArgs;
import org.careledger.contracts.research.SubjectStatus;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.research.Outcome;
import org.careledger.core.research.OutcomeKind;
import org.careledger.core.research.OutcomeSwitching;
import org.careledger.core.research.SubjectIds;
import org.careledger.crypto.x509.KeyFiles;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.network.NetworkLayout;

/**
 * The clinical-research case study on a running network: a sponsor registers a trial, hospital-a records consent and
 * enrols a Synthea patient and a second subject, releases the first one's de-identified records (the dataset's root
 * re-derived from its file), the second subject withdraws and a release including it is refused, an amendment adds an
 * outcome, the results report it instead of the pre-specified primary, and the outcome-switching report catches it.
 */
public final class ResearchDemo {
    private static final String BUNDLE = "/org/careledger/fhir/synthea/synthea-patient-1.json";
    private static final Outcome HBA1C = new Outcome("hba1c", OutcomeKind.PRIMARY,
            "HbA1c change from baseline at 24 weeks", "percent points");
    private static final Outcome WEIGHT = new Outcome("weight", OutcomeKind.SECONDARY, "body weight change", "kg");
    private static final Outcome FPG = new Outcome("fpg", OutcomeKind.PRIMARY, "fasting plasma glucose", "mmol/L");

    private final SecureRandom random = new SecureRandom();
    private final String number;
    private int step;

    /** The research demo as step {@code number} of a longer transcript: sub-steps numbered "9.1", "9.2", …. */
    public ResearchDemo(String number) {
        this.number = number;
    }

    public void run(CareledgerClient client, NetworkLayout layout, Genesis genesis, PrintStream out) {
        GenesisOrg sponsorOrg = genesis.orgs().stream().filter(o -> o.roles().contains("sponsor")).findFirst()
                .orElseThrow(() -> new CareledgerException("DEMO_FAILED", "the research demo needs an org with role"
                        + " sponsor in genesis"));
        GenesisOrg siteOrg = genesis.org(CareDemo.HOSPITAL_A).orElseThrow(() -> new CareledgerException("DEMO_FAILED",
                "the research demo needs org " + CareDemo.HOSPITAL_A));
        TxSigner sponsor = admin(genesis, layout, sponsorOrg);
        TxSigner site = admin(genesis, layout, siteOrg);
        ResearchClient research = new ResearchClient(client);
        byte[] runBytes = new byte[3];
        random.nextBytes(runBytes);
        String studyId = "t2d-" + HexFormat.of().formatHex(runBytes);
        byte[] patientSecret = key();
        byte[] otherSecret = key();
        String subjectA = SubjectIds.of(patientSecret, studyId);
        String subjectB = SubjectIds.of(otherSecret, studyId);
        Path folder = layout.root().resolve("research");
        byte[] protocol = ("# " + studyId + ": drug X in type 2 diabetes\nprotocol version 1\n")
                .getBytes(StandardCharsets.UTF_8);

        step = 0;
        step(out, "Before registration, " + site.signerId() + " cannot enrol anyone");
        expect("RESEARCH_STUDY_UNKNOWN", () -> research.enrol(site, studyId, subjectA), out);

        step(out, sponsor.signerId() + " registers " + studyId + ": the protocol's SHA-256 over its exact bytes"
                + " (text/markdown; charset=UTF-8), the SAP's, primary outcome hba1c, secondary weight");
        var registered = research.register(sponsor, new ResearchArgs.Register(studyId, "Drug X in type 2 diabetes",
                Hash.sha256(protocol).hex(), "text/markdown; charset=UTF-8", Hash.sha256(("SAP of " + studyId)
                .getBytes(StandardCharsets.UTF_8)).hex(), List.of(siteOrg.id()), List.of(HBA1C, WEIGHT), 0));
        out.println("   protocol " + Hash.sha256(protocol).hex() + " registered at height " + registered.height());

        step(out, site.signerId() + " records consent to version 1 and enrols two subjects (per-study subject ids:"
                + " no patient id reaches the ledger)");
        expect("RESEARCH_CONSENT_REQUIRED", () -> {
            research.enrol(site, studyId, subjectA);
            research.transition(site, studyId, subjectA, SubjectStatus.ON_STUDY);
        }, out);
        for (String s : List.of(subjectA, subjectB)) {
            research.consent(site, studyId, s, 1, ("signed consent of " + s).getBytes(StandardCharsets.UTF_8));
            if (!s.equals(subjectA)) {
                research.enrol(site, studyId, s);
            }
            research.transition(site, studyId, s, SubjectStatus.ON_STUDY);
        }
        out.println("   " + subjectA + " and " + subjectB + " ON_STUDY");

        step(out, site.signerId() + " releases " + subjectA + "'s records to " + sponsorOrg.id()
                + ", de-identified (HIPAA Safe Harbor)");
        Map<String, List<JsonNode>> data = new LinkedHashMap<>();
        data.put(subjectA, syntheaResources());
        byte[] studyKey = key();
        var prepared = ResearchClient.prepareRelease(data, studyKey, Year.now(ZoneOffset.UTC).getValue());
        research.release(site, studyId, "r1", 1, prepared);
        Path dataset = folder.resolve(studyId + "-r1.ndjson");
        write(dataset, prepared.dataset().bytes());
        var verified = research.verifyRelease(sponsor, studyId, "r1", read(dataset));
        out.println("   " + verified.recordCount() + " resources, Merkle root " + verified.merkleRoot()
                + ", re-derived from " + dataset + " (purpose " + verified.purpose() + ")");

        step(out, subjectB + " withdraws; a release including it is refused");
        research.withdraw(site, studyId, subjectB, "withdrew consent");
        Map<String, List<JsonNode>> both = new LinkedHashMap<>(data);
        both.put(subjectB, syntheaResources());
        var withWithdrawn = ResearchClient.prepareRelease(both, studyKey, Year.now(ZoneOffset.UTC).getValue());
        expect("RESEARCH_SUBJECT_WITHDRAWN", () -> research.release(site, studyId, "r2", 1, withWithdrawn), out);

        step(out, sponsor.signerId() + " amends the protocol (version 2) to add outcome fpg; the ledger marks the"
                + " outcome change");
        research.amend(sponsor, new ResearchArgs.Amend(studyId, 2, "add fasting plasma glucose",
                Hash.sha256(("protocol v2 of " + studyId).getBytes(StandardCharsets.UTF_8)).hex(), null, null,
                List.of(HBA1C, WEIGHT, FPG), false));
        JsonNode v2 = research.study(sponsor, studyId).versions().get(1);
        out.println("   version 2 outcomesChanged=" + v2.get("outcomesChanged") + " changedOutcomes="
                + v2.get("changedOutcomes"));

        step(out, sponsor.signerId() + " registers results for fpg and weight — not for the pre-specified primary"
                + " hba1c; an undeclared outcome is refused");
        expect("RESEARCH_OUTCOME_UNKNOWN", () -> research.results(sponsor, studyId, List.of(
                new ResearchArgs.OutcomeResult("ldl", "-0.2 mmol/L", null))), out);
        research.results(sponsor, studyId, List.of(new ResearchArgs.OutcomeResult("fpg", "-1.1 mmol/L vs placebo",
                null), new ResearchArgs.OutcomeResult("weight", "-2.0 kg vs placebo", null)));

        step(out, "The outcome-switching report, computed by the node from the ledger alone");
        OutcomeSwitching.Report report = research.report(site, studyId).report();
        out.println("   pre-specified reported: " + report.prespecifiedReported() + ", missing: "
                + report.prespecifiedMissing() + ", primary missing: " + report.primaryMissing());
        report.notPrespecified().forEach(l -> out.println("   not pre-specified: " + l.outcomeId() + " (" + l.kind()
                + ", declared in version " + l.declaredInVersion() + (l.afterFirstRelease() ? ", after data were"
                + " released" : "") + ")"));
        out.println("   switched: " + report.switched());
        if (!report.switched() || !report.primaryMissing().contains("hba1c")) {
            throw new CareledgerException("DEMO_FAILED", "the report did not catch the switched outcome");
        }

        step(out, "The patient finds its research disclosures from its own secret, fetching whole public release lists");
        List<ResearchClient.Disclosure> disclosures = research.disclosures(site, patientSecret);
        disclosures.forEach(d -> out.println("   " + d.releaseId() + " of " + d.studyId() + " to " + d.recipientOrg()
                + " for " + d.purpose() + " at height " + d.height()));
        if (disclosures.size() != 1) {
            throw new CareledgerException("DEMO_FAILED", "expected one research disclosure, found " + disclosures.size());
        }
        out.println();
        out.println("research demo done: study " + studyId + ", dataset " + dataset);
    }

    private static TxSigner admin(Genesis genesis, NetworkLayout layout, GenesisOrg org) {
        return new TxSigner(genesis.chainId(), org.adminId(), KeyFiles.readSigner(layout.adminKey(org.id())));
    }

    private byte[] key() {
        byte[] k = new byte[SubjectIds.SECRET_BYTES];
        random.nextBytes(k);
        return k;
    }

    private static List<JsonNode> syntheaResources() {
        try (InputStream in = ResearchDemo.class.getResourceAsStream(BUNDLE)) {
            if (in == null) {
                throw new CareledgerException("DEMO_FAILED", "the Synthea Bundle " + BUNDLE + " is not on the classpath");
            }
            List<JsonNode> out = new ArrayList<>();
            CanonicalJson.tree(in.readAllBytes()).path("entry").forEach(e -> out.add(e.path("resource")));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expect(String code, Runnable action, PrintStream out) {
        try {
            action.run();
        } catch (CareledgerException e) {
            if (!code.equals(e.code())) {
                throw e;
            }
            out.println("   refused: " + e.code());
            return;
        }
        throw new CareledgerException("DEMO_FAILED", "expected " + code + ", but the ledger accepted it");
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void step(PrintStream out, String title) {
        ++step;
        out.println();
        out.println((number.isEmpty() ? step + ". " : number + "." + step + " ") + title);
    }
}
