package org.careledger.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.careledger.client.CareledgerClient;
import org.careledger.client.Submissions;
import org.careledger.client.publichealth.PublicHealthClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.publichealth.HealthStates;
import org.careledger.contracts.publichealth.ReportStatus;
import org.careledger.core.CareledgerException;
import org.careledger.core.publichealth.PublishedTable;
import org.careledger.core.publichealth.Trigger;
import org.careledger.core.publichealth.TriggerList;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.network.NetworkLayout;

/**
 * The public-health case study (docs/PUBLIC_HEALTH.md), on a running network: the authority's trigger list and linkage
 * key, one Synthea patient imported at hospital-a and at hospital-b with case reports made automatically, the two
 * pseudonyms linked to one person, the reportability responses, the outbreak view, an aggregate whose small cells are
 * suppressed, and the PUBHLTH disclosures in the patient's report.
 */
final class HealthDemo extends DemoAct {

    HealthDemo(NetworkLayout layout, Genesis genesis, CareledgerClient client, PrintStream out, String number) {
        super(layout, genesis, client, out, number);
    }

    void run() {
        GenesisOrg authorityOrg = genesis.orgs().stream().filter(o -> o.roles().contains("authority")).findFirst()
                .orElseThrow(() -> new CareledgerException("DEMO_FAILED", "the health demo needs an org with role"
                        + " authority"));
        byte[] synthea = requireSyntheaBundle();

        step("Members: a physician at each hospital, an epidemiologist at " + authorityOrg.id());
        CliIdentity drHale = member(CareDemo.HOSPITAL_A, "dr-hale", "practitioner");
        CliIdentity drMoss = member(CareDemo.HOSPITAL_B, "dr-moss", "practitioner");
        CliIdentity epi = member(authorityOrg.id(), "epi-1", "epidemiologist");

        step("The authority publishes trigger list v1 and the linkage key of epoch 1 for both hospitals");
        PublicHealthClient health = new PublicHealthClient(client);
        TriggerList list = new TriggerList(1, 0, List.of(new Trigger(TriggerList.LOINC, "8310-5", "febrile-illness"),
                new Trigger(TriggerList.SNOMED, "66383009", "gingivitis")));
        health.publishTriggers(epi.signer(), list);
        byte[] key = PublicHealthClient.newLinkageKey();
        for (String org : List.of(CareDemo.HOSPITAL_A, CareDemo.HOSPITAL_B)) {
            health.distributeKey(epi.signer(), 1, key, org);
        }
        list.triggers().forEach(t -> say(t.key() + " -> " + t.condition()));
        say("linkage key wrapped for hospital-a and hospital-b; no other node operator can compute a token");

        step("The same person is seen at hospital-a and at hospital-b; each import reports automatically");
        PatientWallet atA = importAt(drHale, synthea, "a");
        PatientWallet atB = importAt(drMoss, synthea, "b");

        step("The authority opens the reports and links them without a name on the ledger");
        List<PublicHealthClient.Opened> opened = health.open(epi.author(), ReportStatus.SUBMITTED);
        Set<String> tokens = new TreeSet<>();
        opened.forEach(o -> tokens.add(o.content().linkageToken()));
        say(opened.size() + " reports from " + atA.patientId() + " (hospital-a) and " + atB.patientId()
                + " (hospital-b): " + tokens.size() + " linkage token" + (tokens.size() == 1 ? "" : "s")
                + " -> one person");
        if (tokens.size() != 1) {
            throw new CareledgerException("DEMO_FAILED", "the same person was not linked once");
        }
        health.respond(epi.signer(), opened.stream().map(o -> o.state().reportId()).toList(), ReportStatus.REPORTABLE);
        say("all answered REPORTABLE");

        step("Outbreak view: new cases per condition, week and area, the linked person counted once");
        health.outbreak(epi.author()).forEach((c, weeks) -> weeks.forEach((week, areas) -> areas.forEach((area, n) ->
                say(c + " " + week + " " + area + ": " + n))));

        step("The aggregate, published as a FHIR MeasureReport: every small cell suppressed");
        long end = opened.stream().mapToLong(o -> o.state().reportedAtMillis()).max().orElse(0) + 1;
        HealthStates.Aggregate a = health.publishAggregate(epi.author(), "agg-" + Submissions.newId("d")
                .substring(0, 10), 0, end).aggregate();
        say(a.cases() + " cases from " + a.reportIds().size() + " reports; every node checked the suppression rule");
        for (PublishedTable t : a.tables()) {
            say(t.condition() + ": " + t.suppressedCount() + " of " + (t.weeks().size() + 1) * (t.areas().size() + 1)
                    + " counts suppressed, total " + (t.total() == null ? "<suppressed>" : t.total()));
        }

        step("The patient's disclosure report shows each case report (purpose PUBHLTH, no consent needed)");
        var d = new RecordsClient(client).disclosures(atA.signer(), atA.patientId());
        int pubhlth = 0;
        for (var e : d.disclosures()) {
            if (e.disclosure().purpose().equals("PUBHLTH")) {
                pubhlth++;
            }
        }
        say(pubhlth + " PUBHLTH disclosures to " + authorityOrg.id() + " in " + atA.patientId() + "'s report");
        out.println();
        out.println("Health demo done: reports made automatically, linked once, aggregated with small cells suppressed.");
    }

    private PatientWallet importAt(CliIdentity doctor, byte[] bundle, String tag) {
        Path walletDir = layout.root().resolve("patients").resolve(Submissions.newId("h" + tag + "-").substring(0, 14));
        PatientWallet wallet = PatientWallet.create(walletDir, genesis.chainId(), new SecureRandom());
        RecordsClient records = new RecordsClient(client);
        PublicHealthClient reporter = new PublicHealthClient(client);
        records.withHook(reporter.hook(doctor.author()));
        records.registerPatient(doctor.signer(), wallet);
        RecordsClient.Imported imported = records.importBundle(doctor.author(), wallet, bundle);
        if (!reporter.failures().isEmpty()) {
            throw new CareledgerException("DEMO_FAILED", "a case report failed: " + reporter.failures().get(0));
        }
        say(doctor.org() + " imported " + imported.resources() + " resources of " + wallet.patientId() + ": "
                + reporter.reported().size() + " case reports, sealed for the authority");
        return wallet;
    }
}
