package org.careledger.contracts.supplychain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.careledger.contracts.Args;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.contract.Contract;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.json.CanonicalJson;
import org.careledger.epcis.EpcisDocument;
import org.careledger.epcis.EpcisDocumentReader;
import org.careledger.epcis.EpcisEventResult;
import org.careledger.epcis.gs1.Epc;
import org.careledger.epcis.gs1.Gtin;

/**
 * {@code supplychain}: serialized medicine packs from commissioning to the patient.
 *
 * <p>Single-event methods ({@code commission}, {@code pack}, {@code unpack}, {@code ship}, {@code receive},
 * {@code dispense}, {@code decommission}, {@code destroy}, {@code reportStolen}) apply one event or refuse the
 * whole transaction. {@code capture} (a list of such events) and {@code captureEpcis} (an EPCIS 2.0 document)
 * apply each event on its own: valid ones commit, rejected ones get a per-event code, and rejections that may
 * mean counterfeiting or diversion are kept as suspect records for the authority — in the same committed
 * transaction, which a refused transaction could not do.
 *
 * <p>{@code recallLot} marks a lot recalled (manufacturer holding the GTIN's prefix, or an authority);
 * {@code registerCompanyPrefix} gives an org a GS1 company prefix after genesis (an authority's admin).
 */
public final class SupplyChainContract implements Contract {
    public static final String NAME = "supplychain";
    /** Events one capture or EPCIS document may hold. */
    public static final int MAX_EVENTS = 1_000;
    /** Rejections that may point at counterfeit, diverted or stolen goods; recorded as suspect events. */
    public static final Set<String> SUSPECT_CODES = Set.of("UNIT_UNKNOWN", "CONTAINER_UNKNOWN", "CLONED_SERIAL",
            "PREFIX_NOT_OWNED", "NOT_MANUFACTURER", "NOT_PHARMACY", "NOT_OWNER", "NOT_SHIPPED_TO_YOU",
            "ALREADY_DISPENSED", "LOT_RECALLED", "UNIT_STOLEN", "UNIT_DECOMMISSIONED", "UNIT_DESTROYED",
            "UNIT_EXPIRED", "UNIT_IN_TRANSIT", "LOT_MISMATCH", "EXPIRY_MISMATCH");
    private static final String ORG_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";
    private static final java.util.regex.Pattern ORG = java.util.regex.Pattern.compile(ORG_PATTERN);
    private static final java.util.regex.Pattern COMPANY_PREFIX = java.util.regex.Pattern.compile(
            "[0-9]{" + CompanyPrefixes.MIN_LENGTH + "," + CompanyPrefixes.MAX_LENGTH + "}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void execute(ContractContext ctx, String method, byte[] args) {
        switch (method) {
            case "capture" -> capture(ctx, Args.decode(args, CaptureArgs.class));
            case "captureEpcis" -> captureEpcis(ctx, Args.decode(args, CaptureEpcisArgs.class));
            case "recallLot" -> recallLot(ctx, Args.decode(args, RecallLot.class));
            case "registerCompanyPrefix" -> registerCompanyPrefix(ctx, Args.decode(args, RegisterCompanyPrefix.class));
            default -> {
                EventKind kind = EventKind.ofObjectMethod(method).orElseThrow(() -> new ContractException(
                        "METHOD_UNKNOWN", "supplychain has no method '" + method + "'"));
                singleEvent(ctx, method, Operation.from(kind, Args.decode(args, SupplyEventArgs.class)));
            }
        }
    }

    /**
     * One event as its own transaction. A refusal that may point at counterfeit, diverted or stolen goods is still
     * refused with its code, and its suspect record stands for the authority (the ledger keeps only that record).
     */
    private static void singleEvent(ContractContext ctx, String method, Operation op) {
        try {
            CustodyTransitions.apply(ctx, op, -1);
        } catch (CareledgerException e) {
            if (!SUSPECT_CODES.contains(e.code())) {
                throw e;
            }
            StagedContext record = new StagedContext(ctx);
            recordSuspect(record, method, new Pending(0, null, false, () -> op), op, e);
            throw new ContractException(e.code(), e.getMessage()).keeping(record.stagedPuts(), record.stagedEvents());
        }
    }

    // ---- many events, each on its own ----

    /** One entry of a capture: how to build its operation (which may itself fail). */
    /** @param derivedId true when the event had no eventID and {@code eventId} is its derived identity */
    private record Pending(int index, String eventId, boolean derivedId, Supplier<Operation> operation) {}

    private void capture(ContractContext ctx, CaptureArgs args) {
        if (args.events().isEmpty() || args.events().size() > MAX_EVENTS) {
            throw new ContractException("ARGS_INVALID", "capture takes 1 to " + MAX_EVENTS + " events, got "
                    + args.events().size());
        }
        Actor.of(ctx);
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < args.events().size(); i++) {
            SupplyEventArgs e = args.events().get(i);
            pending.add(new Pending(i, e.eventId(), false, () -> Operation.from(EventKind.ofObjectMethod(e.kind())
                    .orElseThrow(() -> new ContractException("ARGS_INVALID", "kind '" + e.kind() + "' is not one of"
                            + " commission, pack, unpack, ship, receive, dispense, decommission, destroy,"
                            + " reportStolen")), e)));
        }
        Tally t = applyEach(ctx, "capture", "Capture", pending);
        ctx.emit("CaptureSummary", new CaptureSummary(pending.size(), t.accepted, t.rejected, t.suspects, null));
    }

    private void captureEpcis(ContractContext ctx, CaptureEpcisArgs args) {
        if (args.document() == null || args.document().isBlank()) {
            throw new ContractException("ARGS_INVALID", "captureEpcis needs the EPCIS document as text in 'document'");
        }
        if (args.shipTo() != null && !ORG.matcher(args.shipTo()).matches()) {
            throw new ContractException("ARGS_INVALID", "shipTo '" + args.shipTo() + "' is not an org id");
        }
        String shipper = Actor.of(ctx).org();
        byte[] bytes = args.document().getBytes(StandardCharsets.UTF_8);
        EpcisDocument document;
        try {
            document = readDocument(bytes);
        } catch (CareledgerException e) {
            throw new ContractException(e.code(), e.getMessage());
        }
        CompanyPrefixes prefixes = new CompanyPrefixes(ctx.state());
        List<Pending> pending = new ArrayList<>();
        for (EpcisEventResult r : document.results()) {
            // an event without eventID is known by a hash of its JSON, so re-sending it is harmless
            String eventId = r.identity();
            pending.add(new Pending(r.index(), eventId, r.eventId().isEmpty(), switch (r) {
                case EpcisEventResult.Parsed p -> () -> EpcisMapping.map(p.event(),
                        gln -> prefixes.ofGln(gln).map(CompanyPrefixes.Holder::org), args.shipTo(), eventId, shipper)
                        .withLabels(EpcisMapping.labels(p.labelledIds()));
                case EpcisEventResult.Failed f -> () -> {
                    throw new ContractException(f.code(), f.message());
                };
            }));
        }
        Tally t = applyEach(ctx, "captureEpcis", "Epcis", pending);
        ctx.emit("EpcisCaptureSummary", new CaptureSummary(pending.size(), t.accepted, t.rejected, t.suspects,
                Hash.sha256(bytes).hex()));
    }

    /**
     * Reads an EPCIS document as {@code captureEpcis} does, refusing what refuses the whole capture: bytes that
     * are not an EPCIS 2.0 document (the reader's EPCIS code) or more than {@link #MAX_EVENTS} events
     * ({@code EPCIS_TOO_MANY_EVENTS}). The node's route calls it before ordering, so such a document is refused
     * without a transaction.
     */
    public static EpcisDocument readDocument(byte[] bytes) {
        EpcisDocument document;
        try {
            document = new EpcisDocumentReader().read(bytes);
        } catch (CareledgerException e) {
            throw new CareledgerException(e.code(), "the EPCIS document cannot be read: " + e.getMessage());
        }
        if (document.results().size() > MAX_EVENTS) {
            throw new CareledgerException("EPCIS_TOO_MANY_EVENTS", "the document holds " + document.results().size()
                    + " events; at most " + MAX_EVENTS + " are captured per transaction");
        }
        return document;
    }

    /** Totals of a capture, emitted last. */
    public record CaptureSummary(int events, int accepted, int rejected, int suspects, String documentSha256) {}

    private static final class Tally {
        int accepted;
        int rejected;
        int suspects;
    }

    private Tally applyEach(ContractContext ctx, String method, String eventPrefix, List<Pending> pending) {
        Tally tally = new Tally();
        java.util.Map<String, Integer> firstIndex = new java.util.HashMap<>();
        for (Pending p : pending) {
            StagedContext staged = new StagedContext(ctx);
            Operation op = null;
            try {
                // one eventID names one event: a repeat inside the document is reported, whatever became of the first
                Integer first = p.eventId() == null ? null : firstIndex.putIfAbsent(p.eventId(), p.index());
                if (first != null) {
                    throw new ContractException("EVENT_ID_REPEATED", "event " + p.index() + " has the same "
                            + (p.derivedId() ? "content (no eventID; derived identity " + p.eventId() + ")"
                            : "eventID " + p.eventId())
                            + " as event " + first + " of this document; it is not applied");
                }
                // a re-sent event is recognized by its id before anything else is said about it
                if (p.eventId() != null && ctx.state().get(SupplyChainKeys.epcisEvent(p.eventId())).isPresent()) {
                    throw new ContractException("EVENT_DUPLICATE", "event " + p.eventId() + " was already applied");
                }
                op = p.operation().get();
                int changed = CustodyTransitions.apply(staged, op, p.index());
                staged.commit();
                tally.accepted++;
                ctx.emit(eventPrefix + "EventAccepted", new EventOutcome(p.index(), p.eventId(), op.kind().method(),
                        true, "", "", changed, false, op.notes()));
            } catch (CareledgerException e) {
                boolean suspect = SUSPECT_CODES.contains(e.code());
                tally.rejected++;
                ctx.emit(eventPrefix + "EventRejected", new EventOutcome(p.index(), p.eventId(),
                        op == null ? null : op.kind().method(), false, e.code(), e.getMessage(), 0, suspect,
                        op == null ? List.of() : op.notes()));
                if (suspect) {
                    tally.suspects++;
                    recordSuspect(ctx, method, p, op, e);
                }
            }
        }
        return tally;
    }

    private static void recordSuspect(ContractContext ctx, String method, Pending p, Operation op,
                                      CareledgerException e) {
        List<Epc> named = new ArrayList<>();
        if (op != null) {
            if (op.container() != null) {
                named.add(op.container());
            }
            named.addAll(op.objects());
        }
        List<Epc> kept = named.subList(0, Math.min(named.size(), SuspectRecord.MAX_OBJECTS));
        SuspectRecord record = new SuspectRecord(ctx.txId().hex(), ctx.blockHeight(), ctx.blockTimeMillis(),
                ctx.signer().id(), ctx.signer().org(), method, p.index(), p.eventId(),
                op == null ? null : op.kind().method(), e.code(), e.getMessage(),
                kept.stream().map(ObjectIds::label).toList());
        String key = SupplyChainKeys.suspect(ctx.blockHeight(), ctx.txId(), p.index());
        ctx.state().put(key, CanonicalJson.encode(record));
        // one pointer per named object, so verifying a serial also shows attempts to use it
        TreeMap<String, String> pointers = new TreeMap<>();
        for (Epc epc : kept) {
            pointers.put(SupplyChainKeys.suspectOf(ObjectIds.key(epc), ctx.blockHeight(), ctx.txId(), p.index()), key);
        }
        pointers.forEach((k, v) -> ctx.state().put(k, CanonicalJson.encode(new SuspectPointer(v))));
        ctx.emit("SuspectEvent", record);
    }

    /** The value under {@link SupplyChainKeys#suspectOf}: the key of the suspect record. */
    public record SuspectPointer(String suspect) {}

    // ---- lots and prefixes ----

    private static void recallLot(ContractContext ctx, RecallLot args) {
        Actor actor = Actor.of(ctx);
        if (args.gtin() == null || args.lot() == null || args.lot().isEmpty()) {
            throw new ContractException("ARGS_INVALID", "recallLot needs 'gtin' and 'lot'");
        }
        Gtin gtin;
        try {
            gtin = Gtin.parse(args.gtin());
        } catch (CareledgerException e) {
            throw new ContractException(e.code(), "gtin '" + args.gtin() + "': " + e.getMessage());
        }
        String reason = args.reason() == null ? "" : args.reason();
        if (reason.length() > Operation.MAX_REASON) {
            throw new ContractException("ARGS_INVALID", "reason must be at most " + Operation.MAX_REASON + " characters");
        }
        String key = SupplyChainKeys.lot(gtin.digits(), args.lot());
        LotRecord lot = ctx.state().get(key).map(b -> CanonicalJson.decode(b, LotRecord.class)).orElseThrow(() ->
                new ContractException("LOT_UNKNOWN", "no pack of lot " + args.lot() + " of GTIN " + gtin.digits()
                        + " was ever commissioned"));
        Optional<CompanyPrefixes.Holder> holder = new CompanyPrefixes(ctx.state()).ofGtin(gtin.digits());
        boolean manufacturer = holder.map(h -> h.org().equals(actor.org())).orElse(false);
        if (!manufacturer && !actor.hasRole("authority")) {
            throw new ContractException("NOT_AUTHORIZED_TO_RECALL", actor.org() + " may not recall lot " + args.lot()
                    + ": only the holder of the GTIN's company prefix ("
                    + holder.map(CompanyPrefixes.Holder::org).orElse("none") + ") or an authority may");
        }
        if (lot.recalled()) {
            throw new ContractException("LOT_ALREADY_RECALLED", "lot " + args.lot() + " of GTIN " + gtin.digits()
                    + " was already recalled by " + lot.recalledBy());
        }
        LotRecord recalled = lot.recall(reason, actor.org(), ctx.blockTimeMillis(), ctx.txId().hex());
        ctx.state().put(key, CanonicalJson.encode(recalled));
        ctx.emit(EventKind.RECALL_LOT.eventType(), recalled);
    }

    private static void registerCompanyPrefix(ContractContext ctx, RegisterCompanyPrefix args) {
        Actor actor = Actor.of(ctx);
        if (ctx.signer().kind() != Identity.Kind.ORG_ADMIN) {
            throw new ContractException("NOT_ORG_ADMIN", ctx.signer().id() + " is not an org admin; only the admin"
                    + " of an authority registers company prefixes");
        }
        actor.requireRole("authority", "NOT_AUTHORITY", "register company prefixes");
        if (args.org() == null || !ORG.matcher(args.org()).matches() || Actor.org(ctx, args.org()).isEmpty()) {
            throw new ContractException("ORG_UNKNOWN", "org '" + args.org() + "' is not in the consortium");
        }
        String prefix = args.prefix();
        if (prefix == null || !COMPANY_PREFIX.matcher(prefix).matches()) {
            throw new ContractException("PREFIX_INVALID", "a GS1 company prefix is " + CompanyPrefixes.MIN_LENGTH
                    + " to " + CompanyPrefixes.MAX_LENGTH + " digits, got '" + prefix + "'");
        }
        for (var e : new CompanyPrefixes(ctx.state()).all().entrySet()) {
            String other = e.getKey();
            if (other.startsWith(prefix) || prefix.startsWith(other)) {
                if (other.equals(prefix) && e.getValue().equals(args.org())) {
                    throw new ContractException("PREFIX_EXISTS", "prefix " + prefix + " is already registered to "
                            + args.org());
                }
                throw new ContractException("PREFIX_TAKEN", "prefix " + prefix + " overlaps prefix " + other
                        + " of " + e.getValue() + "; GS1 company prefixes never overlap");
            }
        }
        CompanyPrefixRecord record = new CompanyPrefixRecord(prefix, args.org(), ctx.signer().id(),
                ctx.blockTimeMillis(), ctx.txId().hex());
        ctx.state().put(SupplyChainKeys.companyPrefix(prefix), CanonicalJson.encode(record));
        ctx.emit("CompanyPrefixRegistered", record);
    }
}
