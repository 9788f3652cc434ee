package org.careledger.epcis.gs1;

import java.util.Locale;

/**
 * An EPC URN split into its parts, e.g. {@code urn:epc:id:sgtin:0614141.107346.2017} is kind {@code id}, scheme
 * {@code sgtin}, body {@code 0614141.107346.2017}. The body is split per scheme, because a serial may itself
 * contain dots.
 */
record EpcUrn(String uri, String kind, String scheme, String body) {
    private static final String PREFIX = "urn:epc:";
    /** Characters of set 82 that the Tag Data Standard requires to be %-escaped inside an EPC URI. */
    private static final String MUST_ESCAPE = "\"%&/<>?";

    static boolean looksLikeEpcUrn(String text) {
        return text != null && text.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    static EpcUrn parse(String uri) {
        if (!looksLikeEpcUrn(uri)) {
            throw Gs1ErrorCode.GS1_MALFORMED_EPC.exception("'" + uri + "' is not an EPC URI (urn:epc:...)");
        }
        String rest = uri.substring(PREFIX.length());
        int c1 = rest.indexOf(':');
        int c2 = c1 < 0 ? -1 : rest.indexOf(':', c1 + 1);
        if (c2 < 0) {
            throw Gs1ErrorCode.GS1_MALFORMED_EPC.exception(
                    "'" + uri + "' lacks the urn:epc:{id|class|idpat}:{scheme}:{value} structure");
        }
        // the NID and the scheme names are case-insensitive in practice; the value part is not
        String kind = rest.substring(0, c1).toLowerCase(Locale.ROOT);
        String scheme = rest.substring(c1 + 1, c2).toLowerCase(Locale.ROOT);
        return new EpcUrn(uri, kind, scheme, rest.substring(c2 + 1));
    }

    /** Checks the kind and scheme, so that e.g. an SSCC URI handed to the SGTIN parser says so plainly. */
    EpcUrn expect(String expectedKind, String expectedScheme) {
        if (!kind.equals(expectedKind) || !scheme.equals(expectedScheme)) {
            throw Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER.exception("expected a urn:epc:" + expectedKind + ":"
                    + expectedScheme + " URI, got '" + uri + "'");
        }
        return this;
    }

    /** Splits the body into exactly {@code count} dot-separated fields; the last one keeps any further dots. */
    String[] fields(int count, String layout) {
        String[] parts = body.split("\\.", count);
        if (parts.length != count) {
            throw Gs1ErrorCode.GS1_MALFORMED_EPC.exception(
                    "'" + uri + "' must have the form urn:epc:" + kind + ":" + scheme + ":" + layout);
        }
        return parts;
    }

    /** Digits of a numeric field, with a message naming the field when it is not digits. */
    String digits(String field, String name) {
        if (!NumericKey.isDigits(field)) {
            throw Gs1ErrorCode.GS1_MALFORMED_EPC.exception(
                    "'" + uri + "': " + name + " must be digits, got '" + field + "'");
        }
        return field;
    }

    /** A company prefix field, reported as an EPC syntax error (the dot position is what is wrong). */
    CompanyPrefix companyPrefix(String field) {
        digits(field, "company prefix");
        if (field.length() < CompanyPrefix.MIN_LENGTH || field.length() > CompanyPrefix.MAX_LENGTH) {
            throw Gs1ErrorCode.GS1_MALFORMED_EPC.exception("'" + uri + "': company prefix '" + field
                    + "' has " + field.length() + " digits, a GS1 company prefix has 6 to 12");
        }
        return new CompanyPrefix(field);
    }

    /** Requires two numeric fields to share {@code total} digits, as the prefix length decides the split. */
    void requireCombinedLength(CompanyPrefix prefix, String second, int total, String secondName) {
        if (prefix.length() + second.length() != total) {
            throw Gs1ErrorCode.GS1_MALFORMED_EPC.exception("'" + uri + "': company prefix and " + secondName
                    + " have " + prefix.length() + "+" + second.length() + " digits, together they must have "
                    + total);
        }
    }

    /** Decodes a set-82 value (serial, lot, extension), undoing the Tag Data Standard %-escapes. */
    String unescape(String field, String what) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '%') {
                int hi = i + 2 < field.length() ? Character.digit(field.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(field.charAt(i + 2), 16);
                if (lo < 0) {
                    throw Gs1ErrorCode.GS1_MALFORMED_EPC.exception(
                            "'" + uri + "': " + what + " has a '%' that does not start a %XX escape");
                }
                out.append((char) (hi * 16 + lo));
                i += 2;
            } else if (MUST_ESCAPE.indexOf(c) >= 0) {
                throw Gs1ErrorCode.GS1_MALFORMED_EPC.exception("'" + uri + "': " + what + " contains '" + c
                        + "', which must be written as " + escape(String.valueOf(c)) + " in an EPC URI");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Applies the Tag Data Standard %-escapes to a set-82 value. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (MUST_ESCAPE.indexOf(c) >= 0) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
