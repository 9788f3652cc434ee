package org.careledger.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * The one HAPI {@link FhirContext} for FHIR R4 in a process, and the parser settings every careledger mapping uses.
 *
 * <p>Creating a context scans the whole R4 model (about two seconds on first use), so a process makes one and passes
 * it to every mapper by constructor. {@link #shared()} is a lazily created process-wide instance for places that have
 * no wiring (tests, small tools); it is the only static state in this module and is safe because this class never
 * reconfigures its context after construction — callers must not change {@link #context()}'s options either.
 * Parser options are set per parser instead, which is also why parsers are created per call (HAPI parsers are cheap
 * and not thread-safe; the context is thread-safe).
 *
 * <p><b>Canonical JSON</b> here means HAPI's compact R4 encoding: UTF-8, no insignificant whitespace, elements in
 * the order the FHIR specification defines. The same resource always gives the same bytes, so two nodes that store
 * the same record agree on its hash. Parsing is strict: an unknown element or invalid value is an error rather than
 * something HAPI's default lenient handler would silently drop from a medical record.
 */
public final class FhirR4 {

    private final FhirContext context;

    public FhirR4() {
        this.context = FhirContext.forR4();
    }

    /** The lazily created process-wide instance (holder idiom: created on first call, thread-safe, never replaced). */
    public static FhirR4 shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        private static final FhirR4 INSTANCE = new FhirR4();
    }

    /** The underlying context, for HAPI APIs this class does not wrap. Do not change its options. */
    public FhirContext context() {
        return context;
    }

    /**
     * A fresh JSON parser with careledger's settings: strict errors, compact output, resource ids kept as written
     * (HAPI would otherwise replace a Bundle entry's id with its urn:uuid fullUrl) and versioned references kept
     * as written (HAPI would otherwise strip {@code /_history/n}, changing what a record points to).
     */
    public IParser newJsonParser() {
        IParser parser = context.newJsonParser();
        parser.setParserErrorHandler(new StrictErrorHandler());
        parser.setPrettyPrint(false);
        parser.setOverrideResourceIdWithBundleEntryFullUrl(false);
        parser.setStripVersionsFromReferences(false);
        return parser;
    }

    /** Parses one R4 resource of any type; {@code FHIR_MALFORMED} if it is not valid FHIR R4 JSON. */
    public Resource parseResource(byte[] json) {
        JsonShape shape = resourceShape(json);
        try {
            // the untyped parse picks the class from resourceType; every R4 resource class is a Resource
            return (Resource) newJsonParser().parseResource(JsonShape.utf8(json));
        } catch (DataFormatException e) {
            throw malformed(shape, e);
        }
    }

    /** Parses one R4 resource of the given type; {@code FHIR_MALFORMED} if it is not valid FHIR R4 JSON of it. */
    public <T extends IBaseResource> T parseResource(Class<T> type, byte[] json) {
        Objects.requireNonNull(type, "type");
        JsonShape shape = resourceShape(json);
        try {
            return newJsonParser().parseResource(type, JsonShape.utf8(json));
        } catch (DataFormatException e) {
            throw malformed(shape, e);
        }
    }

    private static JsonShape resourceShape(byte[] json) {
        JsonShape shape = JsonShape.of(json);
        if (!shape.isObject() || shape.resourceType() == null) {
            throw FhirErrorCode.FHIR_MALFORMED.exception("expected a FHIR resource (a JSON object with resourceType), got "
                    + shape.describe());
        }
        return shape;
    }

    private static RuntimeException malformed(JsonShape shape, DataFormatException e) {
        // HAPI reports every content problem (strict handler included) as DataFormatException; the property tests
        // check that damaged input never surfaces as anything else
        return FhirErrorCode.FHIR_MALFORMED.exception("not valid FHIR R4 " + shape.resourceType() + ": "
                + firstLine(e.getMessage()), e);
    }

    /** The canonical JSON bytes of a resource (see the class comment). */
    public byte[] encode(IBaseResource resource) {
        return encodeToString(resource).getBytes(StandardCharsets.UTF_8);
    }

    public String encodeToString(IBaseResource resource) {
        Objects.requireNonNull(resource, "resource");
        return newJsonParser().encodeResourceToString(resource);
    }

    /** Parse then encode: the canonical bytes of a resource given in any valid JSON layout. */
    public byte[] canonicalize(byte[] json) {
        return encode(parseResource(json));
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no details";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
