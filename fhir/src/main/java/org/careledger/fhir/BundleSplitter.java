package org.careledger.fhir;

import ca.uhn.fhir.util.FhirTerser;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.careledger.core.CareledgerException;
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

    private static final JsonFactory STREAM = JsonFactory.builder().build();
    private static final byte[] ENTRY_PREFIX = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] ENTRY_SUFFIX = "]}".getBytes(StandardCharsets.UTF_8);

    private final FhirR4 fhir;

    public BundleSplitter(FhirR4 fhir) {
        this.fhir = Objects.requireNonNull(fhir, "fhir");
    }

    public SplitBundle split(byte[] bundleJson) {
        List<FhirResourceEntry> entries = new ArrayList<>();
        String patientId = scan(BundleSource.of(bundleJson), (i, raw, entry, resource) ->
                entries.add(toEntry(entry, resource)));
        return new SplitBundle(patientId, entries);
    }

    /**
     * Indexes a Bundle without keeping its content: one streaming pass, each entry parsed (strictly) on its own and
     * dropped. Same checks and codes as {@link #split(byte[])}; memory grows with the number of entries, not with
     * their size. {@link BundleIndex#resource} reads an entry's JSON again when it is needed.
     */
    public BundleIndex index(BundleSource source) {
        List<BundleIndex.Entry> entries = new ArrayList<>();
        String patientId = scan(source, (i, from, to, entry, resource) -> entries.add(new BundleIndex.Entry(i,
                entry.fullUrl(), entry.resourceType(), entry.resourceId(), entry.references(), from, to)));
        return new BundleIndex(this, source, patientId, entries);
    }

    /** Parses one entry's bytes again and returns its resource as canonical JSON. */
    FhirResourceEntry materialize(byte[] entryJson, int index) {
        BundleEntryComponent entry = parseEntry(entryJson, index);
        return toEntry(describe(entry, index), entry.getResource());
    }

    private FhirResourceEntry toEntry(Described d, Resource resource) {
        return new FhirResourceEntry(d.fullUrl(), d.resourceType(), d.resourceId(), fhir.encode(resource), d.references());
    }

    private interface RawSink {
        void accept(int index, byte[] raw, Described entry, Resource resource);
    }

    private interface RangeSink {
        void accept(int index, long from, long to, Described entry, Resource resource);
    }

    private String scan(BundleSource source, RawSink sink) {
        return scan(source, (RangeSink) null, sink);
    }

    private String scan(BundleSource source, RangeSink sink) {
        return scan(source, sink, null);
    }

    /** What the splitter needs of one entry, without its JSON. */
    private record Described(String fullUrl, String resourceType, String resourceId, List<String> references) {}

    private String scan(BundleSource source, RangeSink ranges, RawSink raws) {
        JsonShape shape;
        try (InputStream in = source.open()) {
            shape = JsonShape.of(in);
        } catch (IOException e) {
            throw FhirErrorCode.FHIR_MALFORMED.exception("cannot read the Bundle: " + e.getMessage(), e);
        }
        if (!shape.isObject() || !"Bundle".equals(shape.resourceType())) {
            throw FhirErrorCode.FHIR_NOT_A_BUNDLE.exception("expected a Bundle resource, got " + shape.describe());
        }
        Set<String> fullUrls = new HashSet<>();
        String patientId = null;
        int patients = 0;
        int count = 0;
        ByteArrayOutputStream shell = new ByteArrayOutputStream();
        try (InputStream in = source.open(); JsonParser parser = STREAM.createParser(in);
             JsonGenerator out = STREAM.createGenerator(shell)) {
            parser.nextToken();
            out.writeStartObject();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!field.equals("entry") || value != JsonToken.START_ARRAY) {
                    out.writeFieldName(field); // the Bundle without its entries, checked by HAPI below
                    out.copyCurrentStructure(parser);
                    continue;
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    int i = count++;
                    if (parser.currentToken() != JsonToken.START_OBJECT) {
                        throw FhirErrorCode.FHIR_MALFORMED.exception("Bundle.entry[" + i + "] is not a JSON object");
                    }
                    long from = parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    long to = parser.currentLocation().getByteOffset();
                    byte[] raw = source.slice(from, to);
                    BundleEntryComponent entry = parseEntry(raw, i);
                    Described d = describe(entry, i);
                    if (!fullUrls.add(d.fullUrl())) {
                        throw FhirErrorCode.FHIR_DUPLICATE_FULL_URL.exception("Bundle.entry[" + i + "] repeats fullUrl "
                                + d.fullUrl());
                    }
                    if (d.resourceType().equals("Patient")) {
                        patients++;
                        if (d.resourceId() == null) {
                            throw FhirErrorCode.FHIR_PATIENT_WITHOUT_ID.exception("the Patient in Bundle.entry[" + i
                                    + "] has no id");
                        }
                        patientId = d.resourceId();
                    }
                    if (ranges != null) {
                        ranges.accept(i, from, to, d, entry.getResource());
                    } else {
                        raws.accept(i, raw, d, entry.getResource());
                    }
                }
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw FhirErrorCode.FHIR_MALFORMED.exception("not valid JSON: " + e.getMessage(), e);
        }
        Bundle bundle = fhir.parseResource(Bundle.class, shell.toByteArray());
        if (!bundle.hasType() || !INGESTIBLE.contains(bundle.getType())) {
            throw FhirErrorCode.FHIR_BUNDLE_TYPE_UNSUPPORTED.exception("Bundle type "
                    + (bundle.hasType() ? bundle.getType().toCode() : "(missing)")
                    + " cannot be ingested; expected transaction, batch or collection");
        }
        if (patients == 0) {
            throw FhirErrorCode.FHIR_NO_PATIENT.exception("the Bundle has no Patient entry, so its "
                    + count + " resources would belong to no one");
        }
        if (patients > 1) {
            throw FhirErrorCode.FHIR_MULTIPLE_PATIENTS.exception("the Bundle has " + patients
                    + " Patient entries; one Bundle carries one patient's records");
        }
        return patientId;
    }

    /**
     * Parses one entry as HAPI parses it inside its Bundle: wrapped in a one-entry Bundle, so entry elements
     * ({@code request}, {@code search}, …) are checked strictly too, and the resource reads exactly as before.
     */
    private BundleEntryComponent parseEntry(byte[] raw, int index) {
        byte[] wrapped = new byte[ENTRY_PREFIX.length + raw.length + ENTRY_SUFFIX.length];
        System.arraycopy(ENTRY_PREFIX, 0, wrapped, 0, ENTRY_PREFIX.length);
        System.arraycopy(raw, 0, wrapped, ENTRY_PREFIX.length, raw.length);
        System.arraycopy(ENTRY_SUFFIX, 0, wrapped, ENTRY_PREFIX.length + raw.length, ENTRY_SUFFIX.length);
        Bundle one;
        try {
            one = fhir.parseResource(Bundle.class, wrapped);
        } catch (CareledgerException e) {
            throw new CareledgerException(e.code(), "Bundle.entry[" + index + "]: " + e.getMessage(), e);
        }
        if (one.getEntry().size() != 1) {
            throw FhirErrorCode.FHIR_MALFORMED.exception("Bundle.entry[" + index + "] is not one entry");
        }
        return one.getEntry().get(0);
    }

    private Described describe(BundleEntryComponent entry, int i) {
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
        return new Described(fullUrl, type, id, references(fhir.context().newTerser(), resource));
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
