package org.careledger.fhir;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A patient Bundle split into one entry per resource, in input order. Immutable; its fullUrl and {@code Type/id}
 * indexes are built once, in the constructor, so resolving every reference of a Bundle is linear in its size.
 * For Bundles too large to hold as plaintext at once see {@link BundleIndex}.
 */
public final class SplitBundle {
    private final String patientResourceId;
    private final List<FhirResourceEntry> entries;
    private final EntryResolver<FhirResourceEntry> resolver;
    private final FhirResourceEntry patient;

    /**
     * @param patientResourceId the id of the Bundle's single Patient resource
     * @param entries           every entry; fullUrls are unique
     */
    public SplitBundle(String patientResourceId, List<FhirResourceEntry> entries) {
        if (patientResourceId == null || patientResourceId.isBlank()) {
            throw new IllegalArgumentException("patientResourceId is required");
        }
        this.patientResourceId = patientResourceId;
        this.entries = List.copyOf(entries);
        this.resolver = new EntryResolver<>(this.entries, FhirResourceEntry::fullUrl, FhirResourceEntry::resourceType,
                FhirResourceEntry::resourceId); // fails on duplicate fullUrls
        this.patient = this.entries.stream()
                .filter(e -> e.resourceType().equals("Patient") && patientResourceId.equals(e.resourceId()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Patient entry with id " + patientResourceId));
    }

    public String patientResourceId() {
        return patientResourceId;
    }

    public List<FhirResourceEntry> entries() {
        return entries;
    }

    /** Entries by fullUrl, in input order (built once). */
    public Map<String, FhirResourceEntry> byFullUrl() {
        return resolver.byFullUrl();
    }

    /** The Patient entry. */
    public FhirResourceEntry patient() {
        return patient;
    }

    /**
     * The entry a reference points to inside this Bundle: by fullUrl (how Synthea's {@code urn:uuid:} references
     * work), or for a relative {@code Type/id} reference by resource type and id. A hash lookup.
     */
    public Optional<FhirResourceEntry> resolve(String reference) {
        return resolver.resolve(reference);
    }

    /**
     * References that look Bundle-internal ({@code urn:…} or relative {@code Type/id}) but match no entry. Conditional
     * references ({@code Type?query}) and absolute URLs are meant for the receiving server and are not counted.
     * Empty means a re-assembled Bundle resolves.
     */
    public SortedSet<String> danglingReferences() {
        SortedSet<String> dangling = new TreeSet<>();
        for (FhirResourceEntry entry : entries) {
            for (String reference : entry.references()) {
                if (resolver.dangling(reference)) {
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

    @Override
    public boolean equals(Object o) {
        return o instanceof SplitBundle s && patientResourceId.equals(s.patientResourceId) && entries.equals(s.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(patientResourceId, entries);
    }

    @Override
    public String toString() {
        return "SplitBundle[patient " + patientResourceId + ", " + entries.size() + " entries]";
    }
}
