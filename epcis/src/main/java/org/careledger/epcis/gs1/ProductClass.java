package org.careledger.epcis.gs1;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The product an EPCIS quantity element counts, when its {@code epcClass} is a GS1 class identifier: a GTIN,
 * narrowed to one batch when a lot is given. It lets a quantity written as {@code urn:epc:class:lgtin:...} and one
 * written as {@code https://id.gs1.org/01/.../10/...} be compared.
 *
 * @param gtin the product
 * @param lot the batch/lot number, when the class is one batch
 */
public record ProductClass(Gtin gtin, Optional<String> lot) {
    /** {@code urn:epc:idpat:sgtin:} patterns that name exactly one GTIN (every serial of it). */
    private static final Pattern WHOLE_GTIN_PATTERN = Pattern.compile("\\d+\\.\\d+\\.\\*");

    public ProductClass {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(lot, "lot");
        lot.ifPresent(l -> Cset82.require(l, "lot (AI 10)", Gs1ErrorCode.GS1_BAD_LOT));
    }

    /**
     * Interprets an epcClass. Empty when it is not a GS1 product class (a private URI, or a pattern over several
     * GTINs); throws when it is one but malformed, e.g. a Digital Link GTIN with a wrong check digit.
     */
    public static Optional<ProductClass> find(String epcClass) {
        if (EpcUrn.looksLikeEpcUrn(epcClass)) {
            EpcUrn urn = EpcUrn.parse(epcClass);
            if (urn.kind().equals("class") && urn.scheme().equals("lgtin")) {
                Lgtin lgtin = Lgtin.fromEpcClassUri(epcClass);
                return Optional.of(new ProductClass(lgtin.gtin(), Optional.of(lgtin.lot())));
            }
            if (urn.kind().equals("idpat") && urn.scheme().equals("sgtin")
                    && WHOLE_GTIN_PATTERN.matcher(urn.body()).matches()) {
                return Optional.of(new ProductClass(Gtin.fromEpcPattern(epcClass), Optional.empty()));
            }
            return Optional.empty();
        }
        return DigitalLink.find(epcClass)
                .filter(link -> link.primaryAi().equals("01"))
                .filter(link -> link.qualifiers().keySet().stream().allMatch("10"::equals))
                .map(link -> new ProductClass(Gtin.of(link.primaryValue()), link.qualifier("10")));
    }
}
