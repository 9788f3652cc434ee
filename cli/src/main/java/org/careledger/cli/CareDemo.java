package org.careledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.careledger.api.records.AccessResult;
import org.careledger.api.records.DisclosureList;
import org.careledger.api.records.ProvenDisclosure;
import org.careledger.client.CareledgerClient;
import org.careledger.client.ReadSession;
import org.careledger.client.Submissions;
import org.careledger.client.consent.ConsentClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.audit.Disclosure;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.core.CareledgerException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.ledger.Genesis;
import org.careledger.ledger.GenesisOrg;
import org.careledger.node.network.NetworkLayout;

/**
 * The patient-records case study, on a running network: a patient registered at hospital-a, history imported through
 * hospital-a's FHIR gateway (posted twice: the second time creates nothing), a denied (and audited) read by
 * hospital-b, consent, a granted read (also as {@code $everything} through hospital-b's gateway), a lab result, a
 * break-glass read queued for review, the patient's accounting of disclosures, and an erasure.
 */
public final class CareDemo extends DemoAct {
    static final String HOSPITAL_A = "hospital-a";
    static final String HOSPITAL_B = "hospital-b";

    private final RecordsClient care;

    private CareDemo(NetworkLayout layout, Genesis genesis, CareledgerClient client, PrintStream out, String number) {
        // a read session, so a read through this node sees what the gateways wrote through theirs
        super(layout, genesis, client.session() == null ? client.withSession(new ReadSession()) : client, out, number);
        this.care = new RecordsClient(this.client);
    }

    /** Runs the case study against the node behind {@code client}; throws DEMO_FAILED if a step does not behave. */
    public static void run(NetworkLayout layout, Genesis genesis, CareledgerClient client, PrintStream out) {
        run(layout, genesis, client, out, "");
    }

    /**
     * As {@link #run(NetworkLayout, Genesis, CareledgerClient, PrintStream)}, numbering its steps as sub-steps of
     * step {@code number} of a longer transcript ("7.1", "7.2", …); an empty {@code number} numbers them 1., 2., ….
     */
    public static void run(NetworkLayout layout, Genesis genesis, CareledgerClient client, PrintStream out, String number) {
        new CareDemo(layout, genesis, client, out, number).run();
    }

    private void run() {
        for (String org : List.of(HOSPITAL_A, HOSPITAL_B)) {
            if (genesis.org(org).isEmpty()) {
                throw new CareledgerException("DEMO_FAILED", "the care demo needs orgs hospital-a and hospital-b");
            }
        }
        Optional<GenesisOrg> lab = genesis.orgs().stream().filter(o -> o.roles().contains("lab")).findFirst();

        step("Members: practitioners, an emergency physician, an auditor" + (lab.isPresent() ? ", a lab tech" : ""));
        CliIdentity drAmes = member(HOSPITAL_A, "dr-ames", "practitioner");
        CliIdentity auditor = member(HOSPITAL_A, "audit-1", "auditor");
        CliIdentity drLee = member(HOSPITAL_B, "dr-lee", "practitioner");
        CliIdentity erKim = member(HOSPITAL_B, "er-kim", "practitioner,emergency");
        CliIdentity labTech = lab.map(o -> member(o.id(), "tech-1", "lab-tech")).orElse(null);

        step("A patient is registered at hospital-a (pseudonymous wallet, keys stay with the patient)");
        Path walletDir = layout.root().resolve("patients").resolve(Submissions.newId("w-").substring(0, 14));
        PatientWallet wallet = PatientWallet.create(walletDir, genesis.chainId(), new SecureRandom());
        care.registerPatient(drAmes.signer(), wallet);
        say("patient " + wallet.patientId() + ", wallet " + walletDir);

        step("hospital-a imports the patient's history through its FHIR gateway: one encrypted record per resource");
        byte[] history = syntheaBundle().orElseGet(CareDemo::builtInBundle);
        try (DemoGateway gatewayA = DemoGateway.start(layout, HOSPITAL_A, "dr-ames", client.baseUrl(), client.session())) {
            say("FHIR R4 gateway of hospital-a (as dr-ames) at " + gatewayA.baseUrl());
            DemoGateway.Import first = gatewayA.importBundle(wallet.patientId(), history);
            say(String.format(Locale.ROOT, "POST [base] with a transaction Bundle of %d entries: %d created in %.1f s"
                    + " (%.0f resources/s)", first.entries(), first.created(), first.seconds(),
                    first.entries() / first.seconds()));
            DemoGateway.Import again = gatewayA.importBundle(wallet.patientId(), history);
            if (again.created() != 0 || again.alreadyPresent() != first.created()) {
                throw new CareledgerException("DEMO_FAILED", "posting the Bundle again created " + again.created()
                        + " record(s)");
            }
            say("posted again: nothing new, " + again.alreadyPresent() + " already present (exactly once)");
        }
        List<RecordMeta> records = care.records(wallet.signer(), wallet.patientId());
        RecordMeta observation = first(records, "Observation");
        RecordMeta other = records.stream().filter(r -> !r.recordType().equals("Observation")
                && !r.recordType().equals("Patient")).findFirst().orElse(first(records, "Patient"));
        say(records.size() + " records on the ledger as ids, types and hashes; content only as ciphertext blobs");

        step("hospital-b's dr-lee asks for an Observation without consent");
        try {
            care.read(drLee.signer(), observation.recordId(), "TREAT", null);
            throw new CareledgerException("DEMO_FAILED", "hospital-b read without consent");
        } catch (CareledgerException e) {
            expect(e, "ACCESS_DENIED");
            say("denied and audited: " + e.code() + " — " + e.getMessage());
        }

        step("The patient grants hospital-b its Observations for treatment");
        String grantId = new ConsentClient(care.http()).grant(wallet, HOSPITAL_B, List.of("Observation"), null, "TREAT", null);
        say("grant " + grantId + ": the wallet re-wrapped each Observation's data key for hospital-b's key");

        step("dr-lee reads again, and decrypts with hospital-b's key");
        AccessResult a = care.read(drLee.signer(), observation.recordId(), "TREAT", null);
        JsonNode resource = CanonicalJson.tree(RecordsClient.open(a, HOSPITAL_B, drLee.requireOrgKey()));
        say(a.decision() + ": decrypted " + resource.path("resourceType").asText() + " \""
                + resource.path("code").path("text").asText(resource.path("code").path("coding").path(0)
                .path("display").asText("")) + "\"; access tx " + a.txId().substring(0, 16) + "… at height "
                + a.height() + " with an inclusion proof of " + a.tx().proof().path().size() + " hashes");

        try (DemoGateway gatewayB = DemoGateway.start(layout, HOSPITAL_B, "dr-lee", client.baseUrl(), client.session())) {
            JsonNode everything = gatewayB.everything(wallet.patientId());
            long observations = 0;
            for (JsonNode e : everything.path("entry")) {
                if ("Observation".equals(e.path("resource").path("resourceType").asText())) {
                    observations++;
                }
            }
            if (observations == 0 || observations != everything.path("entry").size()) {
                throw new CareledgerException("DEMO_FAILED", "hospital-b's $everything did not return exactly the"
                        + " granted Observations");
            }
            say("GET Patient/" + wallet.patientId() + "/$everything through hospital-b's FHIR gateway: "
                    + observations + " Observations (what the grant covers), decrypted, in one audited access");
        }

        if (labTech != null) {
            step(labTech.org() + " posts a lab result; the patient shares it with hospital-a, which reads it");
            String labId = care.writeRecord(labTech.author(), wallet.patientId(), wallet.encryptionKey().publicKey(),
                    "Observation", LAB_RESULT.getBytes(StandardCharsets.UTF_8), null, null).recordId();
            new ConsentClient(care.http()).grant(wallet, HOSPITAL_A, null, List.of(labId), "TREAT", null);
            AccessResult la = care.read(drAmes.signer(), labId, "TREAT", null);
            JsonNode lr = CanonicalJson.tree(RecordsClient.open(la, HOSPITAL_A, drAmes.requireOrgKey()));
            say("lab record " + labId + " " + la.decision() + " to hospital-a: "
                    + lr.path("code").path("text").asText() + " = " + lr.path("valueQuantity").path("value").asText()
                    + " " + lr.path("valueQuantity").path("unit").asText());
        }

        step("Emergency: hospital-b's er-kim breaks the glass on a " + other.recordType() + " (not consented)");
        AccessResult served = care.read(erKim.signer(), other.recordId(), "ETREAT", "unconscious patient in the ED");
        AccessResult bg;
        try {
            // answered by a node other than the custodian's: that node re-wraps the key for this committed access
            bg = RecordsClient.withCustodianKeys(served, HOSPITAL_B, () -> NodeUrls.nodeOf(genesis, served.authorOrg(), client.trust(), erKim.signer()));
        } catch (CareledgerException e) {
            bg = served;
        }
        try {
            JsonNode r = CanonicalJson.tree(RecordsClient.open(bg, HOSPITAL_B, erKim.requireOrgKey()));
            say(bg.decision() + ", flagged; decrypted " + r.path("resourceType").asText() + " (data key re-wrapped by "
                    + bg.keysRewrappedBy() + "'s node, the custodian)");
        } catch (CareledgerException e) {
            say(bg.decision() + ", flagged; cannot decrypt here (" + e.code() + "): only the custodian "
                    + bg.authorOrg() + "'s node can re-wrap the key for hospital-b");
        }
        JsonNode queue = care.reviewQueue(auditor.signer(), bg.authorOrg());
        say(bg.authorOrg() + "'s review queue holds " + queue.get("count").asInt() + " break-glass access(es)");

        step("The patient's accounting of disclosures");
        DisclosureList d = care.disclosures(wallet.signer(), wallet.patientId());
        int granted = 0;
        int denied = 0;
        // one line per kind of disclosure: $everything disclosed every granted Observation at once
        java.util.Map<String, Integer> kinds = new java.util.LinkedHashMap<>();
        for (ProvenDisclosure p : d.disclosures()) {
            Disclosure x = p.disclosure();
            if (x.granted()) {
                granted++;
            } else {
                denied++;
            }
            kinds.merge(x.accessor() + " " + x.decision() + " " + x.recordType() + " (" + x.purpose() + ")"
                    + (x.breakGlass() ? " BREAK-GLASS" : ""), 1, Integer::sum);
        }
        kinds.forEach((kind, n) -> say("  " + kind + (n > 1 ? " ×" + n : "")));
        JsonNode fhir = care.disclosuresFhir(wallet.signer(), wallet.patientId());
        long auditEvents = 0;
        for (JsonNode e : fhir.path("entry")) {
            if ("AuditEvent".equals(e.path("resource").path("resourceType").asText())) {
                auditEvents++;
            }
        }
        say(granted + " granted, " + denied + " denied; as FHIR: a " + fhir.path("type").asText() + " Bundle of "
                + auditEvents + " AuditEvents");

        step("The patient erases the Observation; reading it again fails");
        List<String> rekeyed = new ConsentClient(care.http()).eraseWithGrantKeys(wallet.signer(), wallet.patientId(), observation.recordId(),
                "patient request");
        say("ciphertext and key bundle purged on every node; its data key taken out of " + rekeyed.size()
                + " grant(s) still in force");
        try {
            care.read(drLee.signer(), observation.recordId(), "TREAT", null);
            throw new CareledgerException("DEMO_FAILED", "an erased record was served");
        } catch (CareledgerException e) {
            expect(e, "RECORD_ERASED");
            say(e.code() + ": " + e.getMessage());
        }
        out.println();
        out.println("Care demo done: consent, audit, break-glass and erasure behaved as specified.");
    }

    /** The built-in resources as a FHIR transaction Bundle, for a CLI jar without the Synthea Bundle. */
    private static byte[] builtInBundle() {
        StringBuilder b = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
        for (int i = 0; i < BUILT_IN.length; i++) {
            JsonNode r = CanonicalJson.tree(BUILT_IN[i][1].getBytes(StandardCharsets.UTF_8));
            b.append(i == 0 ? "" : ",").append("{\"fullUrl\":\"urn:uuid:demo-").append(r.path("id").asText())
                    .append("\",\"resource\":").append(BUILT_IN[i][1]).append(",\"request\":{\"method\":\"POST\","
                            + "\"url\":\"").append(BUILT_IN[i][0]).append("\"}}");
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static RecordMeta first(List<RecordMeta> records, String type) {
        return records.stream().filter(r -> r.recordType().equals(type)).findFirst().orElseThrow(() ->
                new CareledgerException("DEMO_FAILED", "the patient has no " + type + " record"));
    }

    private static void expect(CareledgerException e, String code) {
        if (!e.code().equals(code)) {
            throw e;
        }
    }

    static final String LAB_RESULT = "{\"resourceType\":\"Observation\",\"id\":\"lab-hba1c-1\",\"status\":\"final\","
            + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\",\"display\":\"Hemoglobin A1c\"}],"
            + "\"text\":\"HbA1c\"},\"valueQuantity\":{\"value\":6.1,\"unit\":\"%\",\"system\":\"http://unitsofmeasure.org\","
            + "\"code\":\"%\"}}";

    private static final String[][] BUILT_IN = {
            {"Patient", "{\"resourceType\":\"Patient\",\"id\":\"demo-patient\",\"gender\":\"female\","
                    + "\"birthDate\":\"1970-01-01\"}"},
            {"Condition", "{\"resourceType\":\"Condition\",\"id\":\"demo-cond-1\",\"code\":{\"coding\":[{\"system\":"
                    + "\"http://snomed.info/sct\",\"code\":\"44054006\",\"display\":\"Diabetes mellitus type 2\"}],"
                    + "\"text\":\"Diabetes mellitus type 2\"},\"subject\":{\"reference\":\"Patient/demo-patient\"}}"},
            {"Observation", "{\"resourceType\":\"Observation\",\"id\":\"demo-obs-1\",\"status\":\"final\",\"code\":"
                    + "{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\",\"display\":\"Systolic blood"
                    + " pressure\"}],\"text\":\"Systolic blood pressure\"},\"subject\":{\"reference\":"
                    + "\"Patient/demo-patient\"},\"valueQuantity\":{\"value\":128,\"unit\":\"mm[Hg]\"}}"},
    };
}
