package org.careledger.epcis;

import java.util.Locale;

/**
 * CBV 2.0 business transaction types (purchase order, despatch advice, invoice, ...) that an event refers
 * to.
 * {@link #OTHER} stands for a user-defined URI; the URI itself is in {@link CbvValue#value()}.
 */
public enum BizTransactionType {
    BOL,
    CERT,
    DESADV,
    INV,
    PEDIGREE,
    PO,
    POC,
    PRODORDER,
    RECADV,
    RMA,
    TESTPRD,
    TESTRES,
    UPEVT,
    OTHER;

    private static final CbvVocabulary<BizTransactionType> VOCABULARY =
            new CbvVocabulary<>(BizTransactionType.class, OTHER, "urn:epcglobal:cbv:btt:", "BTT-");

    /** Normalizes the short name, the URN or the CBV web URI of a term; other URIs become {@link #OTHER}. */
    public static CbvValue<BizTransactionType> parse(String raw) {
        return VOCABULARY.parse(raw);
    }

    /** The CBV short name, as written in EPCIS 2.0 JSON-LD. */
    public String cbvName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
