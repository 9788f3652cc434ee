package org.careledger.epcis;

import java.util.Locale;

/**
 * CBV 2.0 dispositions (the business state of the objects after the event), e.g. in_transit, dispensed,
 * recalled.
 * {@link #OTHER} stands for a user-defined URI; the URI itself is in {@link CbvValue#value()}.
 */
public enum Disposition {
    ACTIVE,
    AVAILABLE,
    COMPLETENESS_INFERRED,
    COMPLETENESS_VERIFIED,
    CONFORMANT,
    CONTAINER_CLOSED,
    CONTAINER_OPEN,
    DAMAGED,
    DESTROYED,
    DISPENSED,
    DISPOSED,
    ENCODED,
    EXPIRED,
    IN_PROGRESS,
    IN_TRANSIT,
    INACTIVE,
    MISMATCH_CLASS,
    MISMATCH_INSTANCE,
    MISMATCH_QUANTITY,
    NEEDS_REPLACEMENT,
    NO_PEDIGREE_MATCH,
    NON_CONFORMANT,
    NON_SELLABLE_OTHER,
    PARTIALLY_DISPENSED,
    RECALLED,
    RESERVED,
    RETAIL_SOLD,
    RETURNED,
    SELLABLE_ACCESSIBLE,
    SELLABLE_NOT_ACCESSIBLE,
    STOLEN,
    UNAVAILABLE,
    UNKNOWN,
    OTHER;

    private static final CbvVocabulary<Disposition> VOCABULARY =
            new CbvVocabulary<>(Disposition.class, OTHER, "urn:epcglobal:cbv:disp:", "Disp-");

    /** Normalizes the short name, the URN or the CBV web URI of a term; other URIs become {@link #OTHER}. */
    public static CbvValue<Disposition> parse(String raw) {
        return VOCABULARY.parse(raw);
    }

    /** The CBV short name, as written in EPCIS 2.0 JSON-LD. */
    public String cbvName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
