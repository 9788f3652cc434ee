package org.careledger.epcis.gs1;

import java.util.Objects;
import java.util.Optional;

/**
 * A Serial Shipping Container Code: one logistic unit (a case or a pallet) that packs are aggregated into.
 * As with {@link Sgtin}, the company prefix is a rendering aid for EPC URIs and is not part of equality.
 *
 * @param digits 18 digits: extension digit, company prefix, serial reference, check digit
 * @param companyPrefix the licensee's prefix when known (from an EPC URI or {@link #withCompanyPrefix})
 */
public record Sscc(String digits, Optional<CompanyPrefix> companyPrefix) implements Epc {
    public static final int LENGTH = 18;

    public Sscc {
        NumericKey.require(digits, LENGTH, "SSCC");
        Objects.requireNonNull(companyPrefix, "companyPrefix");
        companyPrefix.ifPresent(p -> {
            if (!digits.startsWith(p.digits(), 1)) {
                throw Gs1ErrorCode.GS1_BAD_COMPANY_PREFIX.exception(
                        "SSCC " + digits + " was not allocated under company prefix " + p.digits());
            }
        });
    }

    public Sscc(String digits) {
        this(digits, Optional.empty());
    }

    public static Sscc of(String digits) {
        return new Sscc(digits);
    }

    /** Parses an EPC URI, a Digital Link (any host) or an element string, whichever {@code text} is. */
    public static Sscc parse(String text) {
        return switch (IdentifierSyntax.of(text)) {
            case EPC_URI -> fromEpcUri(text);
            case DIGITAL_LINK -> fromDigitalLink(text);
            case ELEMENT_STRING -> NumericKey.isDigits(text) && text.length() == LENGTH
                    ? new Sscc(text) : fromElementString(text);
        };
    }

    /**
     * Parses {@code urn:epc:id:sscc:CompanyPrefix.SerialReference}, where the serial reference starts with the
     * extension digit, which moves to the front of the 18 digits; the check digit is computed.
     */
    public static Sscc fromEpcUri(String uri) {
        EpcUrn urn = EpcUrn.parse(uri).expect("id", "sscc");
        String[] f = urn.fields(2, "CompanyPrefix.SerialReference");
        CompanyPrefix prefix = urn.companyPrefix(f[0]);
        urn.digits(f[1], "serial reference");
        urn.requireCombinedLength(prefix, f[1], 17, "serial reference");
        String data = f[1].charAt(0) + prefix.digits() + f[1].substring(1);
        return new Sscc(NumericKey.withCheckDigit(data), Optional.of(prefix));
    }

    /** Parses {@code https://{any host}/[path/]00/{sscc}}. */
    public static Sscc fromDigitalLink(String uri) {
        return fromDigitalLink(DigitalLink.parse(uri));
    }

    static Sscc fromDigitalLink(DigitalLink link) {
        if (!link.primaryAi().equals("00")) {
            throw Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER.exception(
                    "expected a Digital Link to a logistic unit (/00/{sscc}), got '" + link.toUri() + "'");
        }
        return new Sscc(link.primaryValue());
    }

    /** Parses {@code (00){sscc}} or its scanned form. */
    public static Sscc fromElementString(String text) {
        return new Sscc(ElementString.parse(text).require("00", "SSCC"));
    }

    public char extensionDigit() {
        return digits.charAt(0);
    }

    public Sscc withCompanyPrefix(CompanyPrefix prefix) {
        return new Sscc(digits, Optional.of(prefix));
    }

    /** {@code urn:epc:id:sscc:...}; needs the company prefix, which a Digital Link does not carry. */
    public String toEpcUri() {
        CompanyPrefix prefix = companyPrefix.orElseThrow(() -> Gs1ErrorCode.GS1_COMPANY_PREFIX_UNKNOWN.exception(
                "cannot write SSCC " + digits + " as an EPC URI: its company-prefix length is unknown;"
                        + " use withCompanyPrefix(...) or a Digital Link"));
        return "urn:epc:id:sscc:" + prefix.digits() + "." + extensionDigit()
                + digits.substring(1 + prefix.length(), LENGTH - 1);
    }

    public String toDigitalLink() {
        return DigitalLink.of("00", digits).toUri();
    }

    public String toElementString() {
        return "(00)" + digits;
    }

    @Override
    public String toUri() {
        return companyPrefix.isPresent() ? toEpcUri() : toDigitalLink();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sscc other && digits.equals(other.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }
}
