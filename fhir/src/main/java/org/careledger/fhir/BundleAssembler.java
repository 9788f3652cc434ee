package org.careledger.fhir;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.careledger.core.CareledgerException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;

/**
 * Rebuilds a Bundle from decrypted records for export. A collection is the plain "here are the records" form; a
 * transaction (or batch) adds {@code POST ResourceType} requests so another FHIR server can import it, resolving the
 * {@code urn:uuid:} references between entries itself — the same shape Synthea produces.
 *
 * <p>Entries keep the input order. No Bundle id or timestamp is added: the same records always give the same bytes.
 * References are kept as the records hold them; records imported from a transaction may hold conditional references
 * ({@code Practitioner?identifier=…}), which R4 allows only in a transaction, so export those as a transaction.
 */
public final class BundleAssembler {

    private static final Set<BundleType> ASSEMBLABLE = Set.of(BundleType.COLLECTION, BundleType.TRANSACTION,
            BundleType.BATCH);
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final FhirR4 fhir;

    public BundleAssembler(FhirR4 fhir) {
        this.fhir = Objects.requireNonNull(fhir, "fhir");
    }

    /** Assembles split entries, keeping each one's fullUrl so references between them resolve as they did. */
    public byte[] assemble(BundleType type, List<FhirResourceEntry> entries) {
        Bundle bundle = newBundle(type);
        Set<String> fullUrls = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            FhirResourceEntry entry = entries.get(i);
            add(bundle, type, entry.fullUrl(), parse(entry.resourceJson(), i), fullUrls);
        }
        return fhir.encode(bundle);
    }

    /**
     * Assembles bare resource JSONs (e.g. records whose fullUrl was not kept). A resource whose id is a UUID gets
     * fullUrl {@code urn:uuid:<id>}, which is how Synthea and most producers mint both fullUrls and the references
     * to them; any other resource gets no fullUrl, and references to it resolve by {@code Type/id}.
     */
    public byte[] assembleResources(BundleType type, List<byte[]> resourceJsons) {
        Bundle bundle = newBundle(type);
        Set<String> fullUrls = new HashSet<>();
        for (int i = 0; i < resourceJsons.size(); i++) {
            Resource resource = parse(resourceJsons.get(i), i);
            String id = resource.getIdElement().getIdPart();
            String fullUrl = id != null && UUID.matcher(id).matches() ? "urn:uuid:" + id : null;
            add(bundle, type, fullUrl, resource, fullUrls);
        }
        return fhir.encode(bundle);
    }

    private static Bundle newBundle(BundleType type) {
        if (type == null || !ASSEMBLABLE.contains(type)) {
            throw FhirErrorCode.FHIR_BUNDLE_TYPE_UNSUPPORTED.exception("cannot assemble a Bundle of type "
                    + (type == null ? "(none)" : type.toCode()) + "; expected collection, transaction or batch");
        }
        return new Bundle().setType(type);
    }

    private static void add(Bundle bundle, BundleType type, String fullUrl, Resource resource, Set<String> fullUrls) {
        if (fullUrl != null && !fullUrls.add(fullUrl)) {
            throw FhirErrorCode.FHIR_DUPLICATE_FULL_URL.exception("two records have fullUrl " + fullUrl);
        }
        BundleEntryComponent entry = bundle.addEntry().setResource(resource);
        if (fullUrl != null) {
            entry.setFullUrl(fullUrl);
        }
        if (type != BundleType.COLLECTION) {
            entry.getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
        }
    }

    private Resource parse(byte[] json, int index) {
        Objects.requireNonNull(json, "record " + index);
        try {
            return fhir.parseResource(json);
        } catch (CareledgerException e) {
            throw FhirErrorCode.FHIR_MALFORMED.exception("record " + index + ": " + e.getMessage(), e);
        }
    }
}
