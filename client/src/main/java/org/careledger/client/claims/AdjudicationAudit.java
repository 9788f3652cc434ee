package org.careledger.client.claims;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.careledger.contracts.claims.ClaimArgs;
import org.careledger.contracts.claims.ClaimKeys;
import org.careledger.contracts.claims.ClaimStates;
import org.careledger.contracts.claims.PreauthStatus;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.claims.Adjudication;
import org.careledger.core.claims.AdjudicationCheck;
import org.careledger.core.claims.BenefitRules;
import org.careledger.core.claims.ClaimContent;
import org.careledger.core.claims.ClaimFingerprints;
import org.careledger.core.claims.ClaimLine;
import org.careledger.core.claims.Commitments;
import org.careledger.core.claims.PreauthApproval;
import org.careledger.core.json.CanonicalJson;
import org.careledger.crypto.envelope.EncryptionKeyPair;

/**
 * What {@code careledger verify} checks of the claims domain in a node's state (docs/CLAIMS.md, "Verifying
 * adjudications"). From the ledger alone, for every adjudication: its coverage's chain is one line from the first
 * adjudication to the coverage's latest, in ledger order; its claim names it; it names the rules version in force at
 * the service date; its blobs are held and hash to what the state names. With a reader that can decrypt (the insurer,
 * the provider or the patient: an id and its X25519 key), also: the claim opens its commitment and, for an org holding
 * the patient's key share, its fingerprints are those of its content; the adjudication opens its commitment, starts
 * from its predecessor's accumulators and is exactly what the {@code Adjudicator} computes from the claim, the rules
 * and the approvals on the ledger; each payment commits to its benefit. Pure: the caller gives the state.
 */
public final class AdjudicationAudit {
    /** A coverage's adjudications do not form one chain, or an adjudication does not fit its claim or rules. */
    public static final String CHAIN_BROKEN = "ADJUDICATION_CHAIN_BROKEN";
    /** A decrypted adjudication (or payment) is not what re-running the Adjudicator gives, or does not open. */
    public static final String MISMATCH = "ADJUDICATION_MISMATCH";

    /** The state of one node, read-only. */
    public interface LedgerView {
        Optional<byte[]> state(String key);

        SortedMap<String, byte[]> scan(String prefix);

        Optional<byte[]> blob(Hash sha256);
    }

    /** One finding: a catalogue code, the adjudication (or coverage) concerned, one sentence. */
    public record Problem(String code, String subject, String message) {}

    /** What was checked and what failed. */
    public record Report(int coverages, int adjudications, int rerun, int notReadable, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final LedgerView ledger;
    private final String reader;
    private final EncryptionKeyPair readerKey;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Adjudication> opened = new HashMap<>();

    /** {@code reader} and {@code readerKey} null: ledger-only checks. */
    public AdjudicationAudit(LedgerView ledger, String reader, EncryptionKeyPair readerKey) {
        this.ledger = ledger;
        this.reader = reader;
        this.readerKey = readerKey;
    }

    public Report check() {
        Map<String, List<ClaimStates.Adjudication>> byCoverage = new TreeMap<>();
        int count = 0;
        for (byte[] v : ledger.scan(ClaimKeys.PREFIX + "adjudication/").values()) {
            ClaimStates.Adjudication a = CanonicalJson.decode(v, ClaimStates.Adjudication.class);
            byCoverage.computeIfAbsent(a.coverageId(), k -> new ArrayList<>()).add(a);
            count++;
        }
        int rerun = 0;
        int notReadable = 0;
        for (var e : byCoverage.entrySet()) {
            for (ClaimStates.Adjudication a : chain(e.getKey(), e.getValue())) {
                Boolean r = adjudication(a);
                if (r == null) {
                    notReadable++;
                } else if (r) {
                    rerun++;
                }
            }
        }
        return new Report(byCoverage.size(), count, rerun, notReadable, List.copyOf(problems));
    }

    /** The coverage's adjudications in chain order; a fork, a gap or a wrong head is a problem. */
    private List<ClaimStates.Adjudication> chain(String coverageId, List<ClaimStates.Adjudication> all) {
        Map<String, ClaimStates.Adjudication> byPrevious = new HashMap<>();
        for (ClaimStates.Adjudication a : all) {
            ClaimStates.Adjudication other = byPrevious.put(String.valueOf(a.previousAdjudicationId()), a);
            if (other != null) {
                problem(CHAIN_BROKEN, a.adjudicationId(), "adjudications " + other.adjudicationId() + " and "
                        + a.adjudicationId() + " of coverage " + coverageId + " both follow "
                        + a.previousAdjudicationId());
            }
        }
        List<ClaimStates.Adjudication> out = new ArrayList<>();
        String previous = null;
        ClaimStates.Adjudication next;
        while ((next = byPrevious.get(String.valueOf(previous))) != null && out.size() < all.size()) {
            if (!out.isEmpty() && next.adjudicatedAtMillis() < out.getLast().adjudicatedAtMillis()) {
                problem(CHAIN_BROKEN, next.adjudicationId(), "adjudication " + next.adjudicationId()
                        + " was committed before its predecessor " + previous);
            }
            out.add(next);
            previous = next.adjudicationId();
        }
        if (out.size() != all.size()) {
            problem(CHAIN_BROKEN, coverageId, "coverage " + coverageId + " has " + all.size() + " adjudications but its"
                    + " chain from the first reaches " + out.size());
        }
        Optional<ClaimStates.Coverage> coverage = read(ClaimKeys.coverage(coverageId), ClaimStates.Coverage.class);
        String head = coverage.map(ClaimStates.Coverage::lastAdjudicationId).orElse(null);
        if (coverage.isEmpty() || !java.util.Objects.equals(head, previous)) {
            problem(CHAIN_BROKEN, coverageId, "coverage " + coverageId + " names " + head + " as its latest"
                    + " adjudication, but its chain ends at " + previous);
        }
        return out;
    }

    /** True when re-run byte for byte, false when checked on the ledger only, null when the reader may not open it. */
    private Boolean adjudication(ClaimStates.Adjudication a) {
        String id = a.adjudicationId();
        ClaimStates.Claim claim = read(ClaimKeys.claim(a.claimId()), ClaimStates.Claim.class).orElse(null);
        if (claim == null || !claim.adjudicationIds().contains(id) || !claim.coverageId().equals(a.coverageId())) {
            problem(CHAIN_BROKEN, id, "adjudication " + id + " names claim " + a.claimId()
                    + ", which does not name it or bills another coverage");
            return false;
        }
        BenefitRules rules = rulesInForce(a.planId(), claim.serviceDate());
        if (rules == null || rules.version() != a.rulesVersion()) {
            problem(CHAIN_BROKEN, id, "adjudication " + id + " uses rules v" + a.rulesVersion() + " of " + a.planId()
                    + ", not the version in force on " + claim.serviceDate());
            return false;
        }
        byte[] ciphertext = heldBlob(id, a.ciphertextSha256());
        byte[] keys = heldBlob(id, a.keysSha256());
        byte[] claimCiphertext = heldBlob(id, claim.ciphertextSha256());
        byte[] claimKeys = heldBlob(id, claim.keysSha256());
        if (ciphertext == null || keys == null || claimCiphertext == null || claimKeys == null) {
            return false;
        }
        if (reader == null || !recipient(keys) || !recipient(claimKeys)) {
            return reader == null ? Boolean.FALSE : null;
        }
        ClaimSealer.Payload<ClaimContent> content;
        ClaimSealer.Payload<Adjudication> result;
        try {
            content = ClaimSealer.open(ClaimSealer.claimContext(claim.claimId()), claimCiphertext, claimKeys, reader,
                    readerKey, ClaimContent.class);
            result = ClaimSealer.open(ClaimSealer.adjudicationContext(id), ciphertext, keys, reader, readerKey,
                    Adjudication.class);
        } catch (CareledgerException | IllegalArgumentException e) {
            problem(MISMATCH, id, "adjudication " + id + " or its claim does not decrypt for " + reader + ": "
                    + e.getMessage());
            return false;
        }
        if (!Commitments.commit(content.nonce(), content.value()).equals(claim.totalCommitment())) {
            problem(MISMATCH, id, "claim " + claim.claimId() + " does not open its commitment");
            return false;
        }
        String fingerprints = fingerprintProblem(claim, content.value());
        if (fingerprints != null) {
            problem(ClaimsClient.CLAIM_FINGERPRINT_MISMATCH, id, fingerprints);
        }
        String problem = AdjudicationCheck.problem(content.value(), rules, approvals(claim, content.value()),
                result.value(), result.nonce(), a.resultCommitment());
        if (problem != null) {
            problem(MISMATCH, id, "adjudication " + id + ": " + problem);
            return false;
        }
        Adjudication previous = a.previousAdjudicationId() == null ? null : opened.get(a.previousAdjudicationId());
        if (a.previousAdjudicationId() == null || previous != null) {
            String chain = AdjudicationCheck.chainProblem(previous, result.value());
            if (chain != null) {
                problem(MISMATCH, id, "adjudication " + id + ": " + chain);
            }
        }
        opened.put(id, result.value());
        for (String paymentId : claim.paymentIds()) {
            read(ClaimKeys.payment(paymentId), ClaimStates.Payment.class).filter(p -> p.adjudicationId().equals(id))
                    .filter(p -> !Commitments.commit(result.nonce(), new Commitments.PaymentAmount(paymentId,
                            result.value().benefit())).equals(p.amountCommitment()))
                    .ifPresent(p -> problem(MISMATCH, id, "payment " + paymentId + " of claim " + claim.claimId()
                            + " does not commit to the benefit of adjudication " + id));
        }
        return true;
    }

    /** What the ledger says each preauth a line names approved for that line's service tag. */
    private Map<String, PreauthApproval> approvals(ClaimStates.Claim claim, ClaimContent content) {
        Map<String, PreauthApproval> out = new TreeMap<>();
        for (int i = 0; i < content.lines().size() && i < claim.lines().size(); i++) {
            ClaimLine line = content.lines().get(i);
            ClaimArgs.LineRef ref = claim.lines().get(i);
            if (line.preauthId() == null || ref.serviceTag() == null) {
                continue;
            }
            read(ClaimKeys.preauth(line.preauthId()), ClaimStates.Preauth.class)
                    .filter(p -> p.status() == PreauthStatus.APPROVED || p.status() == PreauthStatus.PARTIAL)
                    .filter(p -> p.approved().containsKey(ref.serviceTag()))
                    .ifPresent(p -> out.put(line.preauthId(), new PreauthApproval(line.preauthId(), line.service(),
                            p.approved().get(ref.serviceTag()), p.expiresOn())));
        }
        return out;
    }

    /** An org reader holding the patient's key share re-derives the claim's fingerprints; null when fine or unknown. */
    private String fingerprintProblem(ClaimStates.Claim claim, ClaimContent content) {
        Optional<ClaimStates.KeyShare> share = reader.startsWith("patient/") ? Optional.empty()
                : read(ClaimKeys.keyShare(claim.patientId(), reader), ClaimStates.KeyShare.class);
        Optional<byte[]> blob = share.flatMap(s -> ledger.blob(Hash.fromHex(s.keysSha256())));
        if (blob.isEmpty()) {
            return null;
        }
        byte[] patientKey = ClaimSealer.unwrapPatientKey(blob.get(), claim.patientId(), reader, readerKey);
        return ClaimFingerprints.mismatch(patientKey, content,
                claim.lines().stream().map(ClaimArgs.LineRef::fingerprint).toList());
    }

    private BenefitRules rulesInForce(String planId, String day) {
        List<BenefitRules> versions = new ArrayList<>();
        ledger.scan(ClaimKeys.rulesOf(planId)).values()
                .forEach(v -> versions.add(CanonicalJson.decode(v, ClaimStates.Rules.class).rules()));
        try {
            return ClaimsClient.inForce(versions, day);
        } catch (CareledgerException none) {
            return null;
        }
    }

    private boolean recipient(byte[] keys) {
        return CanonicalJson.tree(keys).has(reader);
    }

    private byte[] heldBlob(String subject, String sha256) {
        Optional<byte[]> b = ledger.blob(Hash.fromHex(sha256));
        if (b.isEmpty()) {
            // a blob purged or not yet replicated is not a broken adjudication; nothing to re-run from it
            return null;
        }
        if (!Hash.sha256(b.get()).hex().equals(sha256)) {
            problem(CHAIN_BROKEN, subject, "blob " + sha256 + " of " + subject + " does not hash to its name");
            return null;
        }
        return b.get();
    }

    private <T> Optional<T> read(String key, Class<T> type) {
        return ledger.state(key).map(b -> CanonicalJson.decode(b, type));
    }

    private void problem(String code, String subject, String message) {
        problems.add(new Problem(code, subject, message));
    }
}
