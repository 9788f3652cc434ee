package org.careledger.node.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.careledger.core.CareledgerException;
import org.careledger.fhir.FhirR4;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * How the FHIR facade ({@value #PREFIX}) speaks on the wire: the format a request asks for ({@code _format}, else
 * {@code Accept}; JSON when it names neither), resources in that format, and errors as an OperationOutcome carrying
 * the careledger code, with the same HTTP status the code has on the rest of the API ({@link Problems}). It lives in
 * the api package because {@link ApiServer}'s error handlers use it for every request under {@value #PREFIX},
 * including those refused before any FHIR handler ran (authentication, unknown paths).
 */
public final class FhirWire {
    public static final String PREFIX = "/fhir";
    /** The code system of the careledger error code in an OperationOutcome's {@code issue.details}. */
    public static final String CODE_SYSTEM = org.careledger.fhir.ErrorOutcomes.CODE_SYSTEM;

    /** The two FHIR formats HAPI's parser gives. */
    public enum Format {
        JSON("application/fhir+json"), XML("application/fhir+xml");

        public final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    private FhirWire() {}

    /** Whether the request is one for the FHIR facade. */
    public static boolean isFhir(Context ctx) {
        String p = ctx.path();
        return p.equals(PREFIX) || p.startsWith(PREFIX + "/");
    }

    /**
     * The format the request asks for: {@code _format} (json, xml or a FHIR, JSON or XML media type; anything else is
     * 406 FHIR_FORMAT_UNSUPPORTED), else the first JSON or XML type in {@code Accept}, else JSON.
     */
    public static Format format(Context ctx) {
        String f = ctx.queryParam("_format");
        if (f != null && !f.isBlank()) {
            Format chosen = ofMediaType(f.trim().toLowerCase(Locale.ROOT));
            if (chosen == null) {
                throw new CareledgerException("FHIR_FORMAT_UNSUPPORTED", "_format must be json or xml (or"
                        + " application/fhir+json, application/fhir+xml), not '" + f + "'");
            }
            return chosen;
        }
        String accept = ctx.header("Accept");
        if (accept != null) {
            for (String part : accept.split(",")) {
                String type = part.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                Format chosen = ofMediaType(type);
                if (chosen != null) {
                    return chosen;
                }
            }
        }
        return Format.JSON;
    }

    private static Format ofMediaType(String t) {
        return switch (t) {
            // "fhir json": an unescaped '+' in a query string decodes to a space; the meaning is plain
            case "json", "application/fhir+json", "application/fhir json", "application/json", "application/json+fhir"
                    -> Format.JSON;
            case "xml", "application/fhir+xml", "application/fhir xml", "application/xml", "text/xml",
                 "application/xml+fhir" -> Format.XML;
            default -> null;
        };
    }

    /** Writes {@code resource} with {@code status} in the request's format. */
    public static void write(Context ctx, int status, IBaseResource resource) {
        Format format = format(ctx);
        write(ctx, status, format, resource);
    }

    private static void write(Context ctx, int status, Format format, IBaseResource resource) {
        // XML with the JSON parser's settings: versioned references kept as written, compact
        var parser = format == Format.JSON ? FhirR4.shared().newJsonParser()
                : FhirR4.shared().context().newXmlParser().setPrettyPrint(false).setStripVersionsFromReferences(false)
                        .setOverrideResourceIdWithBundleEntryFullUrl(false);
        ctx.status(status).contentType(format.mediaType + ";charset=UTF-8")
                .result(parser.encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
    }

    /** An error as an OperationOutcome: the code's HTTP status, the code in {@code issue.details}, the message. */
    public static void writeOutcome(Context ctx, CareledgerException e) {
        writeOutcome(ctx, Problems.status(e.code()), e.code(), e.getMessage());
    }

    public static void writeOutcome(Context ctx, int status, String code, String message) {
        Format format;
        try {
            format = format(ctx);
        } catch (CareledgerException unsupported) {
            format = Format.JSON; // the error about the format itself still has to be readable
        }
        write(ctx, status, format, outcome(status, code, message));
    }

    /** The OperationOutcome of a refusal with {@code status} and careledger {@code code}. */
    public static OperationOutcome outcome(int status, String code, String message) {
        return org.careledger.fhir.ErrorOutcomes.outcome(status, code, message);
    }
}
