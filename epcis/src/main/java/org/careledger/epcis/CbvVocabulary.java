package org.careledger.epcis;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Normalizes the accepted spellings of one CBV vocabulary: the short name used by EPCIS 2.0 JSON-LD, the EPCIS 1.x
 * URN, and the CBV 2.0 web URI (also as the compact {@code cbv:} form). Anything else is kept verbatim as OTHER,
 * because CBV lets trading partners define their own terms as URIs.
 */
final class CbvVocabulary<T extends Enum<T>> {
    private static final List<String> WEB_BASES =
            List.of("https://ref.gs1.org/cbv/", "http://ref.gs1.org/cbv/", "https://ns.gs1.org/cbv/",
                    "http://ns.gs1.org/cbv/", "cbv:");

    private final Map<String, T> byShortName = new HashMap<>();
    private final T other;
    private final String urnPrefix;
    private final String webTermPrefix;

    /**
     * @param urnPrefix e.g. {@code urn:epcglobal:cbv:bizstep:}
     * @param webTermPrefix e.g. {@code BizStep-}, as in {@code https://ref.gs1.org/cbv/BizStep-shipping}
     */
    CbvVocabulary(Class<T> type, T other, String urnPrefix, String webTermPrefix) {
        for (T term : type.getEnumConstants()) {
            byShortName.put(term.name().toLowerCase(Locale.ROOT), term);
        }
        this.other = other;
        this.urnPrefix = urnPrefix;
        this.webTermPrefix = webTermPrefix;
    }

    CbvValue<T> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw EpcisErrorCode.EPCIS_BAD_FIELD.exception("a CBV value must not be empty");
        }
        String shortName = shortName(raw);
        T term = shortName == null ? null : byShortName.get(shortName);
        return term == null ? new CbvValue<>(other, raw) : new CbvValue<>(term, shortName);
    }

    private String shortName(String raw) {
        if (raw.startsWith(urnPrefix)) {
            return raw.substring(urnPrefix.length());
        }
        for (String base : WEB_BASES) {
            if (raw.startsWith(base) && raw.startsWith(webTermPrefix, base.length())) {
                return raw.substring(base.length() + webTermPrefix.length());
            }
        }
        // a bare word is a short name only if it contains no scheme; "http://x/shipping" is someone else's term
        return raw.indexOf(':') < 0 ? raw : null;
    }
}
