package org.careledger.contracts.claims;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careledger.contracts.records.CareWorld;
import org.careledger.contracts.records.FakeLedger;
import org.careledger.core.Hash;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.claims.ClaimFingerprints;
import org.careledger.core.claims.ServiceCode;
import org.careledger.core.contract.Identity;

/**
 * The care world of the records tests plus two insurers, a patient with coverage under a published plan and
 * shorthands for the claims transactions. Block time starts on 2023-11-14 (UTC).
 */
final class ClaimsWorld {
    static final String SNOMED = "http://snomed.info/sct";
    static final ServiceCode CHECKUP = new ServiceCode(SNOMED, "410620009");
    static final ServiceCode MRI = new ServiceCode(SNOMED, "241615005");
    static final ServiceCode XRAY = new ServiceCode(SNOMED, "399208008");
    static final String TODAY = "2023-11-14";
    static final long DAY = 86_400_000L;

    final CareWorld care = new CareWorld();
    final FakeLedger ledger = care.ledger;
    final ClaimsContract claims = new ClaimsContract();
    final Identity adjuster;
    final Identity insurerAdmin;
    final Identity otherInsurer;
    final Identity patient;
    final String patientId = "p-claims01";
    /** The patient's claims key: the fingerprints of every test claim are computed under it. */
    final byte[] patientKey = Hash.sha256("claims-key".getBytes(StandardCharsets.UTF_8)).bytes();
    private int blobs;

    ClaimsWorld() {
        care.org("insurer-e", "insurer");
        care.org("insurer-f", "insurer");
        adjuster = care.member("insurer-e/adjuster", "claims");
        insurerAdmin = care.admin("insurer-e", "insurer");
        otherInsurer = care.member("insurer-f/adjuster", "claims");
        patient = care.patient(patientId);
    }

    /** A fresh blob hash each call (blobs are attached once). */
    String blob() {
        return CareWorld.blob("claims-blob-" + blobs++);
    }

    BenefitRules rules(int version, String effectiveFrom) {
        TreeMap<String, Long> fees = new TreeMap<>(Map.of(CHECKUP.key(), 10_000L, MRI.key(), 50_000L,
                XRAY.key(), 8_000L));
        return new BenefitRules("plan-gold", version, effectiveFrom, "USD", fees, 20_000, 1_000, 2_000,
                List.of(MRI.key()), new TreeMap<>(Map.of(XRAY.key(), 2)));
    }

    /** Plan v1 from today, the patient covered for 2023-2024, its key shared with both hospitals and the insurer. */
    ClaimsWorld covered() {
        ledger.ok(claims, adjuster, "publishRules", new ClaimArgs.PublishRules(rules(1, TODAY)));
        ledger.ok(claims, adjuster, "recordCoverage", new ClaimArgs.RecordCoverage("cov-1", patientId, "plan-gold",
                "2023-01-01", "2024-12-31", "self"));
        for (String org : List.of("hospital-a", "hospital-b", "insurer-e")) {
            ledger.ok(claims, patient, "shareKey", new ClaimArgs.ShareKey(patientId, org, blob()));
        }
        return this;
    }

    String fp(ServiceCode code, String day) {
        return ClaimFingerprints.fingerprint(patientKey, code, day);
    }

    String tag(ServiceCode code) {
        return ClaimFingerprints.serviceTag(patientKey, code);
    }

    ClaimArgs.SubmitClaim claim(String claimId, String day, ClaimArgs.LineRef... lines) {
        return new ClaimArgs.SubmitClaim(claimId, patientId, "cov-1", day, new ArrayList<>(List.of(lines)), blob(),
                blob(), blob(), null);
    }

    ClaimArgs.LineRef line(String recordId, ServiceCode code, String day) {
        return new ClaimArgs.LineRef(recordId, fp(code, day), null, null);
    }

    ClaimArgs.LineRef preauthLine(String recordId, ServiceCode code, String day, String preauthId) {
        return new ClaimArgs.LineRef(recordId, fp(code, day), preauthId, tag(code));
    }

    ClaimArgs.Adjudicate adjudication(String claimId, String adjudicationId, int version, String previous) {
        return new ClaimArgs.Adjudicate(claimId, adjudicationId, version, previous, blob(), blob(), blob());
    }

    ClaimStates.Claim stored(String claimId) {
        return ledger.read(ClaimKeys.claim(claimId), ClaimStates.Claim.class);
    }

    ClaimStates.Preauth preauth(String preauthId) {
        return ledger.read(ClaimKeys.preauth(preauthId), ClaimStates.Preauth.class);
    }

    FakeLedger.Outcome run(Identity signer, String method, Object args) {
        return ledger.run(claims, signer, method, args);
    }

    void ok(Identity signer, String method, Object args) {
        ledger.ok(claims, signer, method, args);
    }
}
