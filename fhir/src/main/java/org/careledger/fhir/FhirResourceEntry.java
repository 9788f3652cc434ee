package org.careledger.fhir;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One resource from a patient Bundle, ready to be encrypted and stored as one ledger record.
 *
 * @param fullUrl      the entry's fullUrl (e.g. {@code urn:uuid:…}); other records reference this one by it. When the
 *                     input entry had none, {@code ResourceType/id}.
 * @param resourceType the FHIR resourceType, which the ledger keeps as the record type
 * @param resourceId   the resource's own id, or {@code null} if it has none
 * @param resourceJson the resource alone as canonical JSON (see {@link FhirR4}); copied in and out, since a
 *                     record's bytes must not change after their hash is taken
 * @param references   every reference the resource (including its contained resources) makes to another resource,
 *                     exactly as written in the input, deduplicated, in model order; local {@code #id} references
 *                     to contained resources are left out because they never leave the record
 */
public record FhirResourceEntry(String fullUrl, String resourceType, String resourceId, byte[] resourceJson,
        List<String> references) {

    public FhirResourceEntry {
        requireText(fullUrl, "fullUrl");
        requireText(resourceType, "resourceType");
        if (resourceId != null && resourceId.isBlank()) {
            throw new IllegalArgumentException("resourceId is null or non-blank");
        }
        Objects.requireNonNull(resourceJson, "resourceJson");
        if (resourceJson.length == 0) {
            throw new IllegalArgumentException("resourceJson is empty");
        }
        resourceJson = resourceJson.clone();
        references = List.copyOf(references);
    }

    @Override
    public byte[] resourceJson() {
        return resourceJson.clone();
    }

    /** Size in bytes of the canonical JSON, without copying it. */
    public int size() {
        return resourceJson.length;
    }

    // records compare arrays by identity; two entries with the same bytes are the same entry
    @Override
    public boolean equals(Object o) {
        return o instanceof FhirResourceEntry e
                && fullUrl.equals(e.fullUrl)
                && resourceType.equals(e.resourceType)
                && Objects.equals(resourceId, e.resourceId)
                && Arrays.equals(resourceJson, e.resourceJson)
                && references.equals(e.references);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fullUrl, resourceType, resourceId, Arrays.hashCode(resourceJson), references);
    }

    @Override
    public String toString() {
        // never the JSON itself: it is medical content and toString ends up in logs
        return "FhirResourceEntry[" + resourceType + " " + fullUrl + ", " + resourceJson.length + " bytes, "
                + references.size() + " references]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
