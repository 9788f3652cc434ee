package org.careledger.epcis.gs1;

/**
 * A Global Trade Item Number in its 14-digit form (GTIN-14): indicator digit, company prefix, item reference,
 * check digit. It names a product (a pack size of a medicine), not an individual pack; see {@link Sgtin}.
 *
 * @param digits exactly 14 digits whose last digit is the GS1 check digit
 */
public record Gtin(String digits) {
    public static final int LENGTH = 14;

    public Gtin {
        NumericKey.require(digits, LENGTH, "GTIN");
    }

    /**
     * A GTIN from its digits. GTIN-8, -12 and -13 are accepted and padded to 14 digits with leading zeros,
     * which leaves the check digit unchanged (leading zeros add nothing to the weighted sum).
     */
    public static Gtin of(String digits) {
        if (digits != null && (digits.length() == 8 || digits.length() == 12 || digits.length() == 13)) {
            return new Gtin("0".repeat(LENGTH - digits.length()) + digits);
        }
        return new Gtin(digits);
    }

    /** The GTIN named by an EPC URI's company prefix and indicator/item reference; the check digit is computed. */
    public static Gtin fromEpcFields(CompanyPrefix prefix, String indicatorItemReference) {
        if (indicatorItemReference == null || !NumericKey.isDigits(indicatorItemReference)
                || prefix.length() + indicatorItemReference.length() != LENGTH - 1) {
            throw Gs1ErrorCode.GS1_MALFORMED_KEY.exception("indicator/item reference '" + indicatorItemReference
                    + "' must be " + (LENGTH - 1 - prefix.length()) + " digits after company prefix " + prefix);
        }
        String data = indicatorItemReference.charAt(0) + prefix.digits() + indicatorItemReference.substring(1);
        return new Gtin(NumericKey.withCheckDigit(data));
    }

    /**
     * Parses a class-level product identifier: 8 to 14 digits, an EPC pattern URI
     * {@code urn:epc:idpat:sgtin:CompanyPrefix.IndicatorItemRef.*}, a Digital Link {@code .../01/{gtin}} without
     * qualifiers, or an element string {@code (01){gtin}}.
     */
    public static Gtin parse(String text) {
        return switch (IdentifierSyntax.of(text)) {
            case EPC_URI -> fromEpcPattern(text);
            case DIGITAL_LINK -> fromDigitalLink(text);
            case ELEMENT_STRING -> isBareGtin(text) ? of(text) : fromElementString(text);
        };
    }

    private static boolean isBareGtin(String text) {
        int n = text.length();
        return NumericKey.isDigits(text) && (n == 8 || n == 12 || n == 13 || n == LENGTH);
    }

    /** Parses {@code urn:epc:idpat:sgtin:CompanyPrefix.IndicatorItemRef.*} (all serials of one GTIN). */
    public static Gtin fromEpcPattern(String uri) {
        EpcUrn urn = EpcUrn.parse(uri).expect("idpat", "sgtin");
        String[] f = urn.fields(3, "CompanyPrefix.IndicatorItemRef.*");
        if (!f[2].equals("*")) {
            throw Gs1ErrorCode.GS1_MALFORMED_EPC.exception("'" + uri + "': only the '*' serial pattern names a"
                    + " whole GTIN, got '" + f[2] + "'");
        }
        CompanyPrefix prefix = urn.companyPrefix(f[0]);
        urn.digits(f[1], "indicator/item reference");
        urn.requireCombinedLength(prefix, f[1], 13, "indicator/item reference");
        return fromEpcFields(prefix, f[1]);
    }

    public static Gtin fromDigitalLink(String uri) {
        DigitalLink link = DigitalLink.parse(uri);
        if (!link.primaryAi().equals("01") || !link.qualifiers().isEmpty()) {
            throw Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER.exception(
                    "expected a Digital Link to a product (/01/{gtin} without qualifiers), got '" + uri + "'");
        }
        return of(link.primaryValue());
    }

    public static Gtin fromElementString(String text) {
        ElementString es = ElementString.parse(text);
        if (es.values().size() != 1) {
            throw Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER.exception(
                    "expected only (01) in element string '" + text + "'");
        }
        return new Gtin(es.require("01", "GTIN"));
    }

    public char indicator() {
        return digits.charAt(0);
    }

    public char checkDigit() {
        return digits.charAt(LENGTH - 1);
    }

    /** True when this GTIN was allocated under {@code prefix} (the digits after the indicator start with it). */
    public boolean startsWith(CompanyPrefix prefix) {
        return digits.startsWith(prefix.digits(), 1);
    }

    /** The EPC URI field that follows the company prefix: indicator digit, then the item reference. */
    public String indicatorItemReference(CompanyPrefix prefix) {
        requirePrefix(prefix);
        return indicator() + digits.substring(1 + prefix.length(), LENGTH - 1);
    }

    /** {@code urn:epc:idpat:sgtin:...*}: the EPC pattern for every serialized pack of this GTIN. */
    public String toEpcPattern(CompanyPrefix prefix) {
        return "urn:epc:idpat:sgtin:" + prefix.digits() + "." + indicatorItemReference(prefix) + ".*";
    }

    public String toDigitalLink() {
        return DigitalLink.of("01", digits).toUri();
    }

    public String toElementString() {
        return "(01)" + digits;
    }

    void requirePrefix(CompanyPrefix prefix) {
        if (!startsWith(prefix)) {
            throw Gs1ErrorCode.GS1_BAD_COMPANY_PREFIX.exception(
                    "GTIN " + digits + " was not allocated under company prefix " + prefix.digits());
        }
    }

    @Override
    public String toString() {
        return digits;
    }
}
