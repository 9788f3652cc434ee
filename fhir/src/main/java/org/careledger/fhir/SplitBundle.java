package org.careledger.fhir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A patient Bundle split into one entry per resource, in input order.
 *
 * @param patientResourceId the id of the Bundle's single Patient resource
 * @param entries           every entry; fullUrls are unique
 */
public record SplitBundle(String patientResourceId, List<FhirResourceEntry> entries) {

    // a relative literal reference: Type/id, optionally version-specific (FHIR R4 "Literal references")
    private static final Pattern RELATIVE = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(/_history/.+)?");

    public SplitBundle {
        if (patientResourceId == null || patientResourceId.isBlank()) {
            throw new IllegalArgumentException("patientResourceId is required");
        }
        entries = List.copyOf(entries);
        index(entries); // fails on duplicate fullUrls
        String id = patientResourceId;
        if (entries.stream().noneMatch(e -> e.resourceType().equals("Patient") && id.equals(e.resourceId()))) {
            throw new IllegalArgumentException("no Patient entry with id " + patientResourceId);
        }
    }

    /**
     * Entries by fullUrl, in input order. Built on each call (a record holds no derived state), so keep the result
     * when resolving many references.
     */
    public Map<String, FhirResourceEntry> byFullUrl() {
        return Collections.unmodifiableMap(index(entries));
    }

    /** The Patient entry. */
    public FhirResourceEntry patient() {
        return entries.stream()
                .filter(e -> e.resourceType().equals("Patient") && patientResourceId.equals(e.resourceId()))
                .findFirst()
                .orElseThrow(); // the constructor guarantees it
    }

    /**
     * The entry a reference points to inside this Bundle: by fullUrl (how Synthea's {@code urn:uuid:} references
     * work), or for a relative {@code Type/id} reference by resource type and id.
     */
    public Optional<FhirResourceEntry> resolve(String reference) {
        return resolve(reference, byFullUrl());
    }

    /**
     * References that look Bundle-internal ({@code urn:…} or relative {@code Type/id}) but match no entry. Conditional
     * references ({@code Type?query}) and absolute URLs are meant for the receiving server and are not counted.
     * Empty means a re-assembled Bundle resolves.
     */
    public SortedSet<String> danglingReferences() {
        Map<String, FhirResourceEntry> index = byFullUrl();
        SortedSet<String> dangling = new TreeSet<>();
        for (FhirResourceEntry entry : entries) {
            for (String reference : entry.references()) {
                boolean internal = reference.startsWith("urn:") || RELATIVE.matcher(reference).matches();
                if (internal && resolve(reference, index).isEmpty()) {
                    dangling.add(reference);
                }
            }
        }
        return dangling;
    }

    /** How many entries there are of each resource type, sorted by type. */
    public SortedMap<String, Integer> resourceTypeCounts() {
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (FhirResourceEntry entry : entries) {
            counts.merge(entry.resourceType(), 1, Integer::sum);
        }
        return counts;
    }

    private Optional<FhirResourceEntry> resolve(String reference, Map<String, FhirResourceEntry> index) {
        if (reference == null) {
            return Optional.empty();
        }
        FhirResourceEntry exact = index.get(reference);
        if (exact != null) {
            return Optional.of(exact);
        }
        Matcher relative = RELATIVE.matcher(reference);
        if (!relative.matches()) {
            return Optional.empty();
        }
        return entries.stream()
                .filter(e -> e.resourceType().equals(relative.group(1)) && relative.group(2).equals(e.resourceId()))
                .findFirst();
    }

    private static Map<String, FhirResourceEntry> index(List<FhirResourceEntry> entries) {
        Map<String, FhirResourceEntry> index = new LinkedHashMap<>();
        for (FhirResourceEntry entry : entries) {
            if (index.putIfAbsent(entry.fullUrl(), entry) != null) {
                throw FhirErrorCode.FHIR_DUPLICATE_FULL_URL.exception("two entries have fullUrl " + entry.fullUrl());
            }
        }
        return index;
    }
}
