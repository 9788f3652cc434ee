package org.careledger.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.careledger.core.CareledgerException;

/**
 * Checks a document against GS1's EPCIS 2.0 JSON Schema ({@code EPCIS-JSON-Schema.json}, draft-07, shipped in
 * this module's resources with its origin). The schema is what partners' EPCIS repositories validate against, so a
 * document that fails it is refused with {@code EPCIS_SCHEMA_INVALID} naming the first failures by JSON pointer.
 *
 * <p>This is an admission check (node side, before ordering), not part of the contract: the contract keeps reading
 * documents with {@link EpcisDocumentReader} alone, so blocks committed before the check existed replay alike.
 * Thread-safe; the compiled schema is shared.
 */
public final class EpcisSchema {
    /** Code of a document that does not validate against the EPCIS 2.0 JSON schema. */
    public static final String INVALID = "EPCIS_SCHEMA_INVALID";
    private static final String RESOURCE = "EPCIS-JSON-Schema.json";
    /** Failures named in one refusal; a broken document can fail hundreds of schema branches. */
    private static final int MAX_REPORTED = 5;
    private static final Schema SCHEMA = load();

    private EpcisSchema() {}

    private static Schema load() {
        try (InputStream in = EpcisSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the EPCIS JSON schema is missing from the epcis module's resources");
            }
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema failures of a document (empty when it validates), each as "pointer: message". */
    public static List<String> failures(JsonNode document) {
        return SCHEMA.validate(document).stream().map(EpcisSchema::describe).toList();
    }

    /** Throws {@value #INVALID} when the document does not validate. */
    public static void require(JsonNode document) {
        List<String> failures = failures(document);
        if (!failures.isEmpty()) {
            String shown = String.join("; ", failures.subList(0, Math.min(MAX_REPORTED, failures.size())));
            throw new CareledgerException(INVALID, "the document does not validate against the EPCIS 2.0 JSON schema ("
                    + failures.size() + " failure" + (failures.size() == 1 ? "" : "s") + "): " + shown
                    + (failures.size() > MAX_REPORTED ? "; …" : ""));
        }
    }

    private static String describe(Error e) {
        String at = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
        return (at.isEmpty() ? "$" : at) + ": " + e.getMessage();
    }
}
