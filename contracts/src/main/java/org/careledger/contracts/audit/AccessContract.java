package org.careledger.contracts.audit;

import org.careledger.contracts.Args;
import org.careledger.contracts.consent.Purpose;
import org.careledger.contracts.records.CareRoles;
import org.careledger.contracts.records.FreeText;
import org.careledger.contracts.records.Identifiers;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.contracts.records.RecordsContract;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.json.CanonicalJson;

/**
 * Audited access: every read of a record is a transaction decided by {@link AccessPolicy} and recorded as a
 * {@link Disclosure}, denied ones included (a denial commits; only malformed requests fail). Break-glass accesses
 * wait in a review queue for an auditor of the record's author org.
 */
public final class AccessContract implements Contract {
    public static final String NAME = "access";
    public static final int MAX_TEXT_LENGTH = 512;
    /** Most records one {@code access.readSet} reads; a larger set is refused, never cut. */
    public static final int MAX_SET_SIZE = 1000;
    /** Longest set access id: its records' access ids {@code <accessId>.<i>} must still be ids. */
    public static final int MAX_SET_ACCESS_ID_LENGTH = 120;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void execute(ContractContext ctx, String method, byte[] args) {
        switch (method) {
            case "read" -> read(ctx, Args.decode(args, ReadRecord.class));
            case "readSet" -> readSet(ctx, Args.decode(args, ReadSet.class));
            case "reviewBreakGlass" -> review(ctx, Args.decode(args, ReviewBreakGlass.class));
            default -> throw new ContractException("METHOD_UNKNOWN", "access has no method '" + method + "'");
        }
    }

    private void read(ContractContext ctx, ReadRecord args) {
        String accessId = Identifiers.requireId(args.accessId(), "ACCESS_ID_INVALID", "access id");
        if (ctx.state().get(AccessKeys.access(accessId)).isPresent()) {
            throw new ContractException("ACCESS_EXISTS", "access " + accessId + " is already recorded; use a new id");
        }
        RecordMeta record = RecordsContract.find(ctx.state(), args.recordId()).orElseThrow(() -> new ContractException(
                "ACCESS_RECORD_UNKNOWN", "record '" + (args.recordId() == null ? "null" : args.recordId())
                + "' does not exist"));
        Purpose purpose = Purpose.parse(args.purpose());
        String reason = FreeText.optional(args.breakGlassReason(), MAX_TEXT_LENGTH, "ACCESS_REASON_INVALID",
                "break-glass reason");
        decideAndRecord(ctx, accessId, record, ctx.signer(), purpose, reason);
    }

    /** Decides one read by {@link AccessPolicy}, records its Disclosure (and review entry) and emits its event. */
    private static Disclosure decideAndRecord(ContractContext ctx, String accessId, RecordMeta record, Identity reader,
                                              Purpose purpose, String reason) {
        AccessPolicy.Verdict verdict = AccessPolicy.decide(ctx.state(), record, reader, purpose, reason,
                ctx.blockTimeMillis());
        boolean breakGlass = verdict.decision() == AccessDecision.BREAK_GLASS;
        // a refused break-glass attempt keeps its stated reason too: the patient's trail shows every attempt
        boolean attempted = breakGlass || (verdict.denialReason() != null
                && verdict.denialReason().name().startsWith("BREAK_GLASS_"));
        String reviewOrg = breakGlass ? record.authorOrg() : null;
        Disclosure disclosure = new Disclosure(accessId, ctx.txId().hex(), record.recordId(), record.patientId(),
                record.recordType(), reader.id(), reader.org(), purpose.name(), verdict.decision().granted(),
                verdict.decision().name(), verdict.grantId(), breakGlass, attempted ? reason : null,
                verdict.denialReason() == null ? null : verdict.denialReason().name(), reviewOrg,
                ctx.blockTimeMillis(), ctx.blockHeight());
        ctx.state().put(AccessKeys.access(accessId), CanonicalJson.encode(disclosure));
        ctx.state().put(AccessKeys.patientDisclosure(record.patientId(), ctx.blockHeight(), accessId),
                CanonicalJson.encode(accessId));
        if (breakGlass) {
            ctx.state().put(AccessKeys.review(reviewOrg, accessId), CanonicalJson.encode(new PendingReview(accessId,
                    record.recordId(), record.patientId(), reader.id(), reader.org(), ctx.blockTimeMillis())));
        }
        String event = switch (verdict.decision()) {
            case GRANT, OWN_ORG -> "AccessGranted";
            case BREAK_GLASS -> "BreakGlassAccess";
            case DENIED -> "AccessDenied";
            case PUBLIC_HEALTH -> throw new IllegalStateException("the access policy never decides PUBLIC_HEALTH");
        };
        ctx.emit(event, disclosure);
        return disclosure;
    }

    /**
     * One audited access to a set of one patient's records, in one transaction: every record is decided by
     * {@link AccessPolicy} as a single read without break-glass would be, and recorded as its own Disclosure
     * ({@code access/<accessId>.<i>}, in the patient's accounting like any read, with its own event), and the set as an
     * {@link AccessSet}. Malformed sets fail whole and record nothing: too large, empty, a duplicate, an unknown record
     * or another patient's.
     */
    private void readSet(ContractContext ctx, ReadSet args) {
        String accessId = Identifiers.requireId(args.accessId(), "ACCESS_ID_INVALID", "access id");
        if (accessId.length() > MAX_SET_ACCESS_ID_LENGTH) {
            throw new ContractException("ACCESS_ID_INVALID", "a set's access id has at most " + MAX_SET_ACCESS_ID_LENGTH
                    + " characters, not " + accessId.length());
        }
        if (ctx.state().get(AccessKeys.accessSet(accessId)).isPresent()) {
            throw new ContractException("ACCESS_EXISTS", "access set " + accessId + " is already recorded; use a new id");
        }
        String patientId = args.patientId();
        if (!Identifiers.isPatientId(patientId)) {
            throw new ContractException("ACCESS_SET_PATIENT_MISMATCH", "'" + (patientId == null ? "null" : patientId)
                    + "' is not a patient id (p-…)");
        }
        java.util.List<String> ids = args.recordIds() == null ? java.util.List.of() : args.recordIds();
        if (ids.isEmpty()) {
            throw new ContractException("ACCESS_SET_EMPTY", "a set read names at least one record");
        }
        if (ids.size() > MAX_SET_SIZE) {
            throw new ContractException("ACCESS_SET_TOO_LARGE", "a set read names at most " + MAX_SET_SIZE
                    + " records, not " + ids.size() + "; read the rest in another set");
        }
        Purpose purpose = Purpose.parse(args.purpose());
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.List<RecordMeta> records = new java.util.ArrayList<>(ids.size());
        for (String recordId : ids) {
            if (!seen.add(recordId == null ? "" : recordId)) {
                throw new ContractException("ACCESS_SET_DUPLICATE", "record " + recordId + " is named twice");
            }
            RecordMeta record = RecordsContract.find(ctx.state(), recordId).orElseThrow(() -> new ContractException(
                    "ACCESS_RECORD_UNKNOWN", "record '" + (recordId == null ? "null" : recordId) + "' does not exist"));
            if (!record.patientId().equals(patientId)) {
                throw new ContractException("ACCESS_SET_PATIENT_MISMATCH", "record " + recordId
                        + " is not a record of patient " + patientId);
            }
            records.add(record);
        }
        for (int i = 0; i < records.size(); i++) {
            if (ctx.state().get(AccessKeys.access(AccessKeys.setMember(accessId, i))).isPresent()) {
                throw new ContractException("ACCESS_EXISTS", "access " + AccessKeys.setMember(accessId, i)
                        + " is already recorded; use a new set id");
            }
        }
        Identity reader = ctx.signer();
        java.util.List<String> accessIds = new java.util.ArrayList<>(records.size());
        int granted = 0;
        for (int i = 0; i < records.size(); i++) {
            String memberId = AccessKeys.setMember(accessId, i);
            Disclosure d = decideAndRecord(ctx, memberId, records.get(i), reader, purpose, null);
            accessIds.add(memberId);
            granted += d.granted() ? 1 : 0;
        }
        ctx.state().put(AccessKeys.accessSet(accessId), CanonicalJson.encode(new AccessSet(accessId, ctx.txId().hex(),
                patientId, reader.id(), reader.org(), purpose.name(), accessIds, granted, ctx.blockTimeMillis(),
                ctx.blockHeight())));
    }

    private void review(ContractContext ctx, ReviewBreakGlass args) {
        String accessId = args.accessId();
        Disclosure disclosure = (!Identifiers.isId(accessId) ? null
                : ctx.state().get(AccessKeys.access(accessId)).map(b -> CanonicalJson.decode(b, Disclosure.class))
                .orElse(null));
        if (disclosure == null) {
            throw new ContractException("ACCESS_UNKNOWN", "access '" + (accessId == null ? "null" : accessId)
                    + "' is not recorded");
        }
        if (!disclosure.breakGlass()) {
            throw new ContractException("REVIEW_NOT_PENDING", "access " + accessId + " was not a break-glass access");
        }
        String queueKey = AccessKeys.review(disclosure.reviewOrg(), accessId);
        if (ctx.state().get(queueKey).isEmpty()) {
            throw new ContractException("REVIEW_NOT_PENDING", "break-glass access " + accessId + " was already reviewed");
        }
        Identity reviewer = ctx.signer();
        if (reviewer.kind() != Identity.Kind.MEMBER || !reviewer.org().equals(disclosure.reviewOrg())
                || !reviewer.hasRole(CareRoles.AUDITOR)) {
            throw new ContractException("NOT_AUDITOR", reviewer.id() + " cannot review access " + accessId
                    + ": it must be a member of " + disclosure.reviewOrg() + " with role " + CareRoles.AUDITOR);
        }
        ReviewOutcome outcome = outcome(args.outcome());
        String note = FreeText.optional(args.note(), MAX_TEXT_LENGTH, "REVIEW_NOTE_INVALID", "review note");
        BreakGlassReview review = new BreakGlassReview(accessId, reviewer.id(), reviewer.org(), outcome.name(), note,
                ctx.blockTimeMillis(), ctx.blockHeight());
        ctx.state().delete(queueKey);
        ctx.state().put(AccessKeys.breakGlassReview(accessId), CanonicalJson.encode(review));
        ctx.emit("BreakGlassReviewed", review);
    }

    private static ReviewOutcome outcome(String raw) {
        for (ReviewOutcome o : ReviewOutcome.values()) {
            if (o.name().equals(raw)) {
                return o;
            }
        }
        throw new ContractException("REVIEW_OUTCOME_INVALID", "outcome '" + (raw == null ? "null" : raw)
                + "' must be JUSTIFIED or UNJUSTIFIED");
    }
}
