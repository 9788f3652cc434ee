package org.careledger.fhir;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A patient Bundle indexed without its content: per entry its fullUrl, type, id, references and byte range in the
 * source. Memory is a few hundred bytes per entry whatever the resources weigh; {@link #resource(Entry)} parses one
 * entry again (strictly, as {@link BundleSplitter#split} does) and returns its canonical JSON, so a caller holds the
 * plaintext of only the entries it is working on.
 */
public final class BundleIndex {

    /**
     * One entry.
     *
     * @param index the position in {@code Bundle.entry}
     * @param from  byte offset of the entry object in the source
     * @param to    byte offset just past it
     */
    public record Entry(int index, String fullUrl, String resourceType, String resourceId, List<String> references,
                        long from, long to) {
        public Entry {
            references = List.copyOf(references);
        }

        /** How error messages and reports name the entry. */
        public String describe() {
            return "Bundle.entry[" + index + "] (" + resourceType + " " + fullUrl + ")";
        }
    }

    private final BundleSplitter splitter;
    private final BundleSource source;
    private final String patientResourceId;
    private final List<Entry> entries;
    private final EntryResolver<Entry> resolver;
    private final Entry patient;

    BundleIndex(BundleSplitter splitter, BundleSource source, String patientResourceId, List<Entry> entries) {
        this.splitter = splitter;
        this.source = source;
        this.patientResourceId = patientResourceId;
        this.entries = List.copyOf(entries);
        this.resolver = new EntryResolver<>(this.entries, Entry::fullUrl, Entry::resourceType, Entry::resourceId);
        this.patient = this.entries.stream()
                .filter(e -> e.resourceType().equals("Patient") && patientResourceId.equals(e.resourceId()))
                .findFirst().orElseThrow();
    }

    public String patientResourceId() {
        return patientResourceId;
    }

    public Entry patient() {
        return patient;
    }

    public List<Entry> entries() {
        return entries;
    }

    public Map<String, Entry> byFullUrl() {
        return resolver.byFullUrl();
    }

    /** As {@link SplitBundle#resolve}: a hash lookup by fullUrl or {@code Type/id}. */
    public Optional<Entry> resolve(String reference) {
        return resolver.resolve(reference);
    }

    /** The entry's resource as canonical JSON, read and parsed again from the source. */
    public FhirResourceEntry resource(Entry entry) {
        return splitter.materialize(source.slice(entry.from(), entry.to()), entry.index());
    }
}
