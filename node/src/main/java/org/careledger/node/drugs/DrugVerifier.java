package org.careledger.node.drugs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.careledger.api.HeaderView;
import org.careledger.api.drugs.DrugVerification;
import org.careledger.consensus.Finality;
import org.careledger.contracts.supplychain.CustodyEvent;
import org.careledger.contracts.supplychain.EventKind;
import org.careledger.contracts.supplychain.LabelMismatch;
import org.careledger.contracts.supplychain.LotRecord;
import org.careledger.contracts.supplychain.SupplyChainContract;
import org.careledger.contracts.supplychain.SupplyChainKeys;
import org.careledger.contracts.supplychain.SuspectRecord;
import org.careledger.contracts.supplychain.TrackedObject;
import org.careledger.contracts.supplychain.Verdict;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.json.CanonicalJson;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.TxLocation;
import org.careledger.epcis.gs1.PackLabel;
import org.careledger.epcis.gs1.Sgtin;
import org.careledger.ledger.ChainHead;
import org.careledger.ledger.Ledger;
import org.careledger.node.views.Views;

/**
 * Pharmacy verification of a pack against the committed state, with the pack's custody history and an inclusion
 * proof of every transaction in it. Reads only committed data; safe from any thread.
 *
 * <p>The verdict uses {@link Verdict#of}, the rule the contract applies before dispensing, at the time of the
 * node's latest block (not the node's clock, so every node answers alike at the same height). The label's lot
 * (AI 10) and expiry (AI 17), from a Digital Link (path or query), an element string or separate fields, must
 * match what was commissioned: a mismatch is LOT_MISMATCH or EXPIRY_MISMATCH, before any other verdict, since no
 * genuine pack carries that label. Verification is a read and records nothing; the contract records a suspect
 * when an event names a pack with a wrong lot or expiry, as it does for an unknown serial.
 */
public final class DrugVerifier {
    /** Custody events returned per pack (the latest ones); a pack normally has fewer than ten. */
    public static final int MAX_HISTORY = 200;
    /** Suspect events returned per pack. */
    public static final int MAX_SUSPECTS = 20;
    /** Suspect records read per listing request. */
    public static final int MAX_SUSPECT_SCAN = 100_000;
    private static final HexFormat HEX = HexFormat.of();

    private final Ledger ledger;
    private final Finality finality;
    private volatile CachedHeader cached;

    /** The head header's view without its certificate, which may still grow and is attached per request. */
    private record CachedHeader(long height, HeaderView view) {}

    public DrugVerifier(Ledger ledger, Finality finality) {
        this.ledger = ledger;
        this.finality = finality;
    }

    /**
     * Verifies a pack named by an EPC URI ({@code urn:epc:id:sgtin:…}), a GS1 Digital Link or an element string
     * (human-readable or as scanned from the DataMatrix, lot and expiry included).
     */
    public DrugVerification verify(String query) {
        return verify(query, null, null);
    }

    /**
     * As {@link #verify(String)}, with the lot and expiry ({@code yyyy-MM-dd}, or GS1 {@code YYMMDD}) printed on
     * the pack given separately, e.g. beside an EPC URI; each must agree with what the identifier itself carries.
     */
    public DrugVerification verify(String query, String lotField, String expiryField) {
        if (query == null || query.isBlank()) {
            throw new CareledgerException("BAD_REQUEST", "give the pack as an EPC URI, a GS1 Digital Link or a GS1"
                    + " element string, e.g. (01)10614141073464(21)2017");
        }
        String text = query.strip();
        Sgtin sgtin;
        String labelLot;
        String labelExpiry;
        try {
            PackLabel label = PackLabel.read(text);
            sgtin = label.sgtin();
            labelLot = field("lot", label.lot().orElse(null), blankToNull(lotField));
            labelExpiry = field("expiry", label.expiry().map(LocalDate::toString).orElse(null),
                    expiry(blankToNull(expiryField)));
        } catch (CareledgerException e) {
            throw new CareledgerException("BAD_REQUEST", "'" + text + "' is not a serialized pack: " + e.code() + ": "
                    + e.getMessage());
        }
        String gtin = sgtin.gtin().digits();
        String unitKey = SupplyChainKeys.unit(gtin, sgtin.serial());

        Optional<TrackedObject> unit = ledger.state(unitKey).map(b -> CanonicalJson.decode(b, TrackedObject.class));
        Optional<LotRecord> lot = unit.flatMap(u -> ledger.state(SupplyChainKeys.lot(u.gtin(), u.lot()))
                .map(b -> CanonicalJson.decode(b, LotRecord.class)));
        List<CustodyEvent> events = unit.map(this::history).orElse(List.of());
        List<SuspectRecord> suspects = suspects(unitKey);

        List<String> txIds = new ArrayList<>();
        events.forEach(e -> txIds.add(e.txId()));
        lot.filter(LotRecord::recalled).ifPresent(l -> txIds.add(l.recallTxId()));
        Proofs proofs = new Proofs(txIds);
        long referenceTime = proofs.head.height() == 0 ? ledger.genesis().createdAtMillis()
                : proofs.head.header().getTimestampMillis();
        List<DrugVerification.CustodyStep> steps = new ArrayList<>(events.size());
        for (CustodyEvent e : events) {
            steps.add(new DrugVerification.CustodyStep(e.seq(), e.kind().name(), e.org(), e.signer(), e.location(),
                    e.detail(), e.timeMillis(), e.eventIndex(), e.eventId(), e.txId(), proofs.of(e.txId()),
                    e.eventTime(), e.eventTimeZoneOffset(), e.readPoint(), e.bizLocation()));
        }
        DrugVerification.Lot lotView = lot.map(l -> new DrugVerification.Lot(l.lot(), l.expiry(), l.manufacturer(),
                l.units(), l.recalled(), l.recallReason(), l.recalledBy(), l.recalledAtMillis(), l.recallTxId(),
                l.recalled() ? proofs.of(l.recallTxId()) : null)).orElse(null);
        DrugVerification.Unit unitView = unit.map(u -> new DrugVerification.Unit(
                u.effectiveStatus(lot.map(LotRecord::recalled).orElse(false)).name(), u.owner(), u.location(),
                u.container() == null ? null : containerLabel(u.container()), u.shippedTo(), u.shippedFrom(), u.lot(),
                u.expiry(), u.createdBy(), u.createdAtMillis(), u.updatedAtMillis())).orElse(null);

        Verdict verdict = Verdict.of(unit.orElse(null), lot.orElse(null), referenceTime);
        String reason = reason(verdict, unit.orElse(null), lot.orElse(null), events, suspects, referenceTime);
        List<LabelMismatch> mismatches = LabelMismatch.of(unit.orElse(null), labelLot, labelExpiry);
        if (!mismatches.isEmpty()) {
            verdict = mismatches.getFirst().verdict();
            reason = String.join("; ", mismatches.stream().map(m -> m.sentence(unit.get())).toList())
                    + (suspects.isEmpty() ? "" : "; " + suspects.size() + " suspect event(s) named it");
        }
        return new DrugVerification(text, verdict.name(), reason, sgtin.toElementString(), gtin, sgtin.serial(),
                sgtin.toDigitalLink(), referenceTime, date(referenceTime).toString(), unitView, lotView, steps,
                unit.map(TrackedObject::eventCount).orElse(0L), suspects, proofs.header, labelLot, labelExpiry,
                mismatches.stream().map(m -> new DrugVerification.Mismatch(m.identifier(), m.labelled(),
                        m.commissioned())).toList());
    }

    /** Suspect events from {@code fromHeight} on, oldest first, at most {@code limit}. */
    public List<SuspectRecord> suspects(long fromHeight, int limit) {
        String from = SupplyChainKeys.SUSPECT + SupplyChainKeys.digits(Math.max(0, fromHeight), 12);
        List<SuspectRecord> out = new ArrayList<>();
        // keys sort by height, so the ones below fromHeight come first and are skipped
        ledger.scanState(SupplyChainKeys.SUSPECT, MAX_SUSPECT_SCAN).forEach((k, v) -> {
            if (out.size() < limit && k.compareTo(from) >= 0) {
                out.add(CanonicalJson.decode(v, SuspectRecord.class));
            }
        });
        return out;
    }

    private List<CustodyEvent> history(TrackedObject unit) {
        List<CustodyEvent> out = new ArrayList<>();
        for (long seq = Math.max(1, unit.eventCount() - MAX_HISTORY + 1); seq <= unit.eventCount(); seq++) {
            ledger.state(SupplyChainKeys.event(unit.key(), seq))
                    .ifPresent(b -> out.add(CanonicalJson.decode(b, CustodyEvent.class)));
        }
        return out;
    }

    private List<SuspectRecord> suspects(String objectKey) {
        List<SuspectRecord> out = new ArrayList<>();
        ledger.scanState(SupplyChainKeys.suspectsOf(objectKey), MAX_SUSPECTS).values().forEach(pointer -> {
            String key = CanonicalJson.decode(pointer, SupplyChainContract.SuspectPointer.class).suspect();
            ledger.state(key).ifPresent(b -> out.add(CanonicalJson.decode(b, SuspectRecord.class)));
        });
        return out;
    }

    private String containerLabel(String key) {
        return ledger.state(key).map(b -> CanonicalJson.decode(b, TrackedObject.class).label()).orElse(key);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The identifier's value and the separate field's must agree; either may be absent. */
    private static String field(String name, String fromIdentifier, String fromField) {
        if (fromIdentifier != null && fromField != null && !fromIdentifier.equals(fromField)) {
            throw new CareledgerException("BAD_REQUEST", "the identifier carries " + name + " " + fromIdentifier
                    + " but the " + name + " field says " + fromField);
        }
        return fromIdentifier != null ? fromIdentifier : fromField;
    }

    /** An expiry field as yyyy-MM-dd or GS1 YYMMDD (day 00 = end of month). */
    private static String expiry(String s) {
        if (s == null) {
            return null;
        }
        if (s.matches("[0-9]{6}")) {
            return PackLabel.parse("(01)00000000000000(17)" + s + "(21)0").expiry().orElseThrow().toString();
        }
        try {
            LocalDate d = LocalDate.parse(s);
            if (d.toString().equals(s)) {
                return s;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // refused below
        }
        throw new CareledgerException("BAD_REQUEST", "expiry '" + s + "' is neither yyyy-MM-dd nor YYMMDD");
    }

    private static String reason(Verdict verdict, TrackedObject unit, LotRecord lot, List<CustodyEvent> events,
                                 List<SuspectRecord> suspects, long referenceTime) {
        return switch (verdict) {
            case UNKNOWN -> "no pack with this GTIN and serial was ever commissioned on the ledger: likely counterfeit"
                    + (suspects.isEmpty() ? "" : "; " + suspects.size() + " suspect event(s) named it");
            case GENUINE -> "commissioned by " + unit.createdBy() + " (lot " + unit.lot() + ", expiry " + unit.expiry()
                    + "); " + (unit.shippedTo() != null ? "in transit from " + unit.shippedFrom() + " to "
                    + unit.shippedTo() : "held by " + unit.owner());
            case ALREADY_DISPENSED -> last(events, EventKind.DISPENSE)
                    .map(e -> "dispensed by " + e.org() + " on " + Instant.ofEpochMilli(e.timeMillis()))
                    .orElse("already dispensed") + "; a second pack with this serial is a copy";
            case DECOMMISSIONED -> events.isEmpty() ? "taken out of the supply chain"
                    : events.getLast().detail() + " by " + events.getLast().org() + " on "
                    + Instant.ofEpochMilli(events.getLast().timeMillis());
            case RECALLED -> "lot " + unit.lot() + " was recalled by " + lot.recalledBy() + " on "
                    + Instant.ofEpochMilli(lot.recalledAtMillis())
                    + (lot.recallReason() == null || lot.recallReason().isEmpty() ? "" : ": " + lot.recallReason());
            case STOLEN -> last(events, EventKind.REPORT_STOLEN).map(e -> e.detail() + " on "
                    + Instant.ofEpochMilli(e.timeMillis())).orElse("reported stolen");
            case EXPIRED -> "expired on " + unit.expiry() + "; the reference day (date of the latest block) is "
                    + date(referenceTime);
            // label verdicts come from LabelMismatch, never from Verdict.of
            case LOT_MISMATCH, EXPIRY_MISMATCH -> throw new IllegalStateException("no state verdict " + verdict);
        };
    }

    private static Optional<CustodyEvent> last(List<CustodyEvent> events, EventKind kind) {
        return events.reversed().stream().filter(e -> e.kind() == kind).findFirst();
    }

    private static LocalDate date(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Inclusion proofs of a set of transactions, all under one header: the head, read after the state, and read
     * again if a block committed in between (the state may then name a transaction the older head lacks).
     */
    private final class Proofs {
        private static final int HEAD_RETRIES = 50;
        final ChainHead head;
        final HeaderView header;
        private final Map<String, TxLocation> locations = new HashMap<>();

        Proofs(List<String> txIds) {
            long needed = 0;
            for (String tx : txIds) {
                if (tx != null && !locations.containsKey(tx)) {
                    TxLocation loc = ledger.location(Hash.fromHex(tx)).orElse(null);
                    locations.put(tx, loc);
                    if (loc != null) {
                        needed = Math.max(needed, loc.getLogIndex() + 1);
                    }
                }
            }
            ChainHead h = ledger.head();
            // the store is written before the in-memory head moves: wait that moment out
            for (int i = 0; i < HEAD_RETRIES && h.logSize() < needed; i++) {
                Thread.onSpinWait();
                Thread.yield();
                h = ledger.head();
            }
            this.head = h;
            this.header = h.height() == 0 ? null : headerAt(h.height());
        }

        DrugVerification.Proven of(String txIdHex) {
            TxLocation loc = txIdHex == null ? null : locations.get(txIdHex);
            if (loc == null) {
                return null;
            }
            if (header == null || loc.getLogIndex() >= header.logSize()) {
                return new DrugVerification.Proven(loc.getHeight(), loc.getIndex(), loc.getLogIndex(), null);
            }
            var proof = ledger.inclusionProof(loc.getLogIndex(), header.logSize());
            return new DrugVerification.Proven(loc.getHeight(), loc.getIndex(), loc.getLogIndex(),
                    Views.proof(proof, Hash.fromHex(txIdHex).bytes(), HEX.parseHex(header.logRoot())));
        }
    }

    private HeaderView headerAt(long height) {
        CachedHeader c = cached;
        if (c == null || c.height() != height) {
            Block block = ledger.block(height).orElseThrow(() -> new CareledgerException("STORE_CORRUPTED",
                    "the head is at height " + height + " but its block is missing"));
            c = new CachedHeader(height, Views.header(block, null));
            cached = c;
        }
        HeaderView v = c.view();
        var certificate = Views.certificate(finality.certificate(height).orElse(null), finality.quorum());
        return new HeaderView(v.chainId(), v.height(), v.hash(), v.prevHash(), v.timestampMillis(), v.logSize(),
                v.logRoot(), v.resultsDigest(), v.stateDigest(), v.txCount(), v.proposer(), v.headerBytes(), certificate);
    }
}
