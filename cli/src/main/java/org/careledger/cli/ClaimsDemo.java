package org.careledger.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.client.CareledgerClient;
import org.careledger.client.Submissions;
import org.careledger.client.claims.ClaimsClient;
import org.careledger.client.records.PatientWallet;
import org.careledger.client.records.RecordsClient;
import org.careledger.contracts.claims.ClaimArgs;
import org.careledger.contracts.claims.ClaimStates;
import org.careledger.contracts.claims.PreauthStatus;
import org.careledger.core.CareledgerException;
import org.careledger.core.claims.Accumulators;
import org.careledger.core.claims.Adjudication;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimLine;
import org.careledger.core.claims.ServiceCode;
import org.careledger.fhir.FhirR4;
import org.careledger.fhir.claims.ImportedClaim;
import org.careledger.fhir.claims.SyntheaClaims;
import org.careledger.ledger.Genesis;
import org.careledger.node.network.NetworkLayout;

/**
 * The insurance-claims case study (docs/CLAIMS.md) on a running network: insurer-d's rules and a patient's coverage,
 * a prior authorization, the Claims of the patient's Synthea history imported by hospital-a, adjudicated in the
 * coverage's chain and paid, a duplicate and a phantom claim refused, and the patient's explanations of benefit and
 * HPAYMT disclosures. Amounts are printed from the patient's own decrypted copies; the ledger holds none in clear.
 */
final class ClaimsDemo extends DemoAct {
    static final String HOSPITAL = "hospital-a";
    static final String INSURER = "insurer-d";
    private static final ServiceCode MRI = new ServiceCode("http://snomed.info/sct", "241615005");


    ClaimsDemo(NetworkLayout layout, Genesis genesis, CareledgerClient client, PrintStream out, String number) {
        super(layout, genesis, client, out, number);
    }

    void run() {
        for (String org : List.of(HOSPITAL, INSURER)) {
            if (genesis.org(org).isEmpty()) {
                throw new CareledgerException("DEMO_FAILED", "the claims demo needs orgs " + HOSPITAL + " and " + INSURER);
            }
        }
        RecordsClient care = new RecordsClient(client);
        ClaimsClient claims = new ClaimsClient(client);

        step("Members: hospital-a's biller, insurer-d's adjuster");
        CliIdentity biller = member(HOSPITAL, "biller", "practitioner");
        CliIdentity adjuster = member(INSURER, "adjuster", "claims");

        step("A patient is registered at hospital-a, which imports its Synthea history as encrypted records");
        Path walletDir = layout.root().resolve("patients").resolve(Submissions.newId("c-").substring(0, 14));
        PatientWallet wallet = PatientWallet.create(walletDir, genesis.chainId(), new SecureRandom());
        String patientId = wallet.patientId();
        care.registerPatient(biller.signer(), wallet);
        byte[] bundle = requireSyntheaBundle();
        RecordsClient.Imported imported = care.importBundle(biller.author(), wallet, bundle);
        say("patient " + patientId + ": " + imported.resources() + " resources imported");

        step("The patient shares its claims key with hospital-a and insurer-d (HPKE-wrapped for each org)");
        byte[] patientKey = ClaimsClient.newKey();
        for (String org : List.of(HOSPITAL, INSURER)) {
            claims.shareKey(wallet.signer(), patientId, patientKey, org, care.orgEncryptionKey(wallet.signer(), org));
        }
        say("only orgs holding the key can compute the keyed fingerprints that catch duplicate billing");

        step("insurer-d publishes its plan's rules (public) and records the patient's coverage");
        List<ImportedClaim> sources = new SyntheaClaims(FhirR4.shared()).read(bundle);
        TreeMap<String, Long> fees = new TreeMap<>();
        sources.forEach(c -> c.lines().forEach(l -> fees.put(l.service().key(), 12_500L)));
        fees.put(MRI.key(), 60_000L);
        String planId = "plan-" + Submissions.newId("").substring(0, 10);
        BenefitRules rules = new BenefitRules(planId, 1, "2000-01-01", "USD", fees, 50_000, 2_000, 2_000,
                List.of(MRI.key()), new TreeMap<>());
        claims.publishRules(adjuster.signer(), rules);
        String coverageId = "cov-" + Submissions.newId("").substring(0, 10);
        claims.recordCoverage(adjuster.signer(), new ClaimArgs.RecordCoverage(coverageId, patientId, planId,
                "2000-01-01", "2099-12-31", "self"));
        say("plan " + planId + ": " + fees.size() + " fee schedule codes, deductible 500.00 per year, co-pay 20.00,"
                + " co-insurance 20%, MRI needs prior authorization; coverage " + coverageId);

        Map<String, byte[]> readers = new TreeMap<>(Map.of(HOSPITAL, care.orgEncryptionKey(biller.signer(), HOSPITAL),
                INSURER, care.orgEncryptionKey(biller.signer(), INSURER), wallet.identityId(),
                wallet.encryptionKey().publicKey()));
        step("hospital-a asks insurer-d to authorize an MRI; insurer-d approves one, for this year");
        String endOfYear = LocalDate.now(ZoneOffset.UTC).withDayOfYear(1).plusYears(1).minusDays(1).toString();
        ClaimsClient.PreauthRequested pa = claims.requestPreauth(biller.signer(), patientId, coverageId, patientKey,
                Map.of(MRI, 1), readers);
        claims.decidePreauth(adjuster.signer(), pa.preauthId(), PreauthStatus.APPROVED, new TreeMap<>(pa.services()),
                endOfYear);
        say("preauth " + pa.preauthId() + " APPROVED until " + endOfYear + "; the ledger sees a service tag, not MRI");

        step("hospital-a bills the patient's Synthea claims; insurer-d adjudicates each in the coverage's chain, pays");
        Accumulators acc = Accumulators.NONE;
        String previous = null;
        long asked = 0;
        long paid = 0;
        ClaimContent firstClaim = null;
        for (ImportedClaim source : sources) {
            ClaimContent c = source.toContent("clm-" + Submissions.newId("").substring(0, 12), patientId, coverageId,
                    HOSPITAL, imported.recordIds());
            var s = claims.submitClaim(biller.signer(), c, patientKey, readers, null);
            var a = claims.adjudicate(adjuster.signer(), c, patientKey, s.args().lines().stream()
                    .map(ClaimArgs.LineRef::fingerprint).toList(), rules, acc, Map.of(), previous, readers);
            claims.pay(adjuster.signer(), a, LocalDate.now(ZoneOffset.UTC).toString(), "ERA-" + c.claimId());
            acc = a.result().accumulatorsAfter();
            previous = a.adjudicationId();
            asked += c.totalCents();
            paid += a.result().benefit();
            firstClaim = firstClaim == null ? c : firstClaim;
        }
        say(sources.size() + " claims submitted (" + ClaimCommand.money(asked) + " USD, the Bundle's Claim.total sum),"
                + " adjudicated and paid: " + ClaimCommand.money(paid) + " USD benefit");

        step("An MRI today, billed under the prior authorization, adjudicated from the ledger and paid");
        String encounter = care.writeRecord(biller.author(), patientId, wallet.encryptionKey().publicKey(),
                "Encounter", "{\"resourceType\":\"Encounter\",\"status\":\"finished\",\"class\":{\"code\":\"AMB\"}}"
                        .getBytes(StandardCharsets.UTF_8), null, null).recordId();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        ClaimContent mri = new ClaimContent("clm-mri-" + Submissions.newId("").substring(0, 8), patientId, coverageId,
                HOSPITAL, today, "USD", List.of(new ClaimLine(1, MRI, 1, 95_000, encounter, pa.preauthId())),
                List.of(), 95_000, null);
        claims.submitClaim(biller.signer(), mri, patientKey, readers, null);
        ClaimsClient.Adjudicated mriResult = claims.adjudicateFromLedger(adjuster.signer(), INSURER,
                adjuster.requireOrgKey(), mri.claimId(), Map.of(pa.preauthId(), new ClaimsClient.Approved(1,
                        endOfYear)), readers);
        claims.pay(adjuster.signer(), mriResult, today, "ERA-MRI");
        say(mri.claimId() + ": " + ClaimCommand.summary(mriResult.result()));

        step("hospital-a bills the first claim again, then a record that is not on the ledger");
        ClaimContent f = firstClaim;
        expect(() -> claims.submitClaim(biller.signer(), new ClaimContent("clm-dup-" + Submissions.newId("")
                .substring(0, 8), patientId, coverageId, HOSPITAL, f.serviceDate(), f.currency(), f.lines(),
                f.diagnoses(), f.totalCents(), null), patientKey, readers, null), "DUPLICATE_CLAIM",
                "the same service on the same day: DUPLICATE_CLAIM, refused by the contract on every node");
        expect(() -> claims.submitClaim(biller.signer(), new ClaimContent("clm-ph-" + Submissions.newId("")
                .substring(0, 8), patientId, coverageId, HOSPITAL, today, "USD", List.of(new ClaimLine(1,
                new ServiceCode("http://snomed.info/sct", "185349003"), 1, 20_000, "r-not-there", null)), List.of(),
                20_000, null), patientKey, readers, null), "CLAIM_PHANTOM",
                "a line that bills no record hospital-a wrote for the patient: CLAIM_PHANTOM (phantom billing)");

        step("The patient reads its explanations of benefit (decrypted with its own key) and its HPAYMT disclosures");
        List<ClaimStates.Claim> mine = claims.claims(wallet.signer(), patientId);
        long share = 0;
        int paidClaims = 0;
        for (ClaimStates.Claim c : mine) {
            var view = claims.claim(wallet.signer(), c.claimId());
            Adjudication eob = claims.openAdjudication(wallet.signer(), ClaimsClient.adjudications(view).getLast(),
                    wallet.identityId(), wallet.encryptionKey()).value();
            share += eob.patientShare();
            paidClaims += c.status() == org.careledger.contracts.claims.ClaimStatus.PAID ? 1 : 0;
        }
        say(mine.size() + " claims, " + paidClaims + " PAID; the patient owes " + ClaimCommand.money(share)
                + " USD in all (deductible, co-pay, co-insurance and what the plan does not cover)");
        var report = care.disclosures(wallet.signer(), patientId);
        long hpaymt = 0;
        for (var d : report.disclosures()) {
            hpaymt += "HPAYMT".equals(d.disclosure().purpose()) ? 1 : 0;
        }
        if (hpaymt == 0 || paidClaims != sources.size() + 1) {
            throw new CareledgerException("DEMO_FAILED", "expected " + (sources.size() + 1) + " paid claims and"
                    + " HPAYMT disclosures, got " + paidClaims + " and " + hpaymt);
        }
        say(hpaymt + " disclosures of billed records for payment (HPAYMT) in the patient's accounting, each with its"
                + " transaction's proof");
        out.println();
        out.println("   Claims demo done.");
    }

    private void expect(Runnable call, String code, String what) {
        try {
            call.run();
        } catch (CareledgerException e) {
            if (!e.code().equals(code)) {
                throw e;
            }
            say(what);
            return;
        }
        throw new CareledgerException("DEMO_FAILED", "expected " + code + ", the ledger accepted it");
    }
}
