package org.careledger.epcis.gs1;

/**
 * A Global Location Number: 13 digits naming a party (a pharmacy, a wholesaler) or a place. EPCIS writes parties
 * as {@code urn:epc:id:pgln:...} in source and destination lists; places are {@link Sgln}s.
 *
 * @param digits 13 digits whose last digit is the GS1 check digit
 */
public record Gln(String digits) {
    public static final int LENGTH = 13;

    public Gln {
        NumericKey.require(digits, LENGTH, "GLN");
    }

    public static Gln of(String digits) {
        return new Gln(digits);
    }

    /** Builds the GLN from an EPC URI's company prefix and the reference that follows it. */
    static Gln fromEpcFields(EpcUrn urn, CompanyPrefix prefix, String reference, String referenceName) {
        if (!reference.isEmpty()) { // a 12-digit company prefix leaves no room for a reference
            urn.digits(reference, referenceName);
        }
        urn.requireCombinedLength(prefix, reference, 12, referenceName);
        return new Gln(NumericKey.withCheckDigit(prefix.digits() + reference));
    }

    /**
     * Parses a party: 13 digits, {@code urn:epc:id:pgln:CompanyPrefix.PartyRef}, a Digital Link
     * {@code .../417/{gln}} or an element string {@code (417){gln}}.
     */
    public static Gln parse(String text) {
        return switch (IdentifierSyntax.of(text)) {
            case EPC_URI -> fromPglnUri(text);
            case DIGITAL_LINK -> fromDigitalLink(text);
            case ELEMENT_STRING -> NumericKey.isDigits(text) && text.length() == LENGTH
                    ? new Gln(text) : new Gln(ElementString.parse(text).require("417", "party GLN"));
        };
    }

    public static Gln fromPglnUri(String uri) {
        EpcUrn urn = EpcUrn.parse(uri).expect("id", "pgln");
        String[] f = urn.fields(2, "CompanyPrefix.PartyRef");
        return fromEpcFields(urn, urn.companyPrefix(f[0]), f[1], "party reference");
    }

    public static Gln fromDigitalLink(String uri) {
        DigitalLink link = DigitalLink.parse(uri);
        if (!link.primaryAi().equals("417") || !link.qualifiers().isEmpty()) {
            throw Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER.exception(
                    "expected a Digital Link to a party (/417/{gln}), got '" + uri + "'");
        }
        return new Gln(link.primaryValue());
    }

    public boolean startsWith(CompanyPrefix prefix) {
        return digits.startsWith(prefix.digits());
    }

    /** {@code urn:epc:id:pgln:...}, the party form used in EPCIS source and destination lists. */
    public String toPglnUri(CompanyPrefix prefix) {
        requirePrefix(prefix);
        return "urn:epc:id:pgln:" + prefix.digits() + "." + digits.substring(prefix.length(), LENGTH - 1);
    }

    public String toPartyDigitalLink() {
        return DigitalLink.of("417", digits).toUri();
    }

    void requirePrefix(CompanyPrefix prefix) {
        if (!startsWith(prefix)) {
            throw Gs1ErrorCode.GS1_BAD_COMPANY_PREFIX.exception(
                    "GLN " + digits + " was not allocated under company prefix " + prefix.digits());
        }
    }

    @Override
    public String toString() {
        return digits;
    }
}
