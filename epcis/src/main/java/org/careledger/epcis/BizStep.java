package org.careledger.epcis;

import java.util.Locale;

/**
 * CBV 2.0 business steps (why an event happened). A medicine pack goes through commissioning, packing, shipping,
 * receiving, and finally dispensing or decommissioning.
 * {@link #OTHER} stands for a user-defined URI; the URI itself is in {@link CbvValue#value()}. CBV's own
 * {@code other} term is also {@link #OTHER}, with value {@code other}.
 */
public enum BizStep {
    ACCEPTING,
    ARRIVING,
    ASSEMBLING,
    COLLECTING,
    COMMISSIONING,
    CONSIGNING,
    CREATING_CLASS_INSTANCE,
    CYCLE_COUNTING,
    DECOMMISSIONING,
    DEPARTING,
    DESTROYING,
    DISASSEMBLING,
    DISPENSING,
    ENCODING,
    ENTERING_EXITING,
    HOLDING,
    INSPECTING,
    INSTALLING,
    KILLING,
    LOADING,
    PACKING,
    PICKING,
    RECEIVING,
    REMOVING,
    REPACKAGING,
    REPAIRING,
    REPLACING,
    RESERVING,
    RETAIL_SELLING,
    SAMPLING,
    SENSOR_REPORTING,
    SHIPPING,
    STAGING_OUTBOUND,
    STOCK_TAKING,
    STOCKING,
    STORING,
    TRANSPORTING,
    UNLOADING,
    UNPACKING,
    VOID_SHIPPING,
    OTHER;

    private static final CbvVocabulary<BizStep> VOCABULARY =
            new CbvVocabulary<>(BizStep.class, OTHER, "urn:epcglobal:cbv:bizstep:", "BizStep-");

    /** Normalizes the short name, the URN or the CBV web URI of a term; other URIs become {@link #OTHER}. */
    public static CbvValue<BizStep> parse(String raw) {
        return VOCABULARY.parse(raw);
    }

    /** The CBV short name, as written in EPCIS 2.0 JSON-LD. */
    public String cbvName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
