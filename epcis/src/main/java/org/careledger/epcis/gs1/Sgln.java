package org.careledger.epcis.gs1;

import java.util.Objects;
import java.util.Optional;

/**
 * A physical location: a GLN plus an optional extension (AI 254) for a sub-location such as a dock door or a
 * dispensary shelf. Used for EPCIS readPoint and bizLocation. The Tag Data Standard writes "no extension" as
 * {@code .0} in the EPC URI; here it is an empty {@code extension}.
 *
 * @param gln the location's GLN
 * @param extension the AI 254 extension, set 82, never "0"
 * @param companyPrefix the licensee's prefix when known; not part of equality
 */
public record Sgln(Gln gln, Optional<String> extension, Optional<CompanyPrefix> companyPrefix) {
    private static final String NO_EXTENSION = "0";

    public Sgln {
        Objects.requireNonNull(gln, "gln");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(companyPrefix, "companyPrefix");
        // "0" is the Tag Data Standard's spelling of "no extension"; keeping one spelling keeps equality honest
        extension = extension.filter(e -> !e.equals(NO_EXTENSION));
        extension.ifPresent(e -> Cset82.require(e, "GLN extension (AI 254)", Gs1ErrorCode.GS1_BAD_EXTENSION));
        companyPrefix.ifPresent(gln::requirePrefix);
    }

    public Sgln(Gln gln) {
        this(gln, Optional.empty(), Optional.empty());
    }

    /** Parses an EPC URI, a Digital Link ({@code /414/{gln}[/254/{ext}]}) or an element string. */
    public static Sgln parse(String text) {
        return switch (IdentifierSyntax.of(text)) {
            case EPC_URI -> fromEpcUri(text);
            case DIGITAL_LINK -> fromDigitalLink(text);
            case ELEMENT_STRING -> fromElementString(text);
        };
    }

    /** Parses {@code urn:epc:id:sgln:CompanyPrefix.LocationRef.Extension}; the GLN check digit is computed. */
    public static Sgln fromEpcUri(String uri) {
        EpcUrn urn = EpcUrn.parse(uri).expect("id", "sgln");
        String[] f = urn.fields(3, "CompanyPrefix.LocationRef.Extension");
        CompanyPrefix prefix = urn.companyPrefix(f[0]);
        Gln gln = Gln.fromEpcFields(urn, prefix, f[1], "location reference");
        return new Sgln(gln, Optional.of(urn.unescape(f[2], "extension")), Optional.of(prefix));
    }

    public static Sgln fromDigitalLink(String uri) {
        DigitalLink link = DigitalLink.parse(uri);
        if (!link.primaryAi().equals("414")) {
            throw Gs1ErrorCode.GS1_UNEXPECTED_IDENTIFIER.exception(
                    "expected a Digital Link to a location (/414/{gln}), got '" + uri + "'");
        }
        return new Sgln(new Gln(link.primaryValue()), link.qualifier("254"), Optional.empty());
    }

    public static Sgln fromElementString(String text) {
        ElementString es = ElementString.parse(text);
        return new Sgln(new Gln(es.require("414", "location GLN")), es.value("254"), Optional.empty());
    }

    public Sgln withCompanyPrefix(CompanyPrefix prefix) {
        return new Sgln(gln, extension, Optional.of(prefix));
    }

    public String toEpcUri() {
        CompanyPrefix prefix = companyPrefix.orElseThrow(() -> Gs1ErrorCode.GS1_COMPANY_PREFIX_UNKNOWN.exception(
                "cannot write location " + gln + " as an EPC URI: its company-prefix length is unknown;"
                        + " use withCompanyPrefix(...) or a Digital Link"));
        return "urn:epc:id:sgln:" + prefix.digits() + "." + gln.digits().substring(prefix.length(), Gln.LENGTH - 1)
                + "." + EpcUrn.escape(extension.orElse(NO_EXTENSION));
    }

    public String toDigitalLink() {
        return extension.map(e -> DigitalLink.of("414", gln.digits(), "254", e))
                .orElseGet(() -> DigitalLink.of("414", gln.digits()))
                .toUri();
    }

    public String toElementString() {
        return "(414)" + gln.digits() + extension.map(e -> "(254)" + e).orElse("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sgln other && gln.equals(other.gln) && extension.equals(other.extension);
    }

    @Override
    public int hashCode() {
        return Objects.hash(gln, extension);
    }
}
