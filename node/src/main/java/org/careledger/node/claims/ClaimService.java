package org.careledger.node.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.careledger.api.claims.ClaimBlob;
import org.careledger.api.claims.ClaimList;
import org.careledger.api.claims.ClaimView;
import org.careledger.api.claims.CoverageView;
import org.careledger.contracts.claims.ClaimKeys;
import org.careledger.contracts.claims.ClaimStates;
import org.careledger.contracts.records.Identifiers;
import org.careledger.contracts.records.PatientRecord;
import org.careledger.contracts.records.RecordKeys;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.ledger.Ledger;
import org.careledger.node.auth.Caller;
import org.careledger.node.reads.ReadKind;
import org.careledger.node.reads.ReadLog;

/**
 * What the parties of a claim may read of it: the patient and its guardians see all of the patient's claims; a member
 * (or node) of the claim's provider org or of its coverage's insurer org sees that claim; nobody else sees anything,
 * not even whether the patient has claims. Every answer about a patient is logged in the node's read log first, as
 * records reads are. Only ciphertext and hashes leave: the content opens with the caller's own key, client-side.
 */
public final class ClaimService {
    /** Most claims one listing returns. */
    public static final int MAX_LIST = 10_000;

    private final Ledger ledger;
    private final ReadLog reads;

    public ClaimService(Ledger ledger, ReadLog reads) {
        this.ledger = ledger;
        this.reads = reads;
    }

    /** The claims of a patient the caller is a party to; FORBIDDEN for a caller party to none. */
    public ClaimList claims(Caller caller, String patientId) {
        PatientRecord patient = requirePatient(patientId);
        long height = ledger.head().height();
        List<JsonNode> out = new ArrayList<>();
        String prefix = ClaimKeys.PREFIX + "patient-claim/" + patientId + "/";
        for (byte[] v : ledger.scanState(prefix, MAX_LIST).values()) {
            claim(CanonicalJson.decode(v, String.class)).filter(c -> party(caller, patient, c))
                    .ifPresent(c -> out.add(tree(c)));
        }
        if (out.isEmpty() && !patientSide(caller, patient) && !insurerOfAny(caller, patientId)) {
            throw new CareledgerException("FORBIDDEN", caller.id() + " is party to no claim of patient " + patientId);
        }
        account(caller, patientId, ReadKind.CLAIM_LIST, null);
        return new ClaimList(patientId, out.size(), out, height);
    }

    /** One claim with its adjudications, payments and appeals, for its parties. */
    public ClaimView claim(Caller caller, String claimId) {
        long height = ledger.head().height();
        ClaimStates.Claim c = requireParty(caller, claimId);
        List<JsonNode> adjudications = new ArrayList<>();
        c.adjudicationIds().forEach(id -> adjudications.add(raw(ClaimKeys.adjudication(id))));
        List<JsonNode> payments = new ArrayList<>();
        c.paymentIds().forEach(id -> payments.add(raw(ClaimKeys.payment(id))));
        List<JsonNode> appeals = new ArrayList<>();
        c.appealIds().forEach(id -> appeals.add(raw(ClaimKeys.appeal(id))));
        account(caller, c.patientId(), ReadKind.CLAIM, claimId);
        return new ClaimView(tree(c), raw(ClaimKeys.coverage(c.coverageId())), adjudications, payments, appeals,
                height);
    }

    /** A blob the claim names (its content or keys, an adjudication's, an appeal's), for its parties. */
    public ClaimBlob blob(Caller caller, String claimId, String sha256) {
        ClaimStates.Claim c = requireParty(caller, claimId);
        List<String> named = new ArrayList<>(List.of(c.ciphertextSha256(), c.keysSha256()));
        c.adjudicationIds().forEach(id -> state(ClaimKeys.adjudication(id), ClaimStates.Adjudication.class)
                .ifPresent(a -> named.addAll(List.of(a.ciphertextSha256(), a.keysSha256()))));
        c.appealIds().forEach(id -> state(ClaimKeys.appeal(id), ClaimStates.Appeal.class)
                .filter(a -> a.ciphertextSha256() != null)
                .ifPresent(a -> named.addAll(List.of(a.ciphertextSha256(), a.keysSha256()))));
        if (!named.contains(sha256)) {
            throw new CareledgerException("NOT_FOUND", "claim " + claimId + " names no blob " + sha256);
        }
        byte[] data = ledger.blob(Hash.fromHex(sha256)).orElseThrow(() -> new CareledgerException("BLOB_NOT_FOUND",
                "blob " + sha256 + " of claim " + claimId + " is not held by this node"));
        account(caller, c.patientId(), ReadKind.CLAIM_BLOB, claimId);
        return new ClaimBlob(sha256, Base64.getEncoder().encodeToString(data));
    }

    /** The patient's claims key as shared with {@code org} ({@code claims.shareKey}), for that org or the patient. */
    public ClaimBlob claimsKey(Caller caller, String patientId, String org) {
        PatientRecord patient = requirePatient(patientId);
        boolean mine = caller.isConsortiumMember() && caller.org().equals(org);
        if (!mine && !patientSide(caller, patient)) {
            throw new CareledgerException("FORBIDDEN", "the claims key shared with " + org + " is for " + org
                    + " and the patient only, not " + caller.id());
        }
        ClaimStates.KeyShare share = state(ClaimKeys.keyShare(patientId, org), ClaimStates.KeyShare.class)
                .orElseThrow(() -> new CareledgerException("NOT_FOUND", "patient " + patientId
                        + " has not shared its claims key with " + org));
        byte[] data = ledger.blob(Hash.fromHex(share.keysSha256())).orElseThrow(() -> new CareledgerException(
                "BLOB_NOT_FOUND", "the claims key blob " + share.keysSha256() + " is not held by this node"));
        account(caller, patientId, ReadKind.CLAIMS_KEY, org);
        return new ClaimBlob(share.keysSha256(), Base64.getEncoder().encodeToString(data));
    }

    /**
     * A coverage, for the patient and its guardians, its insurer and the orgs the patient shared its claims key with
     * (the providers that bill it, who ask about eligibility before a service). An unknown coverage and one the caller
     * may not see answer alike.
     */
    public CoverageView coverage(Caller caller, String coverageId) {
        if (!Identifiers.isId(coverageId)) {
            throw new CareledgerException("BAD_REQUEST", "'" + coverageId + "' is not a coverage id");
        }
        long height = ledger.head().height();
        CareledgerException refused = new CareledgerException("FORBIDDEN", "coverage " + coverageId + " is for its"
                + " patient, insurer and the providers the patient shared its claims key with, not " + caller.id()
                + ", or does not exist");
        ClaimStates.Coverage c = state(ClaimKeys.coverage(coverageId), ClaimStates.Coverage.class)
                .orElseThrow(() -> refused);
        PatientRecord patient = requirePatient(c.patientId());
        boolean allowed = patientSide(caller, patient) || caller.isConsortiumMember()
                && (caller.org().equals(c.insurerOrg())
                || ledger.state(ClaimKeys.keyShare(c.patientId(), caller.org())).isPresent());
        if (!allowed) {
            throw refused;
        }
        account(caller, c.patientId(), ReadKind.COVERAGE, coverageId);
        return new CoverageView(raw(ClaimKeys.coverage(coverageId)), height);
    }

    /** Every published version of a plan's rules, oldest first: public (a price list, not patient data). */
    public List<ClaimStates.Rules> rules(String planId) {
        if (!Identifiers.isId(planId)) {
            throw new CareledgerException("BAD_REQUEST", "'" + planId + "' is not a plan id");
        }
        List<ClaimStates.Rules> out = new ArrayList<>();
        ledger.scanState(ClaimKeys.rulesOf(planId), MAX_LIST).values()
                .forEach(v -> out.add(CanonicalJson.decode(v, ClaimStates.Rules.class)));
        if (out.isEmpty()) {
            throw new CareledgerException("NOT_FOUND", "plan " + planId + " has no published rules");
        }
        return out;
    }

    private ClaimStates.Claim requireParty(Caller caller, String claimId) {
        if (!Identifiers.isId(claimId)) {
            throw new CareledgerException("BAD_REQUEST", "'" + claimId + "' is not a claim id");
        }
        // an unknown claim and another party's claim answer alike: a non-party learns nothing of either
        CareledgerException refused = new CareledgerException("FORBIDDEN", "claim " + claimId
                + " is for its patient, provider and insurer only, not " + caller.id() + ", or does not exist");
        ClaimStates.Claim c = claim(claimId).orElseThrow(() -> refused);
        PatientRecord patient = requirePatient(c.patientId());
        if (!party(caller, patient, c)) {
            throw refused;
        }
        return c;
    }

    private boolean party(Caller caller, PatientRecord patient, ClaimStates.Claim c) {
        if (patientSide(caller, patient)) {
            return true;
        }
        if (!caller.isConsortiumMember()) {
            return false;
        }
        return caller.org().equals(c.providerOrg())
                || coverage(c) != null && caller.org().equals(coverage(c).insurerOrg());
    }

    /** An insurer with a coverage of the patient may list (possibly no) claims of it. */
    private boolean insurerOfAny(Caller caller, String patientId) {
        if (!caller.isConsortiumMember()) {
            return false;
        }
        String prefix = ClaimKeys.PREFIX + "patient-coverage/" + patientId + "/";
        return ledger.scanState(prefix, MAX_LIST).keySet().stream()
                .map(k -> state(ClaimKeys.coverage(k.substring(prefix.length())), ClaimStates.Coverage.class))
                .anyMatch(cov -> cov.map(x -> x.insurerOrg().equals(caller.org())).orElse(false));
    }

    private static boolean patientSide(Caller caller, PatientRecord patient) {
        return caller.id().equals("patient/" + patient.patientId()) || patient.guardians().contains(caller.id());
    }

    private ClaimStates.Coverage coverage(ClaimStates.Claim c) {
        return state(ClaimKeys.coverage(c.coverageId()), ClaimStates.Coverage.class).orElse(null);
    }

    private Optional<ClaimStates.Claim> claim(String claimId) {
        return state(ClaimKeys.claim(claimId), ClaimStates.Claim.class);
    }

    /** A state value as stored (canonical JSON). */
    private JsonNode raw(String key) {
        return CanonicalJson.tree(ledger.state(key).orElseThrow(() -> new IllegalStateException("no state " + key)));
    }

    private static JsonNode tree(Object value) {
        return CanonicalJson.tree(CanonicalJson.encode(value));
    }

    private <T> Optional<T> state(String key, Class<T> type) {
        return ledger.state(key).map(b -> CanonicalJson.decode(b, type));
    }

    private PatientRecord requirePatient(String patientId) {
        if (!Identifiers.isPatientId(patientId)) {
            throw new CareledgerException("BAD_REQUEST", "'" + patientId + "' is not a patient id (p-…)");
        }
        return state(RecordKeys.patient(patientId), PatientRecord.class)
                .orElseThrow(() -> new CareledgerException("NOT_FOUND", "no patient " + patientId));
    }

    /** Durable in the read log before the answer leaves, like the records reads. */
    private void account(Caller caller, String patientId, ReadKind kind, String subject) {
        reads.append(caller.id(), caller.org(), patientId, kind, subject, ledger.head().height());
    }
}
