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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void execute(ContractContext ctx, String method, byte[] args) {
        switch (method) {
            case "read" -> read(ctx, Args.decode(args, ReadRecord.class));
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
        Identity reader = ctx.signer();
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
    }

    private void review(ContractContext ctx, ReviewBreakGlass args) {
        String accessId = args.accessId();
        Disclosure disclosure = (accessId == null || !Identifiers.ID.matcher(accessId).matches() ? null
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
