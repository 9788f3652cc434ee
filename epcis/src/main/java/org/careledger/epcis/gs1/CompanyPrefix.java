package org.careledger.epcis.gs1;

/**
 * A GS1 company prefix: 6 to 12 digits licensed to one manufacturer or distributor. Keys do not record where
 * the prefix ends, so it is known only from an EPC URI (the first dot) or from the licensee's registration.
 */
public record CompanyPrefix(String digits) {
    public static final int MIN_LENGTH = 6;
    public static final int MAX_LENGTH = 12;

    public CompanyPrefix {
        if (digits == null || digits.length() < MIN_LENGTH || digits.length() > MAX_LENGTH
                || !NumericKey.isDigits(digits)) {
            throw Gs1ErrorCode.GS1_BAD_COMPANY_PREFIX.exception(
                    "a GS1 company prefix is 6 to 12 digits, got '" + digits + "'");
        }
    }

    public static CompanyPrefix of(String digits) {
        return new CompanyPrefix(digits);
    }

    public int length() {
        return digits.length();
    }

    @Override
    public String toString() {
        return digits;
    }
}
