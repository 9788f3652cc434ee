package org.careledger.epcis.gs1;

import java.util.Objects;
import java.util.Optional;

/**
 * A GTIN plus a batch/lot number: the class of all packs of one production batch, which is what a recall names
 * and what EPCIS quantity lists count ({@code urn:epc:class:lgtin:...}). The company prefix is not part of
 * equality, as for {@link Sgtin}.
 *
 * @param gtin the product
 * @param lot the batch/lot number, AI 10: 1 to 20 characters of GS1 character set 82
 * @param companyPrefix the licensee's prefix when known
 */
public record Lgtin(Gtin gtin, String lot, Optional<CompanyPrefix> companyPrefix) {
    public Lgtin {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(companyPrefix, "companyPrefix");
        Cset82.require(lot, "lot (AI 10)", Gs1ErrorCode.GS1_BAD_LOT);
        companyPrefix.ifPresent(gtin::requirePrefix);
    }

    public Lgtin(Gtin gtin, String lot) {
        this(gtin, lot, Optional.empty());
    }

    public static Lgtin parse(String text) {
        return switch (IdentifierSyntax.of(text)) {
            case EPC_URI -> fromEpcClassUri(text);
            case DIGITAL_LINK -> fromDigitalLink(text);
            case ELEMENT_STRING -> fromElementString(text);
        };
    }

    /** Parses {@code urn:epc:class:lgtin:CompanyPrefix.IndicatorItemRef.Lot}; the check digit is computed. */
    public static Lgtin fromEpcClassUri(String uri) {
        EpcUrn urn = EpcUrn.parse(uri).expect("class", "lgtin");
        String[] f = urn.fields(3, "CompanyPrefix.IndicatorItemRef.Lot");
        CompanyPrefix prefix = urn.companyPrefix(f[0]);
        urn.digits(f[1], "indicator/item reference");
        urn.requireCombinedLength(prefix, f[1], 13, "indicator/item reference");
        return new Lgtin(Gtin.fromEpcFields(prefix, f[1]), urn.unescape(f[2], "lot"), Optional.of(prefix));
    }

    /** Parses {@code https://{any host}/[path/]01/{gtin}/10/{lot}} (no serial: that would be one pack). */
    public static Lgtin fromDigitalLink(String uri) {
        DigitalLink link = DigitalLink.parse(uri);
        if (!link.primaryAi().equals("01") || !link.qualifiers().keySet().equals(java.util.Set.of("10"))) {
            throw Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER.exception(
                    "expected a Digital Link to a batch (/01/{gtin}/10/{lot}), got '" + uri + "'");
        }
        return new Lgtin(Gtin.of(link.primaryValue()), link.qualifiers().get("10"));
    }

    public static Lgtin fromElementString(String text) {
        ElementString es = ElementString.parse(text);
        return new Lgtin(new Gtin(es.require("01", "GTIN")), es.require("10", "lot"));
    }

    public Lgtin withCompanyPrefix(CompanyPrefix prefix) {
        return new Lgtin(gtin, lot, Optional.of(prefix));
    }

    public String toEpcClassUri() {
        CompanyPrefix prefix = companyPrefix.orElseThrow(() -> Gs1ErrorCode.GS1_COMPANY_PREFIX_UNKNOWN.exception(
                "cannot write batch " + toElementString() + " as an EPC URI: its company-prefix length is"
                        + " unknown; use withCompanyPrefix(...) or a Digital Link"));
        return "urn:epc:class:lgtin:" + prefix.digits() + "." + gtin.indicatorItemReference(prefix) + "."
                + EpcUrn.escape(lot);
    }

    public String toDigitalLink() {
        return DigitalLink.of("01", gtin.digits(), "10", lot).toUri();
    }

    public String toElementString() {
        return gtin.toElementString() + "(10)" + lot;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lgtin other && gtin.equals(other.gtin) && lot.equals(other.lot);
    }

    @Override
    public int hashCode() {
        return Objects.hash(gtin, lot);
    }
}
