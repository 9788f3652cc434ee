package org.careledger.epcis.gs1;

/**
 * GS1 AI encodable character set 82: the only characters allowed in serials, lots and GLN extensions. Checking
 * it at the edge keeps values that no barcode could carry (spaces, non-ASCII) out of the ledger.
 */
final class Cset82 {
    static final String CHARACTERS =
            "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    static final int MAX_LENGTH = 20;

    private Cset82() {}

    static boolean contains(char c) {
        return c < 128 && CHARACTERS.indexOf(c) >= 0;
    }

    /** Returns {@code value} when it is 1..20 characters of set 82; otherwise throws {@code code}. */
    static String require(String value, String what, Gs1ErrorCode code) {
        if (value == null || value.isEmpty()) {
            throw code.exception(what + " is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw code.exception(what + " '" + value + "' has " + value.length() + " characters, at most "
                    + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!contains(c)) {
                throw code.exception(what + " '" + value + "' contains " + describe(c)
                        + ", which is not in the GS1 AI encodable character set 82");
            }
        }
        return value;
    }

    static String describe(char c) {
        return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
