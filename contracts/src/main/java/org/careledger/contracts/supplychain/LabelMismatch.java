package org.careledger.contracts.supplychain;

import java.util.ArrayList;
import java.util.List;

/**
 * One identifier of a pack's label (its lot or its expiry) that differs from what the manufacturer commissioned:
 * no genuine pack carries such a label. The GTIN and serial are the pack's identity, so a label with an unknown
 * GTIN or serial is not a mismatch but an unknown pack ({@link Verdict#UNKNOWN}).
 *
 * @param identifier {@code lot} (GS1 AI 10) or {@code expiry} (AI 17)
 * @param labelled what the label says ({@code yyyy-MM-dd} for expiry)
 * @param commissioned what was commissioned
 */
public record LabelMismatch(String identifier, String labelled, String commissioned) {
    public static final String LOT = "lot";
    public static final String EXPIRY = "expiry";

    /** {@link Verdict#LOT_MISMATCH} or {@link Verdict#EXPIRY_MISMATCH}; also the contract's suspect code. */
    public Verdict verdict() {
        return identifier.equals(LOT) ? Verdict.LOT_MISMATCH : Verdict.EXPIRY_MISMATCH;
    }

    public String sentence(TrackedObject unit) {
        return "the pack is labelled " + (identifier.equals(LOT) ? "lot " : "to expire ") + labelled + ", but "
                + unit.label() + " was commissioned " + (identifier.equals(LOT) ? "in lot " : "to expire ")
                + commissioned + ": no genuine pack carries this label";
    }

    /**
     * The mismatches of a label against a commissioned pack, lot first; empty when the label agrees or carries
     * neither. {@code lot} and {@code expiry} ({@code yyyy-MM-dd}) may each be null (not on the label).
     */
    public static List<LabelMismatch> of(TrackedObject unit, String lot, String expiry) {
        List<LabelMismatch> out = new ArrayList<>(2);
        if (unit == null || unit.kind() != ObjectKind.SGTIN) {
            return out;
        }
        if (lot != null && !lot.equals(unit.lot())) {
            out.add(new LabelMismatch(LOT, lot, unit.lot()));
        }
        if (expiry != null && unit.expiry() != null && !expiry.equals(unit.expiry())) {
            out.add(new LabelMismatch(EXPIRY, expiry, unit.expiry()));
        }
        return out;
    }
}
