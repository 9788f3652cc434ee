package org.careledger.client.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.careledger.api.SubmitResponse;
import org.careledger.api.Wait;
import org.careledger.api.claims.ClaimBlob;
import org.careledger.api.claims.ClaimList;
import org.careledger.api.claims.ClaimView;
import org.careledger.api.claims.CoverageView;
import org.careledger.client.CareledgerClient;
import org.careledger.client.Submissions;
import org.careledger.client.TxSigner;
import org.careledger.contracts.claims.ClaimArgs;
import org.careledger.contracts.claims.ClaimStates;
import org.careledger.contracts.claims.ClaimsContract;
import org.careledger.contracts.claims.PreauthStatus;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.claims.Accumulators;
import org.careledger.core.claims.Adjudication;
import org.careledger.core.claims.Adjudicator;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimFingerprints;
import org.careledger.core.claims.ClaimLine;
import org.careledger.core.claims.Commitments;
import org.careledger.core.claims.Eligibility;
import org.careledger.core.claims.PreauthApproval;
import org.careledger.core.claims.ServiceCode;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.envelope.EncryptionKeyPair;

/**
 * Contract {@code claims} from Java, each flow of docs/CLAIMS.md as one signed transaction: the patient shares its
 * claims key, the insurer records coverage and publishes rules, the provider asks for prior authorization and submits
 * claims (sealed, with keyed fingerprints and a commitment), the insurer checks the fingerprints, runs the
 * {@link Adjudicator} here and commits its result, pays; provider or patient appeal. Plaintext stays in this process.
 *
 * <p>Readers of sealed values are given as reader id ({@code hospital-a}, {@code patient/p-…}) → X25519 public key;
 * the caller passes the provider, the insurer and the patient. A rejected transaction throws its error code.
 */
public final class ClaimsClient {
    /** The client-side refusal to adjudicate a claim whose fingerprints do not match its content. */
    public static final String CLAIM_FINGERPRINT_MISMATCH = "CLAIM_FINGERPRINT_MISMATCH";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CareledgerClient client;

    public ClaimsClient(CareledgerClient client) {
        this.client = client;
    }

    /** The node, with requests signed as the identity that signs the transaction they carry. */
    public CareledgerClient as(TxSigner caller) {
        return client.as(caller.requestSigner());
    }

    /** A fresh 32-byte patient claims key (made once by the patient's wallet) or commitment nonce. */
    public static byte[] newKey() {
        byte[] key = new byte[ClaimFingerprints.KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** {@code shareKey}: the patient (or a guardian) wraps its claims key for an org and publishes it as a blob. */
    public SubmitResponse shareKey(TxSigner patientOrGuardian, String patientId, byte[] patientKey, String org,
                                   byte[] orgPublicKey) {
        byte[] blob = ClaimSealer.wrapPatientKey(patientKey, patientId, org, orgPublicKey);
        return withBlobs(patientOrGuardian, "shareKey", new ClaimArgs.ShareKey(patientId, org,
                Hash.sha256(blob).hex()), List.of(blob));
    }

    /** {@code recordCoverage}, by the insurer. */
    public SubmitResponse recordCoverage(TxSigner insurer, ClaimArgs.RecordCoverage coverage) {
        return submit(insurer, "recordCoverage", coverage);
    }

    /** {@code endCoverage}, by the coverage's insurer. */
    public SubmitResponse endCoverage(TxSigner insurer, String coverageId, String endOn) {
        return submit(insurer, "endCoverage", new ClaimArgs.EndCoverage(coverageId, endOn));
    }

    /** {@code publishRules}: the plan's next rules version, in clear (a price list is the insurer's, not a patient's). */
    public SubmitResponse publishRules(TxSigner insurer, BenefitRules rules) {
        return submit(insurer, "publishRules", new ClaimArgs.PublishRules(rules));
    }

    /** A preauth as asked: its id, the units asked per service tag, and the transaction's response. */
    public record PreauthRequested(String preauthId, SortedMap<String, Integer> services, SubmitResponse response) {}

    /**
     * {@code requestPreauth}, by the provider: the services (code → units) go sealed to {@code readers}; the ledger
     * sees only their service tags under the patient's claims key.
     */
    public PreauthRequested requestPreauth(TxSigner provider, String patientId, String coverageId, byte[] patientKey,
                                           Map<ServiceCode, Integer> services, Map<String, byte[]> readers) {
        String preauthId = Submissions.newId("pa-");
        SortedMap<String, Integer> byTag = new TreeMap<>();
        SortedMap<String, Integer> byCode = new TreeMap<>();
        services.forEach((code, units) -> {
            byTag.put(ClaimFingerprints.serviceTag(patientKey, code), units);
            byCode.put(code.key(), units);
        });
        ClaimSealer.Sealed sealed = ClaimSealer.seal(ClaimSealer.preauthContext(preauthId), byCode, newKey(), readers);
        SubmitResponse r = withBlobs(provider, "requestPreauth", new ClaimArgs.RequestPreauth(preauthId, patientId,
                coverageId, byTag, sealed.ciphertextSha256(), sealed.keysSha256()),
                List.of(sealed.ciphertext(), sealed.keys()));
        return new PreauthRequested(preauthId, byTag, r);
    }

    /** {@code decidePreauth}, by the insurer: units approved per service tag (none when DENIED) and the expiry day. */
    public SubmitResponse decidePreauth(TxSigner insurer, String preauthId, PreauthStatus decision,
                                        SortedMap<String, Integer> approvedByTag, String expiresOn) {
        return submit(insurer, "decidePreauth", new ClaimArgs.DecidePreauth(preauthId, decision,
                approvedByTag == null ? new TreeMap<>() : approvedByTag, expiresOn, null, null));
    }

    /** A submitted claim: the public lines, the commitment's nonce (kept by the provider) and the response. */
    public record Submitted(String claimId, ClaimArgs.SubmitClaim args, byte[] nonce, SubmitResponse response) {}

    /** The public arguments and blobs of a claim, sealed; pure, so tests and batch importers can use it. */
    public record SealedClaim(ClaimArgs.SubmitClaim args, ClaimSealer.Sealed sealed, byte[] nonce) {}

    /** Seals a claim's content for {@code readers} and computes its lines' fingerprints and tags and its commitment. */
    public static SealedClaim sealClaim(ClaimContent content, byte[] patientKey, Map<String, byte[]> readers,
                                        String correctsClaimId) {
        byte[] nonce = newKey();
        ClaimSealer.Sealed sealed = ClaimSealer.seal(ClaimSealer.claimContext(content.claimId()), content, nonce,
                readers);
        List<ClaimArgs.LineRef> lines = new ArrayList<>();
        for (ClaimLine line : content.lines()) {
            lines.add(new ClaimArgs.LineRef(line.recordId(),
                    ClaimFingerprints.fingerprint(patientKey, line.service(), content.serviceDate()), line.preauthId(),
                    line.preauthId() == null ? null : ClaimFingerprints.serviceTag(patientKey, line.service())));
        }
        ClaimArgs.SubmitClaim args = new ClaimArgs.SubmitClaim(content.claimId(), content.patientId(),
                content.coverageId(), content.serviceDate(), lines, sealed.ciphertextSha256(), sealed.keysSha256(),
                Commitments.commit(nonce, content), correctsClaimId);
        return new SealedClaim(args, sealed, nonce);
    }

    /** {@code submitClaim}, by the provider org named in the content ({@code correctsClaimId} null unless a correction). */
    public Submitted submitClaim(TxSigner provider, ClaimContent content, byte[] patientKey,
                                 Map<String, byte[]> readers, String correctsClaimId) {
        SealedClaim s = sealClaim(content, patientKey, readers, correctsClaimId);
        SubmitResponse r = withBlobs(provider, "submitClaim", s.args(),
                List.of(s.sealed().ciphertext(), s.sealed().keys()));
        return new Submitted(content.claimId(), s.args(), s.nonce(), r);
    }

    /** An adjudication as committed: its id, the result, the nonce of its commitment and the response. */
    public record Adjudicated(String adjudicationId, Adjudication result, byte[] nonce, ClaimArgs.Adjudicate args,
                              SubmitResponse response) {}

    /** The insurer's side of a sealed adjudication, without submitting it; pure. */
    public static Adjudicated prepareAdjudication(String adjudicationId, ClaimContent claim, byte[] patientKey,
                                                  List<String> committedFingerprints, BenefitRules rules,
                                                  Accumulators before, Map<String, PreauthApproval> approvals,
                                                  String previousAdjudicationId, Map<String, byte[]> readers,
                                                  List<byte[]> blobsOut) {
        String mismatch = ClaimFingerprints.mismatch(patientKey, claim, committedFingerprints);
        if (mismatch != null) {
            throw new CareledgerException(CLAIM_FINGERPRINT_MISMATCH, "claim " + claim.claimId()
                    + " is not adjudicated: " + mismatch);
        }
        Adjudication result = Adjudicator.adjudicate(claim, rules, before, approvals);
        byte[] nonce = newKey();
        ClaimSealer.Sealed sealed = ClaimSealer.seal(ClaimSealer.adjudicationContext(adjudicationId), result, nonce,
                readers);
        blobsOut.add(sealed.ciphertext());
        blobsOut.add(sealed.keys());
        ClaimArgs.Adjudicate args = new ClaimArgs.Adjudicate(claim.claimId(), adjudicationId, rules.version(),
                previousAdjudicationId, sealed.ciphertextSha256(), sealed.keysSha256(),
                Commitments.commit(nonce, result));
        return new Adjudicated(adjudicationId, result, nonce, args, null);
    }

    /**
     * {@code adjudicate}, by the coverage's insurer: refuses (CLAIM_FINGERPRINT_MISMATCH) a claim whose committed
     * fingerprints are not those of its opened content, runs the {@link Adjudicator} under the rules in force at the
     * service date with the coverage's accumulators so far, seals the result for {@code readers} and commits it in the
     * coverage's chain after {@code previousAdjudicationId}.
     */
    public Adjudicated adjudicate(TxSigner insurer, ClaimContent claim, byte[] patientKey,
                                  List<String> committedFingerprints, BenefitRules rules, Accumulators before,
                                  Map<String, PreauthApproval> approvals, String previousAdjudicationId,
                                  Map<String, byte[]> readers) {
        List<byte[]> blobs = new ArrayList<>();
        Adjudicated a = prepareAdjudication(Submissions.newId("adj-"), claim, patientKey, committedFingerprints, rules,
                before, approvals, previousAdjudicationId, readers, blobs);
        SubmitResponse r = withBlobs(insurer, "adjudicate", a.args(), blobs);
        return new Adjudicated(a.adjudicationId(), a.result(), a.nonce(), a.args(), r);
    }

    /** {@code adjudicate} of an adjudication made with {@link #prepareAdjudication} and its blobs (batch importers). */
    public SubmitResponse submitAdjudication(TxSigner insurer, ClaimArgs.Adjudicate args, List<byte[]> blobs) {
        return withBlobs(insurer, "adjudicate", args, blobs);
    }

    /** {@code pay}: the benefit of {@code adjudicated}, committed under the adjudication's nonce. */
    public SubmitResponse pay(TxSigner insurer, Adjudicated adjudicated, String paidOn, String remittanceRef) {
        String paymentId = Submissions.newId("pay-");
        return submit(insurer, "pay", new ClaimArgs.Pay(adjudicated.result().claimId(), paymentId, paidOn,
                remittanceRef, Commitments.commit(adjudicated.nonce(),
                        new Commitments.PaymentAmount(paymentId, adjudicated.result().benefit()))));
    }

    /** {@code appeal}, by the claim's provider org or the patient / a guardian, with the reason sealed for readers. */
    public SubmitResponse appeal(TxSigner signer, String claimId, String reason, Map<String, byte[]> readers) {
        String appealId = Submissions.newId("ap-");
        if (reason == null) {
            return submit(signer, "appeal", new ClaimArgs.Appeal(claimId, appealId, null, null));
        }
        ClaimSealer.Sealed sealed = ClaimSealer.seal("careledger/appeal/" + appealId, reason, newKey(), readers);
        return withBlobs(signer, "appeal", new ClaimArgs.Appeal(claimId, appealId, sealed.ciphertextSha256(),
                sealed.keysSha256()), List.of(sealed.ciphertext(), sealed.keys()));
    }

    // ---- the insurer's and the verifier's steps driven from the ledger (what the CLI and the demo use) ----

    /** What a prior authorization approved, as the insurer knows it: units and last day; the code is the line's. */
    public record Approved(int units, String expiresOn) {}

    /** The version of a plan in force on an ISO day: the greatest {@code effectiveFrom} not after it. */
    public static BenefitRules inForce(List<BenefitRules> versions, String day) {
        BenefitRules best = null;
        for (BenefitRules r : versions) {
            if (r.effectiveFrom().compareTo(day) <= 0 && (best == null
                    || r.effectiveFrom().compareTo(best.effectiveFrom()) > 0)) {
                best = r;
            }
        }
        if (best == null) {
            throw new CareledgerException("RULES_NOT_IN_FORCE", "no rules version is in force on " + day);
        }
        return best;
    }

    /**
     * The insurer's whole step for one submitted claim, from what the ledger holds: opens the claim with the insurer
     * org's key, unwraps the patient's claims key shared with that org, takes the rules in force at the service date
     * and the accumulators after the coverage's latest adjudication (opened from its own claim), then
     * {@link #adjudicate}s. {@code approvals} by preauth id: what the insurer approved for the lines that name one.
     */
    public Adjudicated adjudicateFromLedger(TxSigner insurer, String insurerOrg, EncryptionKeyPair insurerKey,
                                            String claimId, Map<String, Approved> approvals,
                                            Map<String, byte[]> readers) {
        ClaimView view = claim(insurer, claimId);
        ClaimStates.Claim stored = claimState(view);
        ClaimStates.Coverage coverage = decode(view.coverage(), ClaimStates.Coverage.class);
        ClaimContent content = openClaim(insurer, stored, insurerOrg, insurerKey).value();
        byte[] patientKey = claimsKey(insurer, stored.patientId(), insurerOrg, insurerKey);
        BenefitRules rules = inForce(rules(insurer, coverage.planId()), content.serviceDate());
        String previous = coverage.lastAdjudicationId();
        Accumulators before = previous == null ? Accumulators.NONE
                : findAdjudication(insurer, stored.patientId(), previous, insurerOrg, insurerKey).value()
                .accumulatorsAfter();
        Map<String, PreauthApproval> byPreauth = new TreeMap<>();
        for (ClaimLine line : content.lines()) {
            Approved a = line.preauthId() == null || approvals == null ? null : approvals.get(line.preauthId());
            if (a != null) {
                byPreauth.put(line.preauthId(), new PreauthApproval(line.preauthId(), line.service(), a.units(),
                        a.expiresOn()));
            }
        }
        return adjudicate(insurer, content, patientKey,
                stored.lines().stream().map(ClaimArgs.LineRef::fingerprint).toList(), rules, before, byPreauth,
                previous, readers);
    }

    /** An adjudication of the patient's claims by id, opened as {@code reader}; NOT_FOUND when none of them has it. */
    public ClaimSealer.Payload<Adjudication> findAdjudication(TxSigner caller, String patientId, String adjudicationId,
                                                              String reader, EncryptionKeyPair readerKey) {
        for (ClaimStates.Claim c : claims(caller, patientId)) {
            if (c.adjudicationIds().contains(adjudicationId)) {
                for (ClaimStates.Adjudication a : adjudications(claim(caller, c.claimId()))) {
                    if (a.adjudicationId().equals(adjudicationId)) {
                        return openAdjudication(caller, a, reader, readerKey);
                    }
                }
            }
        }
        throw new CareledgerException("NOT_FOUND", "no claim of " + patientId + " has adjudication " + adjudicationId);
    }

    /** The claim's latest adjudication as committed, opened as {@code reader} (what {@link #pay} pays). */
    public Adjudicated latestAdjudication(TxSigner caller, String claimId, String reader,
                                          EncryptionKeyPair readerKey) {
        List<ClaimStates.Adjudication> all = adjudications(claim(caller, claimId));
        if (all.isEmpty()) {
            throw new CareledgerException("CLAIM_STATUS_INVALID", "claim " + claimId + " has no adjudication yet");
        }
        ClaimStates.Adjudication last = all.getLast();
        ClaimSealer.Payload<Adjudication> p = openAdjudication(caller, last, reader, readerKey);
        return new Adjudicated(last.adjudicationId(), p.value(), p.nonce(), null, null);
    }

    /**
     * An eligibility answer from the ledger alone (FHIR's CoverageEligibilityRequest/Response; the same rules
     * adjudication will apply): the coverage in force on {@code day}, the rules version in force that day and, per
     * service, covered or not, the allowed amount per unit, whether a prior authorization is needed and the yearly
     * limit. With a {@code reader} and its key, what is left of the deductible and of each limit comes from the
     * coverage's latest adjudication, when the reader can open it (the insurer and the patient can; a provider sees
     * only its own claims' adjudications, so for it they stay unknown: null in the answer).
     */
    public Eligibility eligibility(TxSigner caller, String coverageId, String day, List<ServiceCode> services,
                                   String reader, EncryptionKeyPair readerKey) {
        if (services.isEmpty() || services.size() > BenefitRules.MAX_CODES) {
            throw new CareledgerException("BAD_REQUEST", "ask about 1.." + BenefitRules.MAX_CODES + " services, not "
                    + services.size());
        }
        ClaimStates.Coverage c = coverage(caller, coverageId);
        BenefitRules rules;
        try {
            rules = inForce(rules(caller, c.planId()), day);
        } catch (CareledgerException e) {
            if (!"RULES_NOT_IN_FORCE".equals(e.code()) && !"NOT_FOUND".equals(e.code())) {
                throw e;
            }
            rules = null; // the answer says NO_RULES_IN_FORCE
        }
        Accumulators accumulators = null;
        if (reader != null && c.lastAdjudicationId() == null) {
            accumulators = Accumulators.NONE;
        } else if (reader != null) {
            try {
                accumulators = findAdjudication(caller, c.patientId(), c.lastAdjudicationId(), reader, readerKey)
                        .value().accumulatorsAfter();
            } catch (CareledgerException e) {
                if (!"NOT_FOUND".equals(e.code()) && !"FORBIDDEN".equals(e.code())) {
                    throw e;
                }
                // the reader is not party to the claim adjudicated last: what is used stays unknown
            }
        }
        return Eligibility.check(c.coverageId(), c.planId(), c.periodStart(), c.periodEnd(), c.endedOn(), rules,
                accumulators, day, services);
    }

    /** A coverage ({@code GET /v1/coverages/{id}}), for the patient, its insurer and the providers it shared its key with. */
    public ClaimStates.Coverage coverage(TxSigner caller, String coverageId) {
        return decode(as(caller).get("v1/coverages/" + coverageId, CoverageView.class).coverage(),
                ClaimStates.Coverage.class);
    }

    // ---- reads: what the caller may see, opened with its own key ----

    /** The states of the patient's claims the caller is a party to ({@code GET /v1/patients/{id}/claims}). */
    public List<ClaimStates.Claim> claims(TxSigner caller, String patientId) {
        ClaimList list = as(caller).get("v1/patients/" + patientId + "/claims", ClaimList.class);
        return list.claims().stream().map(n -> decode(n, ClaimStates.Claim.class)).toList();
    }

    /** One claim with its adjudications, payments and appeals ({@code GET /v1/claims/{claimId}}), for its parties. */
    public ClaimView claim(TxSigner caller, String claimId) {
        return as(caller).get("v1/claims/" + claimId, ClaimView.class);
    }

    /** The claim's state from a view. */
    public static ClaimStates.Claim claimState(ClaimView view) {
        return decode(view.claim(), ClaimStates.Claim.class);
    }

    /** The adjudication states of a view, first to last. */
    public static List<ClaimStates.Adjudication> adjudications(ClaimView view) {
        return view.adjudications().stream().map(n -> decode(n, ClaimStates.Adjudication.class)).toList();
    }

    /** A blob the claim names, checked against its SHA-256. */
    public byte[] blob(TxSigner caller, String claimId, String sha256) {
        ClaimBlob b = as(caller).get("v1/claims/" + claimId + "/blobs/" + sha256, ClaimBlob.class);
        byte[] data = Base64.getDecoder().decode(b.data());
        if (!Hash.sha256(data).hex().equals(sha256)) {
            throw new CareledgerException("BAD_RESPONSE", "the node served a blob that is not " + sha256);
        }
        return data;
    }

    /** The claim's content and commitment nonce, opened as {@code reader} (its org id or {@code patient/p-…}). */
    public ClaimSealer.Payload<ClaimContent> openClaim(TxSigner caller, ClaimStates.Claim claim, String reader,
                                                       EncryptionKeyPair readerKey) {
        ClaimSealer.Payload<ClaimContent> p = ClaimSealer.open(ClaimSealer.claimContext(claim.claimId()),
                blob(caller, claim.claimId(), claim.ciphertextSha256()), blob(caller, claim.claimId(),
                        claim.keysSha256()), reader, readerKey, ClaimContent.class);
        if (!Commitments.commit(p.nonce(), p.value()).equals(claim.totalCommitment())) {
            throw new CareledgerException("BAD_RESPONSE", "claim " + claim.claimId() + " does not open its commitment");
        }
        return p;
    }

    /** An adjudication's result and nonce, opened as {@code reader}. */
    public ClaimSealer.Payload<Adjudication> openAdjudication(TxSigner caller, ClaimStates.Adjudication a,
                                                              String reader, EncryptionKeyPair readerKey) {
        return ClaimSealer.open(ClaimSealer.adjudicationContext(a.adjudicationId()),
                blob(caller, a.claimId(), a.ciphertextSha256()), blob(caller, a.claimId(), a.keysSha256()), reader,
                readerKey, Adjudication.class);
    }

    /** The patient's claims key as shared with {@code org}, unwrapped with that org's key. */
    public byte[] claimsKey(TxSigner caller, String patientId, String org, EncryptionKeyPair orgKey) {
        ClaimBlob b;
        try {
            b = as(caller).get("v1/patients/" + patientId + "/claims-key/" + org, ClaimBlob.class);
        } catch (CareledgerException e) {
            if ("NOT_FOUND".equals(e.code()) && e.getMessage().contains("has not shared")) {
                throw new CareledgerException("CLAIM_KEY_NOT_SHARED", e.getMessage(), e);
            }
            throw e;
        }
        return ClaimSealer.unwrapPatientKey(Base64.getDecoder().decode(b.data()), patientId, org, orgKey);
    }

    /** Every published version of a plan's rules, oldest first. */
    public List<BenefitRules> rules(TxSigner caller, String planId) {
        JsonNode n = as(caller).getJson("v1/plans/" + planId + "/rules");
        List<BenefitRules> out = new ArrayList<>();
        n.get("versions").forEach(v -> out.add(decode(v, ClaimStates.Rules.class).rules()));
        return out;
    }

    private static <T> T decode(JsonNode n, Class<T> type) {
        return CanonicalJson.decode(CanonicalJson.encode(n), type);
    }

    private SubmitResponse submit(TxSigner signer, String method, Object args) {
        return Submissions.requireValid(as(signer).submit(signer.sign(ClaimsContract.NAME, method, args), Wait.COMMIT),
                "claims." + method);
    }

    private SubmitResponse withBlobs(TxSigner signer, String method, Object args, List<byte[]> blobs) {
        return Submissions.requireValid(as(signer).submitWithBlobs(signer.sign(ClaimsContract.NAME, method, args), blobs,
                Wait.COMMIT), "claims." + method);
    }
}
