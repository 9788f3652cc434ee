package org.careledger.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.careledger.core.Hash;

/**
 * A deterministic identity for an EPCIS event that carries no eventID (eventID is optional in EPCIS 2.0), so that
 * re-sending the same event is recognized as a duplicate.
 *
 * <p><b>This is not GS1's event hash</b> (CBV 2.0 §8.9, {@code ni:///sha-256;…?ver=CBV2.0}), whose canonical
 * pre-hash string normalizes identifiers to Digital Links, CBV values to web URIs, times to UTC and orders fields
 * in a fixed sequence. It is the SHA-256 of the event's own JSON in a canonical form: object keys sorted by code
 * point, no whitespace, strings as JSON strings, numbers as plain decimals without trailing zeros, with the fields
 * a capturing system adds or that name the event rather than describe it ({@code eventID}, {@code recordTime})
 * left out. The same event re-sent byte for byte, or re-serialized with other key order or whitespace, gets the
 * same identity; the same event written with other identifier syntaxes (EPC URI vs Digital Link) does not.
 */
public final class EventIdentity {
    /** Prefix of a derived identity; the rest is 64 lowercase hex digits. */
    public static final String PREFIX = "urn:careledger:epcis:event-json-sha256:";
    private static final int MAX_PLAIN_SCALE = 64;

    private EventIdentity() {}

    /** The derived identity of an event given as its JSON object. */
    public static String of(JsonNode event) {
        StringBuilder out = new StringBuilder();
        write(event, out, true);
        return PREFIX + Hash.sha256(out.toString().getBytes(StandardCharsets.UTF_8)).hex();
    }

    private static void write(JsonNode node, StringBuilder out, boolean top) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            out.append('{');
            boolean first = true;
            for (String name : names) {
                if (top && (name.equals("eventID") || name.equals("recordTime"))) {
                    continue;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(name, out);
                out.append(':');
                write(node.get(name), out, false);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out, false);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.asText(), out);
        } else if (node.isNumber()) {
            BigDecimal d = node.decimalValue().stripTrailingZeros();
            // a huge exponent (1e999999999) stays in scientific form: written plainly it would be a billion digits
            out.append(d.signum() == 0 ? "0" : Math.abs((long) d.scale()) > MAX_PLAIN_SCALE ? d.toString() : d.toPlainString());
        } else if (node.isBoolean()) {
            out.append(node.asBoolean());
        } else {
            out.append("null");
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
