package org.careledger.fhir;

import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Splits a patient's Bundle (Synthea-style transaction, or a batch or collection) into one record per resource,
 * because the ledger stores and grants access to each resource separately. References are kept exactly as written
 * (e.g. {@code urn:uuid:…}) and every entry keeps its fullUrl, so the records re-assemble into a Bundle whose
 * references resolve.
 *
 * <p>Rejections ({@link org.careledger.core.CareledgerException} codes): {@code FHIR_MALFORMED} (not UTF-8 JSON, or
 * not valid FHIR R4), {@code FHIR_NOT_A_BUNDLE}, {@code FHIR_BUNDLE_TYPE_UNSUPPORTED}, {@code FHIR_NO_PATIENT},
 * {@code FHIR_MULTIPLE_PATIENTS}, {@code FHIR_PATIENT_WITHOUT_ID}, {@code FHIR_ENTRY_WITHOUT_RESOURCE},
 * {@code FHIR_ENTRY_UNADDRESSABLE}, {@code FHIR_DUPLICATE_FULL_URL}.
 */
public final class BundleSplitter {

    // the Bundle types whose entries are resources being submitted; search results, histories, documents and
    // messages have other meanings for their entries and are not patient records to ingest as-is
    private static final Set<BundleType> INGESTIBLE = Set.of(BundleType.TRANSACTION, BundleType.BATCH,
            BundleType.COLLECTION);

    private final FhirR4 fhir;

    public BundleSplitter(FhirR4 fhir) {
        this.fhir = Objects.requireNonNull(fhir, "fhir");
    }

    public SplitBundle split(byte[] bundleJson) {
        JsonShape shape = JsonShape.of(bundleJson);
        if (!shape.isObject() || !"Bundle".equals(shape.resourceType())) {
            throw FhirErrorCode.FHIR_NOT_A_BUNDLE.exception("expected a Bundle resource, got " + shape.describe());
        }
        Bundle bundle = fhir.parseResource(Bundle.class, bundleJson);
        if (!bundle.hasType() || !INGESTIBLE.contains(bundle.getType())) {
            throw FhirErrorCode.FHIR_BUNDLE_TYPE_UNSUPPORTED.exception("Bundle type "
                    + (bundle.hasType() ? bundle.getType().toCode() : "(missing)")
                    + " cannot be ingested; expected transaction, batch or collection");
        }

        FhirTerser terser = fhir.context().newTerser();
        List<FhirResourceEntry> entries = new ArrayList<>(bundle.getEntry().size());
        Set<String> fullUrls = new HashSet<>();
        String patientId = null;
        int patients = 0;
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            BundleEntryComponent entry = bundle.getEntry().get(i);
            if (!entry.hasResource()) {
                throw FhirErrorCode.FHIR_ENTRY_WITHOUT_RESOURCE.exception("Bundle.entry[" + i + "]"
                        + (entry.hasFullUrl() ? " (" + entry.getFullUrl() + ")" : "") + " has no resource");
            }
            Resource resource = entry.getResource();
            String type = resource.fhirType();
            String id = resource.getIdElement().getIdPart();
            String fullUrl = entry.hasFullUrl() ? entry.getFullUrl() : id == null ? null : type + "/" + id;
            if (fullUrl == null) {
                throw FhirErrorCode.FHIR_ENTRY_UNADDRESSABLE.exception("Bundle.entry[" + i + "] (" + type
                        + ") has neither fullUrl nor resource id, so no record could reference it");
            }
            if (!fullUrls.add(fullUrl)) {
                throw FhirErrorCode.FHIR_DUPLICATE_FULL_URL.exception("Bundle.entry[" + i + "] repeats fullUrl "
                        + fullUrl);
            }
            if (type.equals("Patient")) {
                patients++;
                if (id == null) {
                    throw FhirErrorCode.FHIR_PATIENT_WITHOUT_ID.exception("the Patient in Bundle.entry[" + i
                            + "] has no id");
                }
                patientId = id;
            }
            entries.add(new FhirResourceEntry(fullUrl, type, id, fhir.encode(resource), references(terser, resource)));
        }
        if (patients == 0) {
            throw FhirErrorCode.FHIR_NO_PATIENT.exception("the Bundle has no Patient entry, so its "
                    + entries.size() + " resources would belong to no one");
        }
        if (patients > 1) {
            throw FhirErrorCode.FHIR_MULTIPLE_PATIENTS.exception("the Bundle has " + patients
                    + " Patient entries; one Bundle carries one patient's records");
        }
        return new SplitBundle(patientId, entries);
    }

    private static List<String> references(FhirTerser terser, Resource resource) {
        Set<String> references = new LinkedHashSet<>();
        // Reference.getReference() is the string as written; HAPI's IdType view would normalise it
        for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            String value = reference.getReference();
            if (value != null && !value.isBlank() && !value.startsWith("#")) {
                references.add(value);
            }
        }
        return List.copyOf(references);
    }
}
