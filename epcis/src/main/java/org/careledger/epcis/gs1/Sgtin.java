package org.careledger.epcis.gs1;

import java.util.Objects;
import java.util.Optional;

/**
 * A serialized GTIN: one individual medicine pack, the unit that is verified at the pharmacy.
 *
 * <p>Identity is the GTIN and the serial. The company prefix is only a rendering aid: an EPC URI needs it (it
 * marks where the prefix ends) but a Digital Link or a scanned barcode does not carry it. So {@link #equals}
 * ignores it, and the same pack read as {@code urn:epc:id:sgtin:...} and as {@code https://id.gs1.org/01/...}
 * compares equal.
 *
 * @param gtin the product
 * @param serial the serial number, AI 21: 1 to 20 characters of GS1 character set 82
 * @param companyPrefix the licensee's prefix when known (from an EPC URI or {@link #withCompanyPrefix})
 */
public record Sgtin(Gtin gtin, String serial, Optional<CompanyPrefix> companyPrefix) implements Epc {
    private static final String EPC_LAYOUT = "CompanyPrefix.IndicatorItemRef.Serial";

    public Sgtin {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(companyPrefix, "companyPrefix");
        Cset82.require(serial, "serial (AI 21)", Gs1ErrorCode.GS1_BAD_SERIAL);
        companyPrefix.ifPresent(gtin::requirePrefix);
    }

    public Sgtin(Gtin gtin, String serial) {
        this(gtin, serial, Optional.empty());
    }

    /** Parses an EPC URI, a Digital Link (any host) or an element string, whichever {@code text} is. */
    public static Sgtin parse(String text) {
        return switch (IdentifierSyntax.of(text)) {
            case EPC_URI -> fromEpcUri(text);
            case DIGITAL_LINK -> fromDigitalLink(text);
            case ELEMENT_STRING -> fromElementString(text);
        };
    }

    /** Parses {@code urn:epc:id:sgtin:CompanyPrefix.IndicatorItemRef.Serial}; the GTIN check digit is computed. */
    public static Sgtin fromEpcUri(String uri) {
        EpcUrn urn = EpcUrn.parse(uri).expect("id", "sgtin");
        String[] f = urn.fields(3, EPC_LAYOUT);
        CompanyPrefix prefix = urn.companyPrefix(f[0]);
        urn.digits(f[1], "indicator/item reference");
        urn.requireCombinedLength(prefix, f[1], 13, "indicator/item reference");
        String serial = urn.unescape(f[2], "serial");
        return new Sgtin(Gtin.fromEpcFields(prefix, f[1]), serial, Optional.of(prefix));
    }

    /** Parses {@code https://{any host}/[path/]01/{gtin}[/10/{lot}]/21/{serial}}; a lot qualifier is ignored. */
    public static Sgtin fromDigitalLink(String uri) {
        return fromDigitalLink(DigitalLink.parse(uri));
    }

    static Sgtin fromDigitalLink(DigitalLink link) {
        String text = link.toUri();
        if (!link.primaryAi().equals("01") || !link.qualifiers().containsKey("21")) {
            throw Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER.exception(
                    "expected a Digital Link to a serialized item (/01/{gtin}/21/{serial}), got '" + text + "'");
        }
        for (String ai : link.qualifiers().keySet()) {
            if (!ai.equals("21") && !ai.equals("10")) {
                throw Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER.exception(
                        "'" + text + "': qualifier /" + ai + "/ is not part of an SGTIN");
            }
        }
        return new Sgtin(Gtin.of(link.primaryValue()), link.qualifiers().get("21"));
    }

    /**
     * Parses an element string containing (01) and (21), such as {@code (01)09506000134352(21)ABC} or the
     * scanned form; attributes like (17) expiry and (10) lot are ignored here (see {@link PackLabel}).
     */
    public static Sgtin fromElementString(String text) {
        ElementString es = ElementString.parse(text);
        return new Sgtin(new Gtin(es.require("01", "GTIN")), es.require("21", "serial"));
    }

    /** This SGTIN with a known company prefix, so that it can be written as an EPC URI. */
    public Sgtin withCompanyPrefix(CompanyPrefix prefix) {
        return new Sgtin(gtin, serial, Optional.of(prefix));
    }

    /** {@code urn:epc:id:sgtin:...}; needs the company prefix, which a Digital Link does not carry. */
    public String toEpcUri() {
        CompanyPrefix prefix = companyPrefix.orElseThrow(() -> Gs1ErrorCode.GS1_COMPANY_PREFIX_UNKNOWN.exception(
                "cannot write SGTIN " + toElementString() + " as an EPC URI: its company-prefix length is"
                        + " unknown; use withCompanyPrefix(...) or a Digital Link"));
        return "urn:epc:id:sgtin:" + prefix.digits() + "." + gtin.indicatorItemReference(prefix) + "."
                + EpcUrn.escape(serial);
    }

    public String toDigitalLink() {
        return toDigitalLink(DigitalLink.CANONICAL_BASE);
    }

    public String toDigitalLink(String resolverBase) {
        return DigitalLink.of("01", gtin.digits(), "21", serial).toUri(resolverBase);
    }

    public String toElementString() {
        return gtin.toElementString() + "(21)" + serial;
    }

    @Override
    public String toUri() {
        return companyPrefix.isPresent() ? toEpcUri() : toDigitalLink();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sgtin other && gtin.equals(other.gtin) && serial.equals(other.serial);
    }

    @Override
    public int hashCode() {
        return Objects.hash(gtin, serial);
    }
}
