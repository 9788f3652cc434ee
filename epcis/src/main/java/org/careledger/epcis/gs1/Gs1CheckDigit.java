package org.careledger.epcis.gs1;

/**
 * The GS1 mod-10 check digit shared by GTIN, SSCC and GLN. Weights 3 and 1 alternate from the rightmost data
 * digit; because 3 is coprime to 10, any single changed digit changes the check digit, which is why a bad scan
 * or typo is caught before it reaches the ledger.
 */
public final class Gs1CheckDigit {
    private Gs1CheckDigit() {}

    /** The check digit for {@code data}, which must be digits only (the key without its last digit). */
    public static char compute(CharSequence data) {
        int sum = 0;
        for (int i = data.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
            char c = data.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("check digit input must be digits only, got '" + c + "'");
            }
            sum += (c - '0') * weight;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /** True when {@code key} is all digits and its last digit is the check digit of the rest. */
    public static boolean isValid(CharSequence key) {
        if (key.length() < 2 || !key.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return compute(key.subSequence(0, key.length() - 1)) == key.charAt(key.length() - 1);
    }
}
