package org.careledger.fhir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * A streaming pass over raw JSON before HAPI sees it. It exists for three reasons HAPI does not cover: a clear
 * error for bytes that are not UTF-8 JSON at all, a "what is the top-level resourceType" answer without building a
 * model, and rejecting duplicate object keys, which different FHIR parsers resolve differently (first wins vs. last
 * wins) and so could make the ledger and a reader disagree about what a record says.
 */
record JsonShape(JsonToken topLevelToken, String resourceType) {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads the whole document; throws {@code FHIR_MALFORMED} if it is not a single well-formed UTF-8 JSON value. */
    static JsonShape of(byte[] json) {
        if (json == null || json.length == 0) {
            throw FhirErrorCode.FHIR_MALFORMED.exception("empty input: expected a FHIR JSON resource");
        }
        try {
            return of(FACTORY.createParser(json));
        } catch (IOException e) {
            throw FhirErrorCode.FHIR_MALFORMED.exception("not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /** As {@link #of(byte[])}, streaming: memory does not grow with the document. */
    static JsonShape of(java.io.InputStream json) {
        try {
            return of(FACTORY.createParser(json));
        } catch (IOException e) {
            throw FhirErrorCode.FHIR_MALFORMED.exception("not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static JsonShape of(JsonParser created) {
        try (JsonParser parser = created) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw FhirErrorCode.FHIR_MALFORMED.exception("no JSON value in input");
            }
            String resourceType = null;
            if (first == JsonToken.START_OBJECT) {
                // only top-level fields matter; nested objects are walked to validate them, not read
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
                    if (token == null) {
                        throw FhirErrorCode.FHIR_MALFORMED.exception("not valid JSON: unexpected end of input");
                    }
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (token == JsonToken.FIELD_NAME && "resourceType".equals(field) && value == JsonToken.VALUE_STRING) {
                        resourceType = parser.getText();
                    }
                    skipValue(parser, value);
                }
            } else {
                skipValue(parser, first);
            }
            if (parser.nextToken() != null) {
                throw FhirErrorCode.FHIR_MALFORMED.exception("trailing content after the JSON value at "
                        + location(parser));
            }
            return new JsonShape(first, resourceType);
        } catch (IOException e) {
            String what = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw FhirErrorCode.FHIR_MALFORMED.exception("not valid JSON: " + firstLine(what), e);
        }
    }

    /** Decodes strictly: a lenient decoder would silently turn invalid bytes into U+FFFD inside a medical record. */
    static String utf8(byte[] json) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw FhirErrorCode.FHIR_MALFORMED.exception("input is not valid UTF-8", e);
        }
    }

    boolean isObject() {
        return topLevelToken == JsonToken.START_OBJECT;
    }

    /** A phrase for error messages saying what the top level is. */
    String describe() {
        if (!isObject()) {
            return "a JSON " + switch (topLevelToken) {
                case START_ARRAY -> "array";
                case VALUE_STRING -> "string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
                case VALUE_TRUE, VALUE_FALSE -> "boolean";
                default -> "null";
            };
        }
        return resourceType == null ? "a JSON object without resourceType" : "a " + resourceType + " resource";
    }

    private static void skipValue(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            // walk token by token (not skipChildren) so duplicate keys deep inside are detected too
            int depth = 1;
            while (depth > 0) {
                JsonToken t = parser.nextToken();
                if (t == null) {
                    throw FhirErrorCode.FHIR_MALFORMED.exception("not valid JSON: unexpected end of input");
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        }
    }

    private static String location(JsonParser parser) {
        var loc = parser.currentLocation();
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
