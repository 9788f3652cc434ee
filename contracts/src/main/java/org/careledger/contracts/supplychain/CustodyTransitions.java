package org.careledger.contracts.supplychain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.careledger.core.contract.ContractContext;
import org.careledger.core.contract.ContractException;
import org.careledger.core.json.CanonicalJson;
import org.careledger.epcis.gs1.Epc;
import org.careledger.epcis.gs1.Sgtin;
import org.careledger.epcis.gs1.Sscc;

/**
 * Applies one {@link Operation} to the state of a context: checks every object first, then writes the changed
 * objects, one custody event per changed object, and the lot records. Any failed check throws a
 * {@link ContractException} before anything is written, so an event applies completely or not at all.
 *
 * <p>Operations on a case apply to everything packed in it (recursively). Custody moves only on {@code receive},
 * by the org the shipment names.
 */
final class CustodyTransitions {
    /** Objects one event may change, contents of cases included. */
    static final int MAX_OBJECTS = 10_000;
    /** Cases in cases in cases…: deeper nesting is refused (and bounds the walks). */
    static final int MAX_DEPTH = 8;
    private static final String CSET82 =
            "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    private final ContractContext ctx;
    private final Actor actor;
    private final Operation op;
    private final int eventIndex;
    private final long now;
    private final String txId;
    private final TreeMap<String, Optional<TrackedObject>> loaded = new TreeMap<>();
    /** Changed objects (key → detail sentence for their history); written in key order. */
    private final TreeMap<String, String> changed = new TreeMap<>();
    private final TreeMap<String, LotRecord> lots = new TreeMap<>();
    private final TreeMap<String, LotRecord> changedLots = new TreeMap<>();
    private CompanyPrefixes prefixes;

    private CustodyTransitions(ContractContext ctx, Actor actor, Operation op, int eventIndex) {
        this.ctx = ctx;
        this.actor = actor;
        this.op = op;
        this.eventIndex = eventIndex;
        this.now = ctx.blockTimeMillis();
        this.txId = ctx.txId().hex();
    }

    /** Applies {@code op} for the signer's org; returns the number of objects changed. */
    static int apply(ContractContext ctx, Operation op, int eventIndex) {
        return new CustodyTransitions(ctx, Actor.of(ctx), op, eventIndex).run();
    }

    private int run() {
        if (op.eventId() != null && ctx.state().get(SupplyChainKeys.epcisEvent(op.eventId())).isPresent()) {
            throw new ContractException("EVENT_DUPLICATE", "event " + op.eventId() + " was already applied");
        }
        switch (op.kind()) {
            case COMMISSION -> commission();
            case PACK -> pack();
            case UNPACK -> unpack();
            case SHIP -> ship();
            case RECEIVE -> receive();
            case DISPENSE -> dispense();
            case DECOMMISSION -> end(UnitStatus.DECOMMISSIONED, Set.of(UnitStatus.ACTIVE), "decommissioned");
            case DESTROY -> end(UnitStatus.DESTROYED, Set.of(UnitStatus.ACTIVE, UnitStatus.DECOMMISSIONED), "destroyed");
            case REPORT_STOLEN -> reportStolen();
            case RECALL_LOT -> throw new IllegalArgumentException("a lot recall is not an object event");
        }
        return write();
    }

    // ---- the events ----

    private void commission() {
        requireOwnStep(othersCommissioning());
        actor.requireRole("manufacturer", "NOT_MANUFACTURER", "commission packs");
        String lot = requireLot(op.lot());
        String expiry = requireExpiry(op.expiry());
        requireObjects("commission");
        Map<String, Long> perGtin = new TreeMap<>();
        for (Epc epc : op.objects()) {
            if (!(epc instanceof Sgtin sgtin)) {
                throw new ContractException("COMMISSION_NOT_SGTIN", ObjectIds.label(epc)
                        + " is not a serialized pack; cases (SSCC) come into being when packs are packed into them");
            }
            String gtin = sgtin.gtin().digits();
            if (!perGtin.containsKey(gtin)) {
                requirePrefixHolder(gtin);
                lot(gtin, lot).ifPresent(l -> {
                    if (l.recalled()) {
                        throw new ContractException("LOT_RECALLED", "lot " + lot + " of GTIN " + gtin
                                + " was recalled; no more packs can be commissioned into it");
                    }
                    if (!l.expiry().equals(expiry)) {
                        throw new ContractException("LOT_EXPIRY_MISMATCH", "lot " + lot + " of GTIN " + gtin
                                + " expires " + l.expiry() + ", not " + expiry);
                    }
                });
            }
            perGtin.merge(gtin, 1L, Long::sum);
            String key = ObjectIds.key(sgtin);
            Optional<TrackedObject> existing = load(key);
            if (existing.isPresent()) {
                TrackedObject o = existing.get();
                throw new ContractException("CLONED_SERIAL", "serial " + sgtin.serial() + " of GTIN " + gtin
                        + " was already commissioned by " + o.createdBy() + " (lot " + o.lot() + "); a second pack"
                        + " with the same serial is a clone");
            }
            put(TrackedObject.newUnit(gtin, sgtin.serial(), lot, expiry, actor.org(), locationOr(actor.org()), now),
                    "commissioned, lot " + lot + ", expiry " + expiry);
        }
        perGtin.forEach((gtin, n) -> changedLots.put(SupplyChainKeys.lot(gtin, lot),
                lot(gtin, lot).orElseGet(() -> LotRecord.first(gtin, lot, expiry, actor.org(), now)).plusUnits(n)));
    }

    private void pack() {
        Sscc sscc = requireContainerArg();
        requireObjects("pack");
        String containerKey = ObjectIds.key(sscc);
        TrackedObject container = load(containerKey).orElse(null);
        if (container == null) {
            container = TrackedObject.newContainer(sscc.digits(), actor.org(), locationOr(actor.org()), now);
        } else {
            requireOwner(container);
            requireActive(container);
        }
        Set<String> ancestors = ancestorsOf(container);
        List<String> children = new ArrayList<>(container.children());
        for (Epc epc : op.objects()) {
            String key = ObjectIds.key(epc);
            if (key.equals(containerKey) || ancestors.contains(key)) {
                throw new ContractException("CONTAINER_CYCLE", ObjectIds.label(epc) + " cannot be packed into "
                        + sscc.toElementString() + ": that case is (inside) it");
            }
            TrackedObject child = require(epc);
            requireOwner(child);
            requireActive(child);
            if (child.container() != null) {
                throw new ContractException("ALREADY_PACKED", child.label() + " is already packed in "
                        + labelOf(child.container()) + "; unpack it first");
            }
            requireNotRecalled(subtree(child));
            put(child.inContainer(containerKey), "packed into " + sscc.toElementString());
            children.add(key);
        }
        if (children.size() > MAX_OBJECTS) {
            throw new ContractException("CONTAINER_FULL", sscc.toElementString() + " would hold " + children.size()
                    + " objects; at most " + MAX_OBJECTS + " are allowed");
        }
        if (ancestors.size() + depthBelow(op.objects()) + 1 > MAX_DEPTH) {
            throw new ContractException("CONTAINER_CYCLE", "packing nests cases more than " + MAX_DEPTH + " deep");
        }
        put(container.withChildren(children), op.objects().size() + " object(s) packed in");
    }

    private void unpack() {
        Sscc sscc = requireContainerArg();
        TrackedObject container = require(sscc);
        requireOwner(container);
        requireActive(container);
        List<String> removed = new ArrayList<>();
        if (op.objects().isEmpty()) {
            removed.addAll(container.children());
        } else {
            for (Epc epc : op.objects()) {
                String key = ObjectIds.key(epc);
                if (!container.children().contains(key)) {
                    throw new ContractException("NOT_IN_CONTAINER", ObjectIds.label(epc) + " is not packed in "
                            + sscc.toElementString());
                }
                removed.add(key);
            }
        }
        for (String key : removed) {
            TrackedObject child = load(key).orElseThrow(() -> corrupt(key));
            put(child.inContainer(null), "unpacked from " + sscc.toElementString());
        }
        List<String> remaining = new ArrayList<>(container.children());
        remaining.removeAll(removed);
        put(container.withChildren(remaining), removed.size() + " object(s) unpacked");
    }

    private void ship() {
        String to = op.to();
        if (to == null || to.isBlank()) {
            throw new ContractException("RECEIVER_REQUIRED", "a shipment must name the receiving org ('to')");
        }
        if (Actor.org(ctx, to).isEmpty()) {
            throw new ContractException("RECEIVER_UNKNOWN", "receiver '" + to + "' is not an org of the consortium");
        }
        if (to.equals(actor.org())) {
            requireObjects("ship");
            requireOwnStep(othersShipmentToUs());
            throw new ContractException("SELF_SHIPMENT", actor.org() + " cannot ship to itself; moves within an"
                    + " org do not change custody");
        }
        requireObjects("ship");
        for (TrackedObject top : topTargets()) {
            requireOwner(top);
            requireActive(top);
            requireUnpacked(top, "ship");
            List<TrackedObject> all = subtree(top);
            requireNotRecalled(all);
            for (TrackedObject o : all) {
                requireActive(o);
                put(o.shipped(to), "shipped to " + to + within(o, top));
            }
        }
    }

    private void receive() {
        requireObjects("receive");
        List<TrackedObject> tops = topTargets();
        requireOwnStep(othersReceipt(tops));
        if (tops.stream().allMatch(o -> o.status() == UnitStatus.ACTIVE && actor.org().equals(o.owner()))) {
            throw new ContractException("ALREADY_RECEIVED", actor.org() + " already holds "
                    + String.join(", ", tops.stream().map(TrackedObject::label).limit(3).toList())
                    + (tops.size() > 3 ? " and " + (tops.size() - 3) + " more" : "")
                    + ": the receipt was recorded before (not suspect)");
        }
        for (TrackedObject top : tops) {
            if (top.status() != UnitStatus.IN_TRANSIT || !actor.org().equals(top.shippedTo())) {
                throw new ContractException("NOT_SHIPPED_TO_YOU", top.label() + " was not shipped to "
                        + actor.org() + ": it is " + describe(top));
            }
            requireUnpacked(top, "receive");
            String from = top.shippedFrom();
            // a recalled lot may still be received, so stock caught in transit can be quarantined and destroyed
            for (TrackedObject o : subtree(top)) {
                if (o.status() != UnitStatus.IN_TRANSIT || !actor.org().equals(o.shippedTo())) {
                    throw new ContractException("NOT_SHIPPED_TO_YOU", o.label() + " in " + top.label()
                            + " was not shipped to " + actor.org() + ": it is " + describe(o));
                }
                put(o.received(actor.org(), locationOr(actor.org())), "received from " + from + within(o, top));
            }
        }
    }

    private void dispense() {
        actor.requireRole("pharmacy", "NOT_PHARMACY", "dispense packs");
        requireObjects("dispense");
        for (Epc epc : op.objects()) {
            if (!(epc instanceof Sgtin)) {
                throw new ContractException("DISPENSE_NOT_SGTIN", ObjectIds.label(epc)
                        + " is a case; packs are dispensed one by one");
            }
            TrackedObject unit = require(epc);
            LotRecord lot = lot(unit.gtin(), unit.lot()).orElse(null);
            switch (Verdict.of(unit, lot, now)) {
                case GENUINE -> { }
                case RECALLED -> throw recalled(unit);
                case EXPIRED -> throw new ContractException("UNIT_EXPIRED", unit.label() + " expired on "
                        + unit.expiry() + " and must not be dispensed");
                default -> requireActive(unit);
            }
            if (unit.status() == UnitStatus.IN_TRANSIT) {
                requireActive(unit);
            }
            requireOwner(unit);
            put(detach(unit).withStatus(UnitStatus.DISPENSED).at(locationOr(unit.location())), "dispensed");
        }
    }

    /** Decommissioning and destruction: the objects (and their contents) leave the supply chain. */
    private void end(UnitStatus to, Set<UnitStatus> allowedFrom, String sentence) {
        requireObjects(op.kind().method());
        for (TrackedObject top : topTargets()) {
            requireOwner(top);
            List<TrackedObject> all = subtree(top);
            for (TrackedObject o : all) {
                if (!allowedFrom.contains(o.status())) {
                    requireActive(o); // throws the code of the status it is in
                }
            }
            TrackedObject first = detach(top);
            for (TrackedObject o : all) {
                TrackedObject current = o.key().equals(top.key()) ? first : o;
                put(current.withStatus(to).at(locationOr(current.location())),
                        sentence + within(o, top) + (op.reason() == null ? "" : ": " + op.reason()));
            }
        }
    }

    private void reportStolen() {
        requireObjects("reportStolen");
        for (TrackedObject top : topTargets()) {
            boolean holder = actor.org().equals(top.owner())
                    || top.status() == UnitStatus.IN_TRANSIT && actor.org().equals(top.shippedTo());
            if (!holder && !actor.hasRole("authority")) {
                throw new ContractException("NOT_OWNER", top.label() + " is held by " + top.owner()
                        + "; only its holder, the receiver of its shipment or an authority may report it stolen");
            }
            List<TrackedObject> all = subtree(top);
            for (TrackedObject o : all) {
                if (o.status() != UnitStatus.ACTIVE && o.status() != UnitStatus.IN_TRANSIT) {
                    requireActive(o);
                }
            }
            TrackedObject first = detach(top);
            for (TrackedObject o : all) {
                TrackedObject current = o.key().equals(top.key()) ? first : o;
                put(current.withStatus(UnitStatus.STOLEN), "reported stolen by " + actor.org() + within(o, top)
                        + (op.reason() == null ? "" : ": " + op.reason()));
            }
        }
    }

    // ---- another party's step ----

    /**
     * An event that records another org's half of a step the ledger already knows about (in a full-history EPCIS
     * document, say) is not the submitter's to sign: it is refused NOT_APPLIED, which is not suspect. Only a step
     * the state attributes to one other org, and consistent with it, counts; anything else goes on to the
     * ordinary checks and their suspect codes.
     */
    private void requireOwnStep(Optional<String> otherParty) {
        otherParty.ifPresent(sentence -> {
            throw new ContractException("NOT_APPLIED", sentence + "; " + actor.org() + " cannot sign it, so it is"
                    + " not applied (not suspect)");
        });
    }

    /** Commissioning of packs all already commissioned, alike, by another org holding the GTINs' prefix. */
    private Optional<String> othersCommissioning() {
        if (op.objects().isEmpty()) {
            return Optional.empty();
        }
        String by = null;
        for (Epc epc : op.objects()) {
            if (!(epc instanceof Sgtin)) {
                return Optional.empty();
            }
            TrackedObject u = load(ObjectIds.key(epc)).orElse(null);
            if (u == null || u.createdBy().equals(actor.org()) || !u.lot().equals(op.lot())
                    || !u.expiry().equals(op.expiry()) || (by != null && !by.equals(u.createdBy()))) {
                return Optional.empty();
            }
            if (prefixes == null) {
                prefixes = new CompanyPrefixes(ctx.state());
            }
            String holder = prefixes.ofGtin(u.gtin()).map(CompanyPrefixes.Holder::org).orElse(null);
            if (!u.createdBy().equals(holder)) {
                return Optional.empty();
            }
            by = u.createdBy();
        }
        return Optional.of("the event is " + by + "'s commissioning of " + op.objects().size()
                + " pack(s), already on the ledger with the same lot and expiry");
    }

    /** A shipment to the signer's org of objects another org holds (or already shipped to it). */
    private Optional<String> othersShipmentToUs() {
        String by = null;
        for (Epc epc : op.objects()) {
            TrackedObject o = load(ObjectIds.key(epc)).orElse(null);
            if (o == null || o.owner().equals(actor.org()) || (by != null && !by.equals(o.owner()))) {
                return Optional.empty();
            }
            by = o.owner();
        }
        return by == null ? Optional.empty() : Optional.of("the event is " + by + "'s shipment to " + actor.org()
                + "; " + actor.org() + "'s half is the receipt");
    }

    /** The receipt, by the receiving org, of the signer's own shipment. */
    private Optional<String> othersReceipt(List<TrackedObject> tops) {
        String by = null;
        for (TrackedObject o : tops) {
            if (o.status() != UnitStatus.IN_TRANSIT || !actor.org().equals(o.shippedFrom())
                    || actor.org().equals(o.shippedTo()) || (by != null && !by.equals(o.shippedTo()))) {
                return Optional.empty();
            }
            by = o.shippedTo();
        }
        return by == null ? Optional.empty() : Optional.of("the event is " + by + "'s receipt of " + actor.org()
                + "'s shipment");
    }

    // ---- checks ----

    private void requireObjects(String doing) {
        if (op.objects().isEmpty()) {
            throw new ContractException("ARGS_INVALID", doing + " needs at least one pack or case in 'epcs'");
        }
    }

    private Sscc requireContainerArg() {
        if (op.container() == null) {
            throw new ContractException("CONTAINER_REQUIRED", op.kind().method() + " needs the case's SSCC in 'container'");
        }
        return op.container();
    }

    private void requireOwner(TrackedObject o) {
        if (!actor.org().equals(o.owner())) {
            throw new ContractException("NOT_OWNER", o.label() + " is owned by " + o.owner() + ", not "
                    + actor.org());
        }
    }

    /** The object must be ACTIVE: in circulation and not on its way somewhere. */
    private void requireActive(TrackedObject o) {
        switch (o.status()) {
            case ACTIVE, RECALLED -> { }
            case IN_TRANSIT -> throw new ContractException("UNIT_IN_TRANSIT", o.label() + " is in transit from "
                    + o.shippedFrom() + " to " + o.shippedTo() + " and must be received first");
            case DISPENSED -> throw new ContractException("ALREADY_DISPENSED", o.label() + " was already dispensed");
            case DECOMMISSIONED -> throw new ContractException("UNIT_DECOMMISSIONED", o.label() + " was decommissioned");
            case DESTROYED -> throw new ContractException("UNIT_DESTROYED", o.label() + " was destroyed");
            case STOLEN -> throw new ContractException("UNIT_STOLEN", o.label() + " was reported stolen");
        }
    }

    private void requireUnpacked(TrackedObject o, String doing) {
        if (o.container() != null && !namedKeys().contains(o.container())) {
            throw new ContractException("UNIT_PACKED", o.label() + " is packed in " + labelOf(o.container())
                    + "; " + doing + " that case, or unpack it first");
        }
    }

    private void requireNotRecalled(List<TrackedObject> objects) {
        for (TrackedObject o : objects) {
            if (o.kind() == ObjectKind.SGTIN && lot(o.gtin(), o.lot()).map(LotRecord::recalled).orElse(false)) {
                throw recalled(o);
            }
        }
    }

    private ContractException recalled(TrackedObject unit) {
        LotRecord lot = lot(unit.gtin(), unit.lot()).orElseThrow();
        return new ContractException("LOT_RECALLED", unit.label() + " belongs to lot " + unit.lot()
                + ", recalled by " + lot.recalledBy() + (lot.recallReason() == null ? "" : ": " + lot.recallReason()));
    }

    private void requirePrefixHolder(String gtin) {
        if (prefixes == null) {
            prefixes = new CompanyPrefixes(ctx.state());
        }
        Optional<CompanyPrefixes.Holder> holder = prefixes.ofGtin(gtin);
        if (holder.isEmpty()) {
            throw new ContractException("PREFIX_NOT_OWNED", "GTIN " + gtin + " is not under any company prefix"
                    + " registered on the ledger; " + actor.org() + " may commission only its own GTINs");
        }
        if (!holder.get().org().equals(actor.org())) {
            throw new ContractException("PREFIX_NOT_OWNED", "GTIN " + gtin + " is under company prefix "
                    + holder.get().prefix() + " of " + holder.get().org() + ", not of " + actor.org());
        }
    }

    private static String requireLot(String lot) {
        if (lot == null || lot.isEmpty()) {
            throw new ContractException("LOT_REQUIRED", "commissioning needs the packs' lot number (ilmd"
                    + " cbvmda:lotNumber, or 'lot')");
        }
        if (lot.length() > 20 || !lot.chars().allMatch(c -> c < 128 && CSET82.indexOf(c) >= 0)) {
            throw new ContractException("LOT_INVALID", "lot '" + lot + "' must be 1 to 20 characters of GS1"
                    + " character set 82");
        }
        return lot;
    }

    private static String requireExpiry(String expiry) {
        if (expiry == null || expiry.isEmpty()) {
            throw new ContractException("EXPIRY_REQUIRED", "commissioning needs the packs' expiry date (ilmd"
                    + " cbvmda:itemExpirationDate, or 'expiry' as yyyy-MM-dd)");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(expiry);
        } catch (DateTimeParseException e) {
            throw new ContractException("EXPIRY_INVALID", "expiry '" + expiry + "' is not a yyyy-MM-dd date");
        }
        if (!date.toString().equals(expiry)) {
            throw new ContractException("EXPIRY_INVALID", "expiry '" + expiry + "' must be written yyyy-MM-dd");
        }
        // an expiry in the past is accepted (stock recorded for traceability until destroyed): such packs
        // verify EXPIRED and can never be dispensed
        return expiry;
    }

    // ---- reading ----

    private Optional<TrackedObject> load(String key) {
        return loaded.computeIfAbsent(key, k -> ctx.state().get(k)
                .map(b -> CanonicalJson.decode(b, TrackedObject.class)));
    }

    /**
     * The named object; a pack whose lot or expiry differs from what the event says it carries is refused
     * LOT_MISMATCH / EXPIRY_MISMATCH (suspect: no genuine pack carries such a label).
     */
    private TrackedObject require(Epc epc) {
        TrackedObject o = load(ObjectIds.key(epc)).orElseThrow(() -> epc instanceof Sgtin
                ? new ContractException("UNIT_UNKNOWN", ObjectIds.label(epc) + " was never commissioned")
                : new ContractException("CONTAINER_UNKNOWN", ObjectIds.label(epc) + " is not a known case"));
        Operation.Label label = op.labels().get(o.key());
        if (label != null) {
            List<LabelMismatch> mismatches = LabelMismatch.of(o, label.lot(), label.expiry());
            if (!mismatches.isEmpty()) {
                LabelMismatch first = mismatches.getFirst();
                throw new ContractException(first.verdict().name(), String.join("; ",
                        mismatches.stream().map(m -> m.sentence(o)).toList()));
            }
        }
        return o;
    }

    private Optional<LotRecord> lot(String gtin, String lot) {
        String key = SupplyChainKeys.lot(gtin, lot);
        if (changedLots.containsKey(key)) {
            return Optional.of(changedLots.get(key));
        }
        if (!lots.containsKey(key)) {
            lots.put(key, ctx.state().get(key).map(b -> CanonicalJson.decode(b, LotRecord.class)).orElse(null));
        }
        return Optional.ofNullable(lots.get(key));
    }

    private Set<String> namedKeys() {
        Set<String> keys = new LinkedHashSet<>();
        op.objects().forEach(e -> keys.add(ObjectIds.key(e)));
        return keys;
    }

    /**
     * The named objects that are not inside another named object: a case and its contents may both be listed
     * (as an EPCIS AggregationEvent does), and the contents then follow the case.
     */
    private List<TrackedObject> topTargets() {
        Set<String> named = namedKeys();
        List<TrackedObject> tops = new ArrayList<>();
        for (Epc epc : op.objects()) {
            TrackedObject o = require(epc);
            Set<String> ancestors = ancestorsOf(o);
            if (ancestors.stream().noneMatch(named::contains)) {
                tops.add(o);
            }
        }
        return tops;
    }

    /** Keys of the cases an object is in, innermost first. */
    private Set<String> ancestorsOf(TrackedObject o) {
        Set<String> out = new LinkedHashSet<>();
        String parent = o.container();
        while (parent != null) {
            if (!out.add(parent) || out.size() > MAX_DEPTH) {
                throw new ContractException("CONTAINER_CYCLE", o.label() + " is nested too deep");
            }
            String p = parent;
            parent = load(p).orElseThrow(() -> corrupt(p)).container();
        }
        return out;
    }

    private int depthBelow(List<Epc> objects) {
        int max = 0;
        for (Epc epc : objects) {
            max = Math.max(max, depth(load(ObjectIds.key(epc)).orElseThrow(), 1));
        }
        return max;
    }

    private int depth(TrackedObject o, int level) {
        if (level > MAX_DEPTH) {
            return level;
        }
        int max = 0;
        for (String child : o.children()) {
            TrackedObject c = load(child).orElseThrow(() -> corrupt(child));
            if (c.kind() == ObjectKind.SSCC) {
                max = Math.max(max, 1 + depth(c, level + 1));
            }
        }
        return max;
    }

    /** The object and everything packed in it, the object first. */
    private List<TrackedObject> subtree(TrackedObject top) {
        List<TrackedObject> out = new ArrayList<>();
        collect(top, out, 0);
        return out;
    }

    private void collect(TrackedObject o, List<TrackedObject> out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ContractException("CONTAINER_CYCLE", o.label() + " is nested too deep");
        }
        out.add(o);
        if (changed.size() + out.size() > MAX_OBJECTS) {
            throw new ContractException("TOO_MANY_OBJECTS", "the event would change more than " + MAX_OBJECTS
                    + " objects; split it");
        }
        for (String child : o.children()) {
            collect(load(child).orElseThrow(() -> corrupt(child)), out, depth + 1);
        }
    }

    /** Takes an object out of the case it is packed in (when it leaves the supply chain on its own). */
    private TrackedObject detach(TrackedObject o) {
        if (o.container() == null) {
            return o;
        }
        String parentKey = o.container();
        TrackedObject parent = load(parentKey).orElseThrow(() -> corrupt(parentKey));
        List<String> children = new ArrayList<>(parent.children());
        children.remove(o.key());
        put(parent.withChildren(children), o.label() + " taken out");
        return o.inContainer(null);
    }

    private String within(TrackedObject o, TrackedObject top) {
        return o.key().equals(top.key()) ? "" : " (in " + top.label() + ")";
    }

    private String labelOf(String key) {
        return load(key).map(TrackedObject::label).orElse(key);
    }

    private String locationOr(String fallback) {
        return op.location() != null ? op.location() : fallback;
    }

    private static String describe(TrackedObject o) {
        return switch (o.status()) {
            case IN_TRANSIT -> "in transit from " + o.shippedFrom() + " to " + o.shippedTo();
            case ACTIVE -> "held by " + o.owner();
            default -> o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (owner "
                    + o.owner() + ")";
        };
    }

    private static ContractException corrupt(String key) {
        return new ContractException("STATE_INCONSISTENT", "supply-chain state refers to missing " + key);
    }

    // ---- writing ----

    private void put(TrackedObject o, String detail) {
        loaded.put(o.key(), Optional.of(o));
        changed.put(o.key(), changed.containsKey(o.key()) ? changed.get(o.key()) + "; " + detail : detail);
    }

    private int write() {
        for (Map.Entry<String, String> e : changed.entrySet()) {
            TrackedObject o = loaded.get(e.getKey()).orElseThrow().recorded(txId, now);
            ctx.state().put(SupplyChainKeys.event(o.key(), o.eventCount()), CanonicalJson.encode(new CustodyEvent(
                    o.eventCount(), op.kind(), txId, ctx.blockHeight(), now, actor.org(), actor.signerId(),
                    eventIndex, op.eventId(), o.location(), e.getValue(),
                    op.context() == null ? null : op.context().eventTime(),
                    op.context() == null ? null : op.context().eventTimeZoneOffset(),
                    op.context() == null ? null : op.context().readPoint(),
                    op.context() == null ? null : op.context().bizLocation())));
            ctx.state().put(o.key(), CanonicalJson.encode(o));
        }
        changedLots.forEach((k, v) -> ctx.state().put(k, CanonicalJson.encode(v)));
        if (op.eventId() != null) {
            ctx.state().put(SupplyChainKeys.epcisEvent(op.eventId()),
                    CanonicalJson.encode(new EpcisEventRecord(op.eventId(), txId, eventIndex, actor.org())));
        }
        EventKind kind = op.kind();
        boolean packing = kind == EventKind.PACK || kind == EventKind.UNPACK;
        boolean commissioning = kind == EventKind.COMMISSION;
        ctx.emit(kind.eventType(), new SupplyChainEvent(kind.method(), actor.org(), actor.signerId(),
                op.objects().stream().map(ObjectIds::label).toList(), changed.size(),
                packing ? op.container().toElementString() : null, kind == EventKind.SHIP ? op.to() : null,
                commissioning ? op.lot() : null, commissioning ? op.expiry() : null, op.location(), op.reason(),
                eventIndex, op.eventId()));
        return changed.size();
    }
}
