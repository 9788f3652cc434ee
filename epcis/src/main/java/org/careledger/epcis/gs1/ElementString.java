package org.careledger.epcis.gs1;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * A GS1 element string split into application identifiers, in either of its two forms:
 * <ul>
 *   <li>human-readable, with the AIs in parentheses: {@code (01)09506000134352(17)261231(10)L1(21)ABC};</li>
 *   <li>as a scanner reports a GS1 DataMatrix or GS1-128: AIs without parentheses, variable-length values ended
 *       by the GS character (U+001D, FNC1), optionally behind a symbology identifier such as {@code ]d2}.</li>
 * </ul>
 * Only the AIs careledger uses are accepted: 00, 01, 10, 17, 21, 254, 414, 417. Fixed-length values are checked
 * for length and digits here; check digits and character sets are checked by the key types.
 *
 * <p>In the parenthesized form a variable-length value ends where the next {@code (AI)} of a supported AI
 * begins; a serial that itself contains such text (say {@code A(10)B}) cannot be told apart and must be
 * exchanged as an EPC URI or Digital Link instead.
 *
 * @param values AI to value, in the order they appeared
 */
public record ElementString(SequencedMap<String, String> values) {
    static final char GROUP_SEPARATOR = '\u001D';
    /** Fixed value length per AI; 0 means variable length up to {@link Cset82#MAX_LENGTH}. */
    private static final Map<String, Integer> FIXED_LENGTH = Map.of(
            "00", 18, "01", 14, "10", 0, "17", 6, "21", 0, "254", 0, "414", 13, "417", 13);
    private static final String SUPPORTED = "00, 01, 10, 17, 21, 254, 414, 417";

    public ElementString {
        if (values == null || values.isEmpty()) {
            throw Gs1ErrorCode.GS1_MALFORMED_ELEMENT_STRING.exception("an element string needs at least one AI");
        }
        values = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(values));
    }

    public Optional<String> value(String ai) {
        return Optional.ofNullable(values.get(ai));
    }

    /** The value of a required AI, or a clear error naming the input. */
    String require(String ai, String keyName) {
        return value(ai).orElseThrow(() -> Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER.exception(
                "element string " + render() + " has no (" + ai + ") " + keyName));
    }

    /** The human-readable form, in the stored AI order. */
    public String render() {
        StringBuilder out = new StringBuilder();
        values.forEach((ai, value) -> out.append('(').append(ai).append(')').append(value));
        return out.toString();
    }

    /** True when the text starts like either element-string form. */
    static boolean looksLikeElementString(String text) {
        return text != null && !text.isEmpty()
                && (text.charAt(0) == '(' || text.charAt(0) == ']' || Character.isDigit(text.charAt(0)));
    }

    public static ElementString parse(String text) {
        if (text == null || text.isEmpty()) {
            throw Gs1ErrorCode.GS1_MALFORMED_ELEMENT_STRING.exception("element string is empty");
        }
        return text.charAt(0) == '(' ? parseParenthesized(text) : parseScanned(text);
    }

    private static ElementString parseParenthesized(String text) {
        SequencedMap<String, String> values = new LinkedHashMap<>();
        int pos = 0;
        while (pos < text.length()) {
            String ai = aiTagAt(text, pos);
            if (ai == null) {
                int close = text.indexOf(')', pos);
                throw malformed(text, text.charAt(pos) == '(' && close > pos
                        ? "AI " + text.substring(pos, close + 1) + " is not supported (" + SUPPORTED + ")"
                        : "expected '(AI)' at position " + pos);
            }
            pos += ai.length() + 2;
            int fixed = FIXED_LENGTH.get(ai);
            int end;
            if (fixed > 0) {
                end = pos + fixed;
                if (end > text.length() || (end < text.length() && text.charAt(end) != '(')) {
                    throw malformed(text, "(" + ai + ") takes exactly " + fixed + " digits");
                }
            } else {
                end = pos;
                while (end < text.length() && aiTagAt(text, end) == null) {
                    end++;
                }
            }
            put(text, values, ai, text.substring(pos, end));
            pos = end;
        }
        return new ElementString(values);
    }

    /** The supported AI whose "(AI)" tag starts at {@code pos}, or null. */
    private static String aiTagAt(String text, int pos) {
        if (text.charAt(pos) != '(') {
            return null;
        }
        int close = text.indexOf(')', pos);
        if (close < 0) {
            return null;
        }
        String ai = text.substring(pos + 1, close);
        return FIXED_LENGTH.containsKey(ai) ? ai : null;
    }

    private static ElementString parseScanned(String text) {
        int pos = 0;
        if (text.charAt(0) == ']') {
            if (text.length() < 3) {
                throw malformed(text, "symbology identifier ']' must be followed by two characters");
            }
            pos = 3;
        }
        SequencedMap<String, String> values = new LinkedHashMap<>();
        while (pos < text.length()) {
            if (text.charAt(pos) == GROUP_SEPARATOR) {
                pos++;
                continue;
            }
            String ai = aiPrefixAt(text, pos);
            pos += ai.length();
            int fixed = FIXED_LENGTH.get(ai);
            int end;
            if (fixed > 0) {
                end = pos + fixed;
                if (end > text.length()) {
                    throw malformed(text, ai + " takes exactly " + fixed + " digits");
                }
            } else {
                end = text.indexOf(GROUP_SEPARATOR, pos);
                end = end < 0 ? text.length() : end;
            }
            put(text, values, ai, text.substring(pos, end));
            pos = end;
        }
        return new ElementString(values);
    }

    /** GS1 AIs are prefix-free, so the first supported AI that matches is the only one. */
    private static String aiPrefixAt(String text, int pos) {
        for (String ai : FIXED_LENGTH.keySet()) {
            if (text.startsWith(ai, pos)) {
                return ai;
            }
        }
        throw malformed(text, "no supported AI (" + SUPPORTED + ") at position " + pos);
    }

    private static void put(String text, SequencedMap<String, String> values, String ai, String value) {
        int fixed = FIXED_LENGTH.get(ai);
        if (fixed > 0 && !NumericKey.isDigits(value)) {
            throw malformed(text, "(" + ai + ") must be digits, got '" + value + "'");
        }
        if (value.isEmpty()) {
            throw malformed(text, "(" + ai + ") has no value");
        }
        if (values.put(ai, value) != null) {
            throw malformed(text, "(" + ai + ") appears twice");
        }
    }

    private static RuntimeException malformed(String text, String why) {
        return Gs1ErrorCode.GS1_MALFORMED_ELEMENT_STRING.exception(
                "'" + text.replace(GROUP_SEPARATOR, '|') + "': " + why);
    }
}
