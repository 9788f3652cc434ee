package org.careledger.epcis;

import java.util.Locale;

/**
 * CBV 2.0 reasons for an error declaration, which retracts an earlier event without deleting it.
 * {@link #OTHER} stands for a user-defined URI; the URI itself is in {@link CbvValue#value()}.
 */
public enum ErrorReason {
    DID_NOT_OCCUR,
    INCORRECT_DATA,
    OTHER;

    private static final CbvVocabulary<ErrorReason> VOCABULARY =
            new CbvVocabulary<>(ErrorReason.class, OTHER, "urn:epcglobal:cbv:er:", "ER-");

    /** Normalizes the short name, the URN or the CBV web URI of a term; other URIs become {@link #OTHER}. */
    public static CbvValue<ErrorReason> parse(String raw) {
        return VOCABULARY.parse(raw);
    }

    /** The CBV short name, as written in EPCIS 2.0 JSON-LD. */
    public String cbvName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
