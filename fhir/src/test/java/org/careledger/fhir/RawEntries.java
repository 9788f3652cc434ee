package org.careledger.fhir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exact input bytes of each {@code entry[i].resource} in a Bundle, cut out of the file by token offsets. Tests
 * compare against these rather than against a re-serialised JSON tree, which would rewrite numbers (1.50 → 1.5) and
 * so test the test's own serialiser.
 */
final class RawEntries {

    private RawEntries() {}

    static List<byte[]> resources(byte[] bundle) {
        try (JsonParser p = new JsonFactory().createParser(bundle)) {
            List<byte[]> out = new ArrayList<>();
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("entry")) {
                    p.skipChildren();
                    continue;
                }
                expect(value, JsonToken.START_ARRAY);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String entryField = p.currentName();
                        JsonToken entryValue = p.nextToken();
                        if (entryField.equals("resource")) {
                            expect(entryValue, JsonToken.START_OBJECT);
                            int start = (int) p.currentTokenLocation().getByteOffset();
                            p.skipChildren();
                            int end = (int) p.currentLocation().getByteOffset();
                            out.add(Arrays.copyOfRange(bundle, start, end));
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("expected " + expected + ", got " + actual);
        }
    }
}
