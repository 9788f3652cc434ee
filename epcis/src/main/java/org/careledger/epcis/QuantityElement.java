package org.careledger.epcis;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.careledger.epcis.gs1.ProductClass;

/**
 * An entry of a quantity list: an amount of a class of objects that are not serialized (e.g. 200 kg of an active
 * ingredient of one lot). The class is kept as written; {@link #productClass()} interprets it.
 *
 * @param epcClass the class URI as written, e.g. {@code urn:epc:class:lgtin:4012345.012345.998877}
 * @param quantity the amount, when given; trailing zeros are removed so that 10 and 10.0 compare equal
 * @param uom the UN/ECE Recommendation 20 unit code, e.g. {@code KGM}; absent means a count of items
 */
public record QuantityElement(String epcClass, Optional<BigDecimal> quantity, Optional<String> uom) {
    private static final Pattern UOM = Pattern.compile("[A-Z0-9]{2,3}");

    public QuantityElement {
        if (epcClass == null || epcClass.isBlank()) {
            throw EpcisErrorCode.EPCIS_MISSING_FIELD.exception("a quantity element needs an epcClass");
        }
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(uom, "uom");
        quantity.ifPresent(q -> {
            if (q.signum() < 0) {
                throw EpcisErrorCode.EPCIS_BAD_FIELD.exception("quantity of " + epcClass + " is negative: " + q);
            }
        });
        quantity = quantity.map(QuantityElement::normalize);
        uom.ifPresent(u -> {
            if (!UOM.matcher(u).matches()) {
                throw EpcisErrorCode.EPCIS_BAD_FIELD.exception(
                        "uom '" + u + "' of " + epcClass + " is not a 2-3 character UN/ECE Rec 20 code");
            }
        });
    }

    private static BigDecimal normalize(BigDecimal q) {
        BigDecimal stripped = q.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /**
     * The GTIN (and lot) counted, when epcClass is a GS1 product class in URN or Digital Link form; empty for
     * other classes. Documents from {@link EpcisDocumentReader} were already checked, so this does not throw
     * for them.
     */
    public Optional<ProductClass> productClass() {
        return ProductClass.find(epcClass);
    }
}
