package org.careledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.careledger.core.json.CanonicalJson;

/** Pretty JSON for terminal output. */
final class Json {
    private static final ObjectMapper PRETTY = CanonicalJson.mapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
