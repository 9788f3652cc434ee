package org.careledger.fhir;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves references against a Bundle's entries, with both indexes built once: by fullUrl, and by
 * {@code Type/id} for relative references. Resolving is a hash lookup, so a Bundle's references resolve in linear time.
 */
final class EntryResolver<T> {
    // a relative literal reference: Type/id, optionally version-specific (FHIR R4 "Literal references")
    static final Pattern RELATIVE = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(/_history/.+)?");

    private final Map<String, T> byFullUrl;
    private final Map<String, T> byTypeAndId;

    EntryResolver(List<T> entries, Function<T, String> fullUrl, Function<T, String> type, Function<T, String> id) {
        Map<String, T> urls = new LinkedHashMap<>(entries.size() * 2);
        Map<String, T> typed = new HashMap<>(entries.size() * 2);
        for (T entry : entries) {
            String url = fullUrl.apply(entry);
            if (urls.putIfAbsent(url, entry) != null) {
                throw FhirErrorCode.FHIR_DUPLICATE_FULL_URL.exception("two entries have fullUrl " + url);
            }
            String resourceId = id.apply(entry);
            if (resourceId != null) {
                typed.putIfAbsent(type.apply(entry) + "/" + resourceId, entry); // the first, as a scan would find
            }
        }
        this.byFullUrl = Collections.unmodifiableMap(urls);
        this.byTypeAndId = typed;
    }

    Map<String, T> byFullUrl() {
        return byFullUrl;
    }

    /** By fullUrl (how Synthea's {@code urn:uuid:} references work), or for {@code Type/id} by type and id. */
    Optional<T> resolve(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        T exact = byFullUrl.get(reference);
        if (exact != null) {
            return Optional.of(exact);
        }
        Matcher relative = RELATIVE.matcher(reference);
        if (!relative.matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byTypeAndId.get(relative.group(1) + "/" + relative.group(2)));
    }

    /** Looks Bundle-internal ({@code urn:…} or relative {@code Type/id}) but resolves to no entry. */
    boolean dangling(String reference) {
        boolean internal = reference.startsWith("urn:") || RELATIVE.matcher(reference).matches();
        return internal && resolve(reference).isEmpty();
    }
}
