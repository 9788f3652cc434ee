package org.careledger.epcis.gs1;

/** Validation shared by the fixed-length numeric keys (GTIN, SSCC, GLN): length, digits, check digit. */
final class NumericKey {
    private NumericKey() {}

    static String require(String digits, int length, String keyName) {
        if (digits == null) {
            throw Gs1ErrorCode.GS1_MALFORMED_KEY.exception(keyName + " is missing");
        }
        if (digits.length() != length || !isDigits(digits)) {
            throw Gs1ErrorCode.GS1_MALFORMED_KEY.exception(
                    keyName + " must be " + length + " digits, got '" + digits + "'");
        }
        char expected = Gs1CheckDigit.compute(digits.substring(0, length - 1));
        if (digits.charAt(length - 1) != expected) {
            throw Gs1ErrorCode.GS1_BAD_CHECK_DIGIT.exception(keyName + " " + digits + " ends in check digit "
                    + digits.charAt(length - 1) + ", but its digits give " + expected);
        }
        return digits;
    }

    /** {@code data} (a key without its check digit) with the check digit appended. */
    static String withCheckDigit(String data) {
        return data + Gs1CheckDigit.compute(data);
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
