package org.careledger.epcis;

import java.util.Locale;

/**
 * CBV 2.0 source/destination types: who owned or held the goods, and where they were, before and after a
 * transfer.
 * {@link #OTHER} stands for a user-defined URI; the URI itself is in {@link CbvValue#value()}.
 */
public enum SourceDestType {
    OWNING_PARTY,
    POSSESSING_PARTY,
    LOCATION,
    OTHER;

    private static final CbvVocabulary<SourceDestType> VOCABULARY =
            new CbvVocabulary<>(SourceDestType.class, OTHER, "urn:epcglobal:cbv:sdt:", "SDT-");

    /** Normalizes the short name, the URN or the CBV web URI of a term; other URIs become {@link #OTHER}. */
    public static CbvValue<SourceDestType> parse(String raw) {
        return VOCABULARY.parse(raw);
    }

    /** The CBV short name, as written in EPCIS 2.0 JSON-LD. */
    public String cbvName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
